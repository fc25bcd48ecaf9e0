"""The payload corpus of SECURITY.md, stored in every text field of the owner's data, never runs.

Every page and htmx fragment the owner and a council member can open, the hiring manager's
share page and the HTML behind the PDFs are rendered twice: once with the data as factories
make it, once with the corpus written into every text column of our apps (markdown fields of
comments, debriefs and the gratitude house included). The parsed HTML must not grow a
<script>, an inline event handler, an htmx attribute, a javascript: link, an <svg>, <math>,
<iframe>, <img>, <style>, <base>, <meta>, <form> or CSRF field that the plain page did not
have. councils/test_markdown.py checks the markdown renderer itself; this file checks that
every template around every field escapes or sanitises it.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.apps import apps
from django.db import models as db_models
from django.test import Client
from django.urls import reverse

from councils import models as council_models
from tests import factories
from tests.world import SHARE_KINDS, World, build_world, client_for

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '<a hx-get="/x" hx-trigger="load">hx</a>',
    '<div hx-on:click="alert(1)">click</div>',
    '"><svg onload=alert(1)>',
    "'><math><mi xlink:href=javascript:alert(1)>m</mi></math>",
    "{{ 7*7 }}",
    "{% csrf_token %}",
    '<a href="JaVaScRiPt:alert(1)">j</a>',
    "javascript:alert(1)",
    "<iframe src=//evil.example></iframe>",
    "<style>@import url(http://127.0.0.1:9/)</style>",
    '<img src="file:///etc/hostname">',
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    '<div data-hx-post="/accounts/logout/" data-hx-trigger="load">d</div>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
]
# Tags that only our templates may put on a page.
GUARDED_TAGS = {"script", "svg", "math", "iframe", "img", "style", "base", "meta", "form"}
GUARDED_TAGS |= {"object", "embed", "link", "input", "textarea", "button", "select"}
NOT_TEXT = {"token_digest", "token_salt", "currency", "email", "username", "password"}
JAVASCRIPT = re.compile(r"^\s*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)


def payload_for(length: int | None, offset: int) -> str:
    """As much of the corpus as fits in ``length`` characters, starting at a different payload
    for each field so that short fields, together, carry all of it."""
    chosen, size = [], 0
    for n in range(len(PAYLOADS)):
        payload = PAYLOADS[(offset + n) % len(PAYLOADS)]
        if length is not None and size + len(payload) + 2 > length:
            break
        chosen.append(payload)
        size += len(payload) + 2
    return "\n\n".join(chosen) or PAYLOADS[offset % len(PAYLOADS)][: length or None]


def store_payloads() -> int:
    """Write the corpus into every text column of every row of our apps; return the count."""
    written = 0
    for config in map(
        apps.get_app_config, ("opportunities", "missions", "negotiation", "councils")
    ):
        for model in config.get_models():
            fields = [
                field
                for field in model._meta.concrete_fields
                if isinstance(field, db_models.CharField | db_models.TextField)
                and not field.choices
                and field.name not in NOT_TEXT
            ]
            for row in model.objects.all():
                for offset, field in enumerate(fields, start=row.pk):
                    setattr(row, field.attname, payload_for(field.max_length, offset))
                    written += 1
                if fields:
                    row.save(update_fields=[field.name for field in fields])
    return written


class Markup(HTMLParser):
    """What could run on a page: tags and attributes, counted."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.guarded_tags: Counter = Counter()
        self.htmx_attributes: Counter = Counter()
        self.handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self.bare_scripts: list[dict] = []
        self.csrf_fields = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in GUARDED_TAGS:
            self.guarded_tags[tag] += 1
        if tag == "script" and not (attributes.get("nonce") and attributes.get("src")):
            self.bare_scripts.append(attributes)
        if tag == "input" and attributes.get("name") == "csrfmiddlewaretoken":
            self.csrf_fields += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name.startswith(("hx-", "data-hx-")):
                self.htmx_attributes[(tag, name)] += 1
            is_url = name in ("href", "src", "action", "formaction", "xlink:href")
            if is_url and value and JAVASCRIPT.match(value):
                self.javascript_urls.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag


