"""The mission PDF: what it says, what it leaves out, and that WeasyPrint loads nothing of ours
but our own stylesheet and fonts."""

import datetime as dt
import io
import socket
from unittest import mock
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from documents import pdf as documents
from missions import pdf, services
from missions.models import KeyResultStatus
from tests.factories import (
    FocusFactory,
    KeyResultFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<img src="file:///etc/hostname">'
    '<link rel=stylesheet href="http://127.0.0.1:9/x.css">'
    "<style>@import url(http://127.0.0.1:9/); body { background: url(file:///etc/passwd) }</style>"
    "<script>alert(1)</script>"
)


def pdf_text(content: bytes) -> str:
    """All the PDF's text with whitespace collapsed, as a reader would copy it."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def mission(opportunity):
    mission = MissionFactory(
        opportunity=opportunity,
        purpose="Make the developer platform a reason customers stay.",
        responsibilities="- The platform roadmap\n- A team of three PMs",
    )
    onboarding = ObjectiveFactory(mission=mission, title="Make onboarding effortless", position=0)
    KeyResultFactory(
        objective=onboarding,
        description="Time to first deploy",
        target="from 3 days to 1 hour",
        horizon="90d",
    )
    KeyResultFactory(
        objective=onboarding, description="Activation rate", target="from 40% to 60%", horizon="6m"
    )
    QuestionFactory(mission=mission, objective=onboarding, text="What do churned teams say?")
    QuestionFactory(mission=mission, text="How will you know this hire worked out?")
    return mission


def pdf_url(mission) -> str:
    return reverse("mission_pdf", args=[mission.opportunity_id])


class TestMissionPdf:
    def test_gives_the_owner_a_pdf_with_the_role_okrs_and_questions(self, owner_client, mission):
        response = owner_client.get(pdf_url(mission))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "Draft for discussion" in text
        assert "Director of Product" in text
        assert "Kestrel Routing" in text
        assert "Make the developer platform a reason customers stay." in text
        assert "The platform roadmap" in text
        assert "Make onboarding effortless" in text
        assert "Time to first deploy" in text
        assert "from 3 days to 1 hour" in text
        assert "90 days" in text
        assert "6 months" in text
        assert "What do churned teams say?" in text
        assert "How will you know this hire worked out?" in text
        assert "Page 1 of 1" in text

    def test_leaves_the_questions_out_when_the_user_chose_to(self, owner_client, mission):
        mission.include_questions = False
        mission.save()

        text = pdf_text(owner_client.get(pdf_url(mission)).content)

        assert "Make onboarding effortless" in text
        assert "What do churned teams say?" not in text
        assert "Questions for the hiring team" not in text

    def test_names_the_author_from_the_focus(self, owner, owner_client, mission):
        FocusFactory(owner=owner, full_name="Alex Rivera", contact="alex@rivera.example")

        text = pdf_text(owner_client.get(pdf_url(mission)).content)

        assert "Prepared by Alex Rivera" in text
        assert "alex@rivera.example" in text

    def test_falls_back_to_the_account_email_without_a_contact_line(self, owner_client, mission):
        text = pdf_text(owner_client.get(pdf_url(mission)).content)

        assert "owner@example.com" in text

    def test_attachment_name_is_built_from_company_and_role(self, owner, owner_client):
        opportunity = OpportunityFactory(owner=owner, company="Zürich AG / Ω", role="Head of Data")
        mission = MissionFactory(opportunity=opportunity)

        response = owner_client.get(pdf_url(mission))

        unicode_name = "mission-zürich-ag-ω-head-of-data.pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="mission-zurich-ag-head-of-data.pdf"; '
            f"filename*=UTF-8''{quote(unicode_name, safe='')}"
        )

    def test_attachment_name_cannot_be_steered_by_quotes_or_paths(self, owner, owner_client):
        opportunity = OpportunityFactory(owner=owner, company='"; x=../../etc', role="a\r\nb")
        mission = MissionFactory(opportunity=opportunity)

        response = owner_client.get(pdf_url(mission))

        assert response["Content-Disposition"] == 'attachment; filename="mission-xetc-a-b.pdf"'

    def test_is_never_cached(self, owner_client, mission):
        response = owner_client.get(pdf_url(mission))

        assert "no-store" in response["Cache-Control"]

    def test_shows_html_and_script_as_text_and_fetches_nothing(
        self, owner_client, mission, monkeypatch
    ):
        mission.purpose = HOSTILE
        mission.save()
        objective = mission.objectives.get()
        objective.title = HOSTILE[:300]
        objective.save()
        requested = []
        real_resolve = documents.resolve_static_url

        def spy(url):
            requested.append(url)
            return real_resolve(url)

        monkeypatch.setattr(documents, "resolve_static_url", spy)

        response = owner_client.get(pdf_url(mission))

        text = pdf_text(response.content)
        assert '<img src="file:///etc/hostname">' in text
        assert "@import url(http://127.0.0.1:9/)" in text
        assert requested, "the stylesheet and fonts come through the fetcher"
        assert all(url.startswith(documents.static_prefix()) for url in requested)
        assert not any("etc/" in url or "127.0.0.1" in url for url in requested)
        assert PdfReader(io.BytesIO(response.content)).attachments == {}

    def test_returns_404_for_a_stranger(self, stranger_client, mission):
        assert stranger_client.get(pdf_url(mission)).status_code == 404

    def test_returns_404_for_an_unknown_opportunity(self, owner_client):
        assert owner_client.get(reverse("mission_pdf", args=[999_999])).status_code == 404

    def test_refuses_a_post(self, owner_client, mission):
        assert owner_client.post(pdf_url(mission)).status_code == 405

    def test_query_count_does_not_grow_with_the_mission(
        self, owner_client, mission, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(12):
            owner_client.get(pdf_url(mission))
        for position in range(1, 5):
            objective = ObjectiveFactory(mission=mission, position=position)
            KeyResultFactory.create_batch(4, objective=objective)
        QuestionFactory.create_batch(8, mission=mission)

        with django_assert_max_num_queries(12):
            owner_client.get(pdf_url(mission))


class TestMissionDocument:
    def test_shows_status_only_once_the_hiring_manager_has_weighed_in(self, mission):
        context = pdf.mission_document_context(mission, via_link=False)
        assert context["show_status"] is False

        key_result = mission.objectives.get().key_results.first()
        key_result.status = KeyResultStatus.DROPPED
        key_result.save()

        context = pdf.mission_document_context(mission, via_link=False)
        assert context["show_status"] is True

    def test_summarises_the_horizons(self, mission):
        context = pdf.mission_document_context(mission, via_link=False)

        assert context["horizon_span"] == "on horizons from 90 days to 6 months"

    def test_never_offers_the_account_email_through_a_link(self, mission):
        context = pdf.mission_document_context(mission, via_link=True)

        assert context["author_contact"] == ""

    def test_turns_dashed_lines_into_a_list_and_blank_lines_into_paragraphs(self):
        blocks = pdf.text_blocks("First line\nsame paragraph\n\n- one\n* two\n• three\n\n\nLast")

        assert blocks == (
            pdf.TextBlock(("First line", "same paragraph"), is_list=False),
            pdf.TextBlock(("one", "two", "three"), is_list=True),
            pdf.TextBlock(("Last",), is_list=False),
        )


class TestStaticFilesFetcher:
    def test_serves_our_pdf_stylesheet(self):
        response = documents.static_files_fetcher().fetch(documents.static_prefix() + "css/pdf.css")

        assert response.content_type == "text/css"
        assert b"@page" in response.read()

    def test_serves_the_vendored_font(self):
        url = documents.static_prefix() + "fonts/ibm-plex/IBMPlexSans-Regular.ttf"

        response = documents.static_files_fetcher().fetch(url)

        assert response.read(4) == b"\x00\x01\x00\x00"

    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "file:///etc/hostname",
            "http://127.0.0.1:9/x.css",
            "https://127.0.0.1:9/static/css/pdf.css",
            "https://example.com/static/css/pdf.css",
            "ftp://127.0.0.1/static/css/pdf.css",
            "data:text/css,body%7Bcolor:red%7D",
            "https://jobmission.invalid/etc/passwd",
            "https://jobmission.invalid/static/../../etc/passwd",
            "https://jobmission.invalid/static/css/../../../../etc/passwd",
            "https://jobmission.invalid/static/%2e%2e/%2e%2e/etc/passwd",
            "https://jobmission.invalid/static//etc/passwd",
            "https://jobmission.invalid/static/css\\..\\..\\settings.py",
            "https://jobmission.invalid/static/css/pdf.css?redirect=http://127.0.0.1:9/",
            "https://jobmission.invalid/static/js/app.js",
            "https://jobmission.invalid/static/css/no-such-file.css",
        ],
    )
    def test_refuses_anything_but_our_static_files(self, url):
        with pytest.raises(documents.RefusedURL):
            documents.static_files_fetcher().fetch(url)

    def test_hostile_html_renders_without_touching_files_or_the_network(self, monkeypatch):
        refused, connections = [], []
        real_resolve = documents.resolve_static_url

        def spy(url):
            try:
                return real_resolve(url)
            except documents.RefusedURL:
                refused.append(url)
                raise

        def no_network(sock, address):
            connections.append(address)
            raise OSError("no network in this test")

        monkeypatch.setattr(documents, "resolve_static_url", spy)
        monkeypatch.setattr(socket.socket, "connect", no_network)
        html = f"<!doctype html><html><body><p>Hello</p>{HOSTILE}</body></html>"

        content = documents.render_html_to_pdf(html)

        assert "Hello" in pdf_text(content)
        assert "file:///etc/hostname" in refused
        assert "http://127.0.0.1:9/x.css" in refused
        assert "http://127.0.0.1:9/" in refused
        assert "file:///etc/passwd" in refused
        assert connections == []
        assert PdfReader(io.BytesIO(content)).attachments == {}


class TestMissionPdfIsKept:
    """The same mission gives the same bytes, rendered once, to the owner and to the hiring
    manager; anything the document shows that changes gives a fresh render, whoever made the
    change and however (the cache is keyed on the document's whole HTML)."""

    @pytest.fixture
    def renders(self):
        with mock.patch.object(
            documents, "render_html_to_pdf", wraps=documents.render_html_to_pdf
        ) as render:
            yield render

    @pytest.fixture
    def focus(self, owner):
        return FocusFactory(owner=owner, full_name="Alex Rivera", contact="alex@rivera.example")

    def test_the_owner_and_the_hiring_manager_get_one_render(
        self, renders, owner_client, mission, focus
    ):
        token = services.create_share_link(mission=mission)

        mine = owner_client.get(pdf_url(mission)).content
        again = owner_client.get(pdf_url(mission)).content
        theirs = Client().get(reverse("share_pdf", args=[token])).content

        assert mine == again == theirs
        assert renders.call_count == 1

    @pytest.mark.parametrize(
        ("change", "shown"),
        [
            (lambda m, f: ObjectiveFactory(mission=m, title="Halve the time to hire"), "Halve"),
            (lambda m, f: type(f).objects.filter(pk=f.pk).update(full_name="Sam Okafor"), "Sam"),
            (lambda m, f: type(f).objects.filter(pk=f.pk).update(contact="sam@ok.example"), "sam@"),
            (
                lambda m, f: (
                    type(m.opportunity)
                    .objects.filter(pk=m.opportunity_id)
                    .update(company="Borealis")
                ),
                "Borealis",
            ),
        ],
        ids=["an objective", "the author's name", "the contact line", "the company"],
    )
    def test_a_change_to_what_it_shows_renders_it_afresh(
        self, renders, owner_client, mission, focus, change, shown
    ):
        before = owner_client.get(pdf_url(mission)).content
        change(mission, focus)

        after = owner_client.get(pdf_url(mission)).content

        assert renders.call_count == 2
        assert shown in pdf_text(after)
        assert shown not in pdf_text(before)

    def test_the_next_day_it_carries_the_new_date(
        self, renders, owner_client, mission, monkeypatch
    ):
        owner_client.get(pdf_url(mission))
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

        owner_client.get(pdf_url(mission))

        assert renders.call_count == 2
