"""Markup assertions on parsed HTML: find elements by tag and attributes, read their text.

A test about markup (a link's href, a form's fields, a class that means a state, the order of
rows) asks the parsed document, not a substring of it, so that it does not pass on a string
that happens to appear in a script, a comment or another element, and fails when the element
is not there. The parser is Django's (``django.test.html.parse_html``), the one behind
``assertContains(..., html=True)`` and ``assertInHTML``.

    select(page, "a", href="/focus/")              # every <a href="/focus/">
    select(page, "input", name="stage", checked=True)
    select(page, "li", class_="is-resolved", text="Onboarding")
    one(page, "form", hx_post=url)                 # exactly one, or the test fails
    links_to(page, "/focus/")                      # <a href="/focus/">, "/focus/#x", "/focus/?y"
    text_of(one(page, "h1"))                        # its text, spaces collapsed

Attribute names take ``_`` for ``-`` (``hx_post`` is ``hx-post``) and a trailing ``_`` for a
Python keyword (``class_``, ``for_``). A value of ``True`` means the attribute is present,
``False`` that it is absent; a compiled pattern must match the whole value; ``class_``
matches when the element has every class named.
"""

import re
from collections.abc import Iterator

from django.test.html import Element, normalize_whitespace, parse_html

Markup = str | bytes | Element


def document(markup) -> Element:
    """The parsed document of a response, its content, or a string; an element as it is."""
    if isinstance(markup, Element):
        return markup
    content = getattr(markup, "content", markup)
    if isinstance(content, bytes):
        content = content.decode()
    return parse_html(content)


def _name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def attributes(element: Element) -> dict[str, str | None]:
    """The element's attributes by name; a boolean attribute's value is None."""
    return dict(element.attributes)


def classes(element: Element) -> set[str]:
    return set((attributes(element).get("class") or "").split())


def text_of(element) -> str:
    """What a reader sees of an element (or a document): its text, spaces collapsed."""
    if isinstance(element, str):
        return normalize_whitespace(element).strip()
    parts = [text_of(child) for child in element.children]
    # The parser drops the spaces around tags; a reader sees none before punctuation.
    return re.sub(r" ([,.;:!?)”’])", r"\1", " ".join(part for part in parts if part))


def _walk(element: Element) -> Iterator[Element]:
    for child in element.children:
        if isinstance(child, Element):
            yield child
            yield from _walk(child)


def _matches(element: Element, tag: str | None, text: str | None, attrs: dict) -> bool:
    if tag is not None and element.name != tag:
        return False
    own = attributes(element)
    for key, wanted in attrs.items():
        name = _name(key)
        if wanted is True:
            if name not in own:
                return False
        elif wanted is False or wanted is None:
            if name in own:
                return False
        elif isinstance(wanted, re.Pattern):
            if own.get(name) is None or not wanted.fullmatch(own[name]):
                return False
        elif name == "class":
            if not set(str(wanted).split()) <= classes(element):
                return False
        elif own.get(name) != str(wanted):
            return False
    return text is None or text in text_of(element)


def select(markup, tag: str | None = None, /, *, text: str | None = None, **attrs) -> list:
    """Every element named ``tag`` (any, when None) with ``attrs`` and containing ``text``,
    in document order."""
    root = document(markup)
    candidates = [root, *_walk(root)] if root.name is not None else list(_walk(root))
    return [element for element in candidates if _matches(element, tag, text, attrs)]


def one(markup, tag: str | None = None, /, *, text: str | None = None, **attrs) -> Element:
    """The single element that ``select`` finds; fails, saying how many, when there is not one."""
    found = select(markup, tag, text=text, **attrs)
    wanted = " ".join([f"<{tag or '*'}", *(f'{_name(k)}="{v}"' for k, v in attrs.items())]) + ">"
    if text is not None:
        wanted += f" holding {text!r}"
    assert len(found) == 1, f"expected one {wanted}, found {len(found)}: {found[:3]}"
    return found[0]


def texts(markup, tag: str | None = None, /, **attrs) -> list[str]:
    """The text of every matching element, in document order."""
    return [text_of(element) for element in select(markup, tag, **attrs)]


def definitions(markup) -> list[tuple[str, str]]:
    """Each term of every <dl> with the description after it: (dt text, dd text)."""
    pairs = []
    for listing in select(markup, "dl"):
        term = None
        for child in listing.children:
            if isinstance(child, Element) and child.name == "dt":
                term = text_of(child)
            elif isinstance(child, Element) and child.name == "dd" and term is not None:
                pairs.append((term, text_of(child)))
    return pairs


def roots(markup) -> list[Element]:
    """The top-level elements of a fragment (the document's root element for a page)."""
    root = document(markup)
    if root.name is not None:
        return [root]
    return [child for child in root.children if isinstance(child, Element)]


def opens_with(markup, tag: str | None = None, /, **attrs) -> bool:
    """Whether the fragment's first element is ``tag`` with ``attrs`` (the region htmx swaps)."""
    top = roots(markup)
    return bool(top) and _matches(top[0], tag, None, attrs)


def position(markup, tag: str | None = None, /, *, text: str | None = None, **attrs) -> int:
    """Where the first matching element comes among all elements, in document order. With
    ``text``, the innermost element holding it counts (not the <html> around everything)."""
    root = document(markup)
    wanted = select(root, tag, text=text, **attrs)
    if text is not None:
        wanted = [e for e in wanted if not any(text in text_of(c) for c in _walk(e))]
    assert wanted, f"no <{tag or '*'}> with {attrs}{f' holding {text!r}' if text else ''}"
    everything = [root, *_walk(root)]
    return next(n for n, element in enumerate(everything) if element is wanted[0])


def values(markup, tag: str, attribute: str, /, **attrs) -> list[str | None]:
    """The ``attribute`` of every matching element, in document order: hrefs, names, ids."""
    return [attributes(element).get(attribute) for element in select(markup, tag, **attrs)]


def links(markup, /, **attrs) -> list[str | None]:
    """The href of every link, in document order."""
    return values(markup, "a", "href", **attrs)


def links_to(markup, url: str, /, **attrs) -> list[Element]:
    """Every <a> that leads to ``url``, with or without a ?query or #fragment after it."""
    return select(markup, "a", href=re.compile(re.escape(str(url)) + r"([?#].*)?"), **attrs)


def field_names(markup, /, **attrs) -> set[str]:
    """The names of the inputs, selects and textareas inside ``markup``."""
    return {
        name
        for tag in ("input", "select", "textarea", "button")
        for name in values(markup, tag, "name", **attrs)
        if name
    }