def assert_no_new_markup(label: str, plain: str, attacked: str) -> None:
    before, after = Markup(plain), Markup(attacked)
    assert after.bare_scripts == [], f"{label}: a <script> without our nonce and src"
    assert after.handlers == before.handlers, f"{label}: event handlers {after.handlers}"
    assert after.javascript_urls == [], f"{label}: javascript: URLs {after.javascript_urls}"
    assert after.htmx_attributes == before.htmx_attributes, (
        f"{label}: htmx attributes {after.htmx_attributes - before.htmx_attributes}"
    )
    assert after.guarded_tags == before.guarded_tags, (
        f"{label}: tags {after.guarded_tags - before.guarded_tags} came from user text"
    )
    assert after.csrf_fields == before.csrf_fields, f"{label}: a CSRF field from user text"


@pytest.fixture
def filled_world(owner) -> World:
    """Every optional text filled in, so the plain pages show every element the attacked ones do."""
    world = build_world(
        owner, everything=True, look_alikes=True, share=SHARE_KINDS, share_link=True
    )
    world.money_ask.script = "Are you open to 200,000?"
    world.money_ask.save()
    factories.FocusFactory(owner=world.member, full_name="Morgan Member")
    factories.CommentFactory(share=world.share, author=world.member, parent=world.comment)
    factories.CommentFactory(share=world.share, author=world.member, objective=world.objective)
    return world


def owner_pages(w: World) -> list[tuple[str, str | None]]:
    """(URL, htmx target) for every page and fragment the owner opens with GET."""
    o = w.opportunity.pk
    focus_share = council_models.Share.objects.get(focus=w.focus)
    pages = [
        (reverse(name), None)
        for name in (
            "dashboard",
            "focus_edit",
            "opportunity_list",
            "opportunity_create",
            "offer_compare",
            "council_list",
            "council_create",
            "debrief_list",
            "debrief_create",
            "gratitude_list",
            "focus_share",
        )
    ]
    for name in (
        "opportunity_detail",
        "opportunity_edit",
        "opportunity_delete",
        "mission_edit",
        "plan_detail",
        "prepare",
        "mission_share",
        "plan_share",
        "objective_create",
        "question_create",
        "success_ask_create",
        "red_flag_create",
        "conversation_create",
        "money_ask_edit",
        "offer_create",
    ):
        pages.append((reverse(name, args=[o]), None))
    pages += [
        (reverse("person_edit", args=[o, w.person.pk]), None),
        (reverse("interview_edit", args=[o, w.interview.pk]), None),
        (reverse("objective_edit", args=[o, w.objective.pk]), None),
        (reverse("objective_delete", args=[o, w.objective.pk]), None),
        (reverse("key_result_create", args=[o, w.objective.pk]), None),
        (reverse("key_result_edit", args=[o, w.key_result.pk]), None),
        (reverse("key_result_delete", args=[o, w.key_result.pk]), None),
        (reverse("question_edit", args=[o, w.question.pk]), None),
        (reverse("question_delete", args=[o, w.question.pk]), None),
        (reverse("success_ask_edit", args=[o, w.ask.pk]), None),
        (reverse("success_ask_delete", args=[o, w.ask.pk]), None),
        (reverse("red_flag_resolve", args=[o, w.red_flag.pk]), None),
        (reverse("conversation_edit", args=[o, w.conversation.pk]), None),
        (reverse("conversation_delete", args=[o, w.conversation.pk]), None),
        (reverse("offer_edit", args=[o, w.offer.pk]), None),
        (reverse("offer_delete", args=[o, w.offer.pk]), None),
        (reverse("council_detail", args=[w.council.pk]), None),
        (reverse("council_edit", args=[w.council.pk]), None),
        (reverse("council_delete", args=[w.council.pk]), None),
        (reverse("member_remove", args=[w.council.pk, w.membership.pk]), None),
        (reverse("invitation_create", args=[w.council.pk]), None),
        (reverse("debrief_detail", args=[w.debrief.pk]), None),
        (reverse("debrief_edit", args=[w.debrief.pk]), None),
        (reverse("debrief_delete", args=[w.debrief.pk]), None),
        (reverse("debrief_share", args=[w.debrief.pk]), None),
        (reverse("gratitude_edit", args=[w.gratitude.pk]), None),
        (reverse("gratitude_delete", args=[w.gratitude.pk]), None),
        (reverse("share_detail", args=[focus_share.pk]), None),
        (reverse("comment_edit", args=[w.comment.pk]), f"thread-{w.share.pk}"),
        (reverse("comment_delete", args=[w.comment.pk]), f"thread-{w.share.pk}"),
        (reverse("share_detail", args=[w.share.pk]), f"thread-{w.share.pk}"),
        (reverse("mission_share", args=[o]), "council-share"),
    ]
    regions = {
        "opportunity_detail": ("stage", "people", "interviews"),
        "mission_edit": ("mission-summary", "objectives", "questions", "share-link"),
        "plan_detail": (
            "red-flags",
            "plan-progress",
            "success-asks",
            "conversations",
            "offers",
            "money-sequence",
            "money-ask",
            "money-outcome",
        ),
    }
    for name, targets in regions.items():
        pages += [(reverse(name, args=[o]), target) for target in targets]
    pages += [
        (reverse("council_detail", args=[w.council.pk]), target)
        for target in ("council-feed", "members", "invitations")
    ]
    pages += [(reverse("gratitude_list"), "gratitude-house")]
    return pages


