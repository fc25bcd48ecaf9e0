"""Pages edited in place: one template per page, one ``{% partialdef %}`` per swappable region.

A page declares itself once as a ``Page``: its template, where a plain post lands, and for each
region (named after its root element's DOM id, which is also the partial's name) the function
that computes what that region shows. Its views then answer through the page:

- ``page.respond(...)``: the region htmx targets, computing only that region's context (and
  that of any out-of-band region riding along with ``oob`` set), else the whole page;
- ``page.saved(...)``: after a write, the fresh region with the server's sentence for screen
  readers, or for a plain post a redirect to the page anchored at what changed;
- ``page.deleted(...)``: editing a row deleted meanwhile, the same way on every page.

A page that declares a ``key`` (what its regions show, as the opportunity's revision that
every write moves on, say) keeps each region's HTML in the per-process "regions" cache, under
that key with the viewer, the region and its template's revision: a GET whose regions are at
rest (no form open, nothing just said) renders only the ones not cached, and computes only
their context. CSRF tokens never enter the cache: regions render a placeholder, replaced by
the request's token on the way out. A POST never reads or fills the cache.

Screen readers hear what an in-place write did through ONE polite live region on every page,
``#announcer`` (templates/inplace/announcer.html, in base.html): an htmx response carries it
out of band with the server's sentence ("Added the objective …"), or, when the form came back
with errors, "Please fix the highlighted field." (see ``announce``).
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from inplace.versions import VersionedForm


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data to bind a form to, or None for a fresh form on GET."""
    return request.POST if request.method == "POST" else None


def focus_first_field(form: BaseForm) -> BaseForm:
    """Put the cursor in the first field with an error, or in the first field of a fresh form."""
    names = [name for name in form.fields if name in form.errors] or list(form.fields)
    if names:
        form.fields[names[0]].widget.attrs["autofocus"] = True
    return form


ANNOUNCER = "inplace/announcer.html"


def invalid_form_message(forms: Iterable) -> str:
    """What to tell a screen-reader user when a submitted form came back with field errors."""
    bound = {id(form): form for form in forms if isinstance(form, BaseForm) and form.is_bound}
    fields = sum(
        len([name for name in form.errors if name != NON_FIELD_ERRORS]) for form in bound.values()
    )
    if not fields:
        return ""  # a form-wide error is a role="alert" box, read out on its own
    if fields == 1:
        return "Please fix the highlighted field."
    return f"Please fix the {fields} highlighted fields."


def announce(
    request: HttpRequest, response: HttpResponse, message: str = "", *, forms: Iterable = ()
) -> HttpResponse:
    """Add the live region, out of band, to an htmx response: ``message`` when a write worked,
    else a prompt to fix the fields of ``forms`` that have errors; when only a form-wide error
    (a role="alert" box, read out on its own) refused the write, an empty region, so that the
    previous success is not left there to be read."""
    message = message or invalid_form_message(forms)
    refused = any(isinstance(f, BaseForm) and f.is_bound and f.errors for f in forms)
    if request.htmx and (message or refused):  # a refusal clears the last success's sentence
        context = {"announcement": message, "oob": True}
        response.write(render_to_string(ANNOUNCER, context, request))
    return response


def focus_on(response: HttpResponse, anchor: str) -> HttpResponse:
    """After an in-place write, tell static/js/app.js where attention belongs when nothing in the
    swap has autofocus: the element with id ``anchor``, where a plain POST would redirect to."""
    response["JM-Focus"] = anchor
    return response


def save_with(form: BaseForm, write, **kwargs):
    """Call the service ``write`` with the form's data; a refused write becomes a form error.

    A form that carries a version (inplace/versions.py) passes it as ``expected_version``,
    and a stale one comes back as a conflict that keeps the typed text.
    Returns what the service returned, or None when the form or the service said no.
    """
    if not form.is_valid():
        return None
    fields = dict(form.cleaned_data)
    if "version" in fields:
        kwargs["expected_version"] = fields.pop("version")
    try:
        return write(**kwargs, **fields)
    except ValidationError as error:
        if isinstance(form, VersionedForm):
            form.show_conflict(error)
        else:
            form.add_error(None, error)
        return None


def deleted_meanwhile(
    request: HttpRequest, what: str, form_class: type[BaseForm], page: Callable[[], HttpResponse]
) -> HttpResponse:
    """Editing a row deleted meanwhile (in another tab, say): a 404 that says so, with ``page``
    as it is now, and gives back the text the user sent for it, so that nothing typed is lost."""
    typed = []
    if request.method == "POST":
        for name, field in form_class.base_fields.items():
            value = request.POST.get(name, "").strip()
            if value and isinstance(field, forms.CharField) and not field.widget.is_hidden:
                typed.append(f"{field.label or name.capitalize()}: {value}")
    message = f"That {what} was deleted in another tab or on another device, so nothing was saved."
    if typed:
        message += " What you typed — " + " · ".join(typed)
    messages.warning(request, message)
    response = page()
    response.status_code = 404
    return response


# What a region shows, from the request, the object the page is about and the state of the
# request (which form is open, what was just said, and what the page's shared context holds).
RegionContext = Callable[[HttpRequest, object, Mapping], dict]


REGION_CACHE = "regions"
# What ``{% csrf_token %}`` writes into a region before it is cached; each response puts the
# request's own token in its place.
CSRF_PLACEHOLDER = "jm-csrf-token-placeholder"


