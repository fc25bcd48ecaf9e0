"""Members' markdown renders as a few harmless tags, whatever they type: in pages, in the HTMX
thread and in emails. Checked on the parsed HTML, not on substrings."""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from councils.markdown import render_markdown
from tests.factories import CommentFactory, FocusFactory, ShareFactory
from tests.html import select
from tests.world import client_for

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    '<a href="/evil" hx-get="/evil" hx-trigger="load" hx-on:click="alert(1)">hx</a>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<iframe src="https://example.com"></iframe>',
    '<div style="position:fixed;inset:0">cover</div>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]
ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "blockquote", "br"}


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No executable or unexpected markup from user text anywhere in ``html``."""
    for tag, attrs in Elements(html).found:
        assert tag not in {"svg", "math", "iframe", "img", "object", "embed"}, tag
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not name.startswith("hx-on"), (tag, name)
            assert (value or "") != "/evil", (tag, name)
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (
                tag,
                name,
            )


class TestRenderMarkdown:
    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_renders_every_payload_inert(self, payload):
        html = render_markdown(payload)
        assert_inert(html)
        assert {tag for tag, _ in Elements(html).found} <= ALLOWED_TAGS

    def test_keeps_the_small_allowlist(self):
        html = render_markdown(
            "*em* **strong** `code`\n\n- one\n- two\n\n1. first\n\n> quoted\n\n"
            "```\nblock\n```\n\n[site](https://example.com) <mailto:me@example.com>"
        )
        tags = {tag for tag, _ in Elements(html).found}
        assert tags == {"p", "em", "strong", "code", "ul", "ol", "li", "blockquote", "pre", "a"}

    def test_links_get_rel_and_keep_only_web_and_mail_schemes(self):
        html = render_markdown("[a](https://example.com) [b](ftp://example.com) [c](mailto:x@y.z)")
        links = [attrs for tag, attrs in Elements(html).found if tag == "a"]
        assert [link.get("href") for link in links] == [
            "https://example.com",
            None,
            "mailto:x@y.z",
        ]
        assert {link["rel"] for link in links} == {"noopener noreferrer nofollow ugc"}

    def test_shows_typed_html_as_text(self):
        assert "&lt;b&gt;bold?&lt;/b&gt;" in render_markdown("<b>bold?</b>")

    def test_line_breaks_are_kept(self):
        assert select(render_markdown("first line\nsecond line"), "br")

    def test_is_safe_to_put_in_a_template(self):
        assert hasattr(render_markdown("x"), "__html__")


@pytest.mark.django_db
class TestPayloadsInPages:
    @pytest.fixture
    def world(self, world):
        """The world, with a member's comment of each payload on the shared mission."""
        for payload in PAYLOADS:
            CommentFactory(share=world.share, author=world.member, body=payload)
        return world

    def test_the_members_read_view_renders_them_inert(self, world):
        html = client_for(world.member).get(reverse("mission_edit", args=[world.opportunity.pk]))
        assert html.status_code == 200
        assert_inert(html.content.decode())

    def test_the_owners_editor_renders_them_inert(self, world, owner_client):
        html = owner_client.get(reverse("mission_edit", args=[world.opportunity.pk]))
        assert_inert(html.content.decode())

    def test_the_htmx_thread_renders_them_inert(self, world, htmx_headers):
        response = client_for(world.member).get(
            reverse("share_detail", args=[world.share.pk]),
            headers=htmx_headers(f"thread-{world.share.pk}"),
        )
        assert_inert(response.content.decode())

    def test_a_shared_focus_page_renders_them_inert(self, world):
        focus = FocusFactory(owner=world.owner, attribute_1=PAYLOADS[0], must_haves=PAYLOADS[1])
        share = ShareFactory(
            council=world.council, mission=None, focus=focus, shared_by=world.owner
        )
        for payload in PAYLOADS:
            CommentFactory(share=share, author=world.member, body=payload)
        response = client_for(world.member).get(reverse("share_detail", args=[share.pk]))
        assert_inert(response.content.decode())

    def test_the_email_renders_them_inert(self, world, django_capture_on_commit_callbacks):
        member = client_for(world.member)
        with django_capture_on_commit_callbacks(execute=True):
            member.post(reverse("comment_create", args=[world.share.pk]), {"body": PAYLOADS[4]})
        (message,) = mail.outbox
        assert_inert(message.alternatives[0][0])