def member_pages(w: World) -> list[tuple[str, str | None]]:
    """What a council member reads: the shared mission, plan, debrief and focus, and the feed."""
    o = w.opportunity.pk
    focus_share = council_models.Share.objects.get(focus=w.focus)
    return [
        (reverse("mission_edit", args=[o]), None),
        (reverse("plan_detail", args=[o]), None),
        (reverse("debrief_detail", args=[w.debrief.pk]), None),
        (reverse("share_detail", args=[focus_share.pk]), None),
        (reverse("council_detail", args=[w.council.pk]), None),
        (reverse("council_detail", args=[w.council.pk]), "council-feed"),
        (reverse("council_list"), None),
        (reverse("dashboard"), None),
        (reverse("share_detail", args=[w.share.pk]), f"thread-{w.share.pk}"),
    ]


def pdf_sources(w: World) -> list[tuple[Client, str]]:
    owner = client_for(w.owner)
    member = client_for(w.member)
    o = w.opportunity.pk
    return [
        (owner, reverse("mission_pdf", args=[o])),
        (owner, reverse("plan_pdf", args=[o])),
        (member, reverse("mission_pdf", args=[o])),
        (Client(), reverse("share_pdf", args=[w.share_token])),
    ]


def render_everything(w: World) -> dict[str, str]:
    """Every page, fragment and PDF source as HTML, keyed by who opened what."""
    rendered = {}
    for persona, user, pages in (
        ("owner", w.owner, owner_pages(w)),
        ("member", w.member, member_pages(w)),
    ):
        client = client_for(user)
        for url, target in pages:
            headers = {"HX-Request": "true", "HX-Target": target} if target else {}
            response = client.get(url, headers=headers)
            assert response.status_code == 200, f"{persona} {url} {target}: {response.status_code}"
            rendered[f"{persona} {url} {target or ''}"] = response.content.decode()
    response = Client().get(reverse("share_page", args=[w.share_token]))
    assert response.status_code == 200
    rendered["hiring manager share page"] = response.content.decode()

    sources = []
    fake_pdf = lambda html: sources.append(html) or b"%PDF-1.7\n"  # noqa: E731
    with mock.patch("missions.pdf.cached_html_to_pdf", side_effect=fake_pdf):
        for client, url in pdf_sources(w):
            assert client.get(url).status_code == 200, url
            rendered[f"PDF {url}"] = sources[-1]
    return rendered


def test_the_payload_corpus_in_every_text_field_never_becomes_markup(filled_world):
    world = filled_world
    plain = render_everything(world)
    assert store_payloads() > 80
    attacked = render_everything(world)

    assert plain.keys() == attacked.keys()
    for label in plain:
        assert_no_new_markup(label, plain[label], attacked[label])
    # The corpus did reach the pages, escaped: the checks above ran on the real thing.
    shown = sum("&lt;script&gt;alert(1)&lt;/script&gt;" in html for html in attacked.values())
    assert shown > len(attacked) / 2


def test_the_checks_catch_markup_that_slipped_through():
    """The parser-based checks are not vacuous: unescaped payloads trip each of them."""
    plain = '<main><a href="/x" hx-get="/x">ok</a></main>'
    unescaped = [PAYLOADS[n] for n in (0, 1, 3, 4, 5, 6, 9, 16)]
    for injected in [*unescaped, '<input name="csrfmiddlewaretoken">']:
        with pytest.raises(AssertionError):
            assert_no_new_markup("test", plain, plain.replace("ok", injected))