@lru_cache(maxsize=64)
def _digest(source: str) -> str:
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def template_revision(name: str) -> str:
    """A digest of a template's source: a region cached before the template changed is not
    served after it."""
    return _digest(get_template(name).template.source)


@dataclass(frozen=True)
class Page:
    """A page edited in place, declared once by the module of its views."""

    template: str
    url: Callable[[object], str]  # where a plain post lands
    regions: Mapping[str, RegionContext]
    shared: Callable[[object], dict] = lambda obj: {}  # what every region reads
    whole: RegionContext = lambda request, obj, state: {}  # what only the whole page shows
    cursor: bool = True  # forms just opened or sent get the cursor (their first field or error)
    # What the regions show, as a cache key (a revision every write moves on, ...); None: the
    # page is never cached. ``uncached`` names regions that show more than the key covers.
    key: Callable[[HttpRequest, object], tuple] | None = None
    uncached: frozenset[str] = frozenset()

    def context(
        self, request: HttpRequest, obj, regions: Iterable[str] = (), state=None, *, whole=False
    ) -> dict:
        """The shared context, then each named region's own (all of them and the whole page's
        when ``regions`` is None), then the request's state, which wins."""
        state = state or {}
        context = self.shared(obj)
        for name in self.regions if regions is None else regions:
            context.update(self.regions[name](request, obj, {**context, **state}))
        if regions is None or whole:
            context.update(self.whole(request, obj, {**context, **state}))
        return {**context, **state}

    def _cache_keys(self, request: HttpRequest, obj, names: Iterable[str], oob) -> dict:
        """Each region's cache key, for a GET whose regions are at rest; else nothing."""
        if self.key is None or request.method not in ("GET", "HEAD"):
            return {}
        shows = (self.template, template_revision(self.template), request.user.pk)
        shows += tuple(self.key(request, obj))
        return {
            name: "region:" + _digest(repr((*shows, name, name in oob)))
            for name in names
            if name not in self.uncached
        }

    def render_regions(
        self, request: HttpRequest, obj, names: Iterable[str], state=None, *, oob=(), whole=False
    ) -> tuple[dict[str, SafeString], dict]:
        """The HTML of each named region, from the cache where it can be, and the context
        computed for the others (with the whole page's when ``whole``)."""
        names = list(names)
        keys = {} if state else self._cache_keys(request, obj, names, oob)
        found = caches[REGION_CACHE].get_many(keys.values()) if keys else {}
        html = {name: found[key] for name, key in keys.items() if key in found}
        missing = [name for name in names if name not in html]
        context = self.context(request, obj, missing, state, whole=whole)
        for name in missing:
            region = {**context, "oob": name in oob, "csrf_token": CSRF_PLACEHOLDER}
            html[name] = render_to_string(f"{self.template}#{name}", region, request)
        if fresh := {keys[name]: html[name] for name in missing if name in keys}:
            caches[REGION_CACHE].set_many(fresh)
        token = get_token(request)  # letters and digits: nothing to escape
        regions = {name: html[name].replace(CSRF_PLACEHOLDER, token) for name in names}
        return {name: mark_safe(part) for name, part in regions.items()}, context  # noqa: S308 - rendered templates

    def render_page(self, request: HttpRequest, obj, state=None) -> HttpResponse:
        """The whole page; a page with a ``key`` takes its regions as ``render_regions`` gives
        them (its template shows each with ``{% region "name" %}``), any other renders them
        inline."""
        if self.key is None:
            return render(request, self.template, self.context(request, obj, None, state))
        html, context = self.render_regions(request, obj, self.regions, state, whole=True)
        return render(request, self.template, {**context, "regions": html})

    def respond(
        self,
        request: HttpRequest,
        obj,
        region: str | None = None,
        *,
        oob=(),
        fallback: str | None = None,
        cursor: bool | None = None,
        **state,
    ) -> HttpResponse:
        """``template#region`` (plus out-of-band regions) when htmx targets it, else the whole
        page — or, given a ``fallback`` template, a page of the region's own (a form that needs
        room of its own without JavaScript). Forms in ``state`` (the ones just opened or sent)
        get the cursor unless ``cursor`` (by default the page's) is off."""
        forms = [value for value in state.values() if isinstance(value, BaseForm)]
        if self.cursor if cursor is None else cursor:
            for form in forms:
                focus_first_field(form)
        if region not in self.regions or request.htmx.target != region:
            if fallback:
                regions = (region,) if region in self.regions else ()
                return render(request, fallback, self.context(request, obj, regions, state))
            return self.render_page(request, obj, state)
        html, _ = self.render_regions(request, obj, (region, *oob), state, oob=oob)
        return announce(
            request,
            HttpResponse("".join(html.values())),
            state.get("announcement", ""),
            forms=forms,
        )

    def saved(
        self, request: HttpRequest, obj, region: str, *, anchor: str, message: str, oob=(), **state
    ) -> HttpResponse:
        """After a write: the fresh region for htmx, else a redirect to the page at ``anchor``."""
        if request.htmx.target == region:
            response = self.respond(request, obj, region, oob=oob, announcement=message, **state)
            return focus_on(response, anchor)
        messages.success(request, message)
        return redirect(f"{self.url(obj)}#{anchor}")

    def deleted(self, request: HttpRequest, obj, what: str, form_class: type[BaseForm]):
        """Editing a row deleted meanwhile: the page as it is now, saying so (a 404)."""
        return deleted_meanwhile(request, what, form_class, lambda: self.respond(request, obj))
