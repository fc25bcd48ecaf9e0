"""The gratitude house: adding, editing and removing people in place (HTMX) and as plain
posts, for the owner, a stranger and an anonymous visitor."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import GratitudeEntry
from tests.factories import CouncilFactory, GratitudeEntryFactory, MembershipFactory
from tests.html import select
from tests.world import client_for

pytestmark = pytest.mark.django_db

REGION = "gratitude-house"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def entry(owner):
    return GratitudeEntryFactory(
        owner=owner,
        name="Ines Okafor",
        relationship="My first manager",
        what_they_did="Told me I was ready to lead before I believed it.",
    )


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def data(**overrides) -> dict:
    values = {
        "name": "Leah Brandt",
        "relationship": "Former colleague",
        "what_they_did": "Introduced me to the hiring manager.",
        "thanks_sent_on": "",
    }
    return {**values, **overrides}


def rows() -> list:
    return list(GratitudeEntry.objects.order_by("pk").values())


def assert_region_only(response) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    assert not select(content, "html")
    assert select(content, id=f"{REGION}")
    return content


class TestGratitudeList:
    def test_shows_each_person_and_what_they_did(self, owner_client, entry):
        page = owner_client.get(url("gratitude_list")).content.decode()

        assert "The people on your shoulders" in page
        assert "Ines Okafor" in page
        assert "Told me I was ready to lead before I believed it." in page
        assert "Not thanked yet" in page

    def test_says_when_the_thank_you_note_was_sent(self, owner, owner_client):
        GratitudeEntryFactory(owner=owner, thanks_sent_on=dt.date(2026, 11, 3))

        page = owner_client.get(url("gratitude_list")).content.decode()

        assert "Thanked on 3 Nov 2026" in page

    def test_invites_a_first_entry_when_the_house_is_empty(self, owner_client):
        page = owner_client.get(url("gratitude_list")).content.decode()

        assert "Who got you here?" in page

    def test_adds_someone_in_place(self, owner, owner_client, htmx_headers, entry):
        response = owner_client.post(url("gratitude_list"), data(), headers=htmx_headers(REGION))

        content = assert_region_only(response)
        added = GratitudeEntry.objects.get(name="Leah Brandt")
        assert added.owner == owner
        assert added.position > entry.position
        assert "Introduced me to the hiring manager." in content
        assert "Leah Brandt is in your gratitude house." in content  # the status, out of band
        assert select(content, hx_swap_oob="innerHTML")

    def test_adds_someone_with_a_plain_post_and_redirects(self, owner_client):
        response = owner_client.post(url("gratitude_list"), data())

        added = GratitudeEntry.objects.get()
        assert response.status_code == 302
        assert response.url == f"{url('gratitude_list')}#person-{added.pk}"

    def test_keeps_typed_text_and_explains_when_invalid(self, owner_client, htmx_headers):
        response = owner_client.post(
            url("gratitude_list"),
            data(name="", what_they_did="Read my CV at midnight."),
            headers=htmx_headers(REGION),
        )

        content = assert_region_only(response)
        assert "Who is it? A first name is enough." in content
        assert "Read my CV at midnight." in content
        assert not GratitudeEntry.objects.exists()

    def test_an_invalid_plain_post_shows_the_whole_page_with_the_errors(self, owner_client):
        response = owner_client.post(url("gratitude_list"), data(what_they_did=""))

        assert response.status_code == 200
        assert select(response.content.decode(), "html")
        assert "it is what you will read before you walk in" in response.content.decode()

    def test_refuses_a_thank_you_note_sent_in_the_future(self, owner_client):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)

        response = owner_client.post(
            url("gratitude_list"), data(thanks_sent_on=tomorrow.isoformat())
        )

        assert "That day has not come yet" in response.content.decode()
        assert not GratitudeEntry.objects.exists()

    def test_refuses_over_long_text(self, owner_client):
        response = owner_client.post(url("gratitude_list"), data(what_they_did="x" * 4001))

        assert "at most 4000 characters" in response.content.decode()
        assert not GratitudeEntry.objects.exists()

    def test_ignores_a_posted_owner(self, owner, owner_client, stranger):
        owner_client.post(url("gratitude_list"), data(owner=stranger.pk, position=99))

        added = GratitudeEntry.objects.get()
        assert (added.owner, added.position) == (owner, 0)

    def test_escapes_html(self, owner, owner_client):
        GratitudeEntryFactory(owner=owner, name=XSS, relationship=XSS, what_they_did=XSS)

        page = owner_client.get(url("gratitude_list")).content.decode()

        assert "<script>alert" not in page
        assert "&lt;script&gt;" in page

    def test_shows_a_stranger_only_their_own_house(self, entry, stranger_client):
        page = stranger_client.get(url("gratitude_list")).content.decode()

        assert "Ines Okafor" not in page

    def test_council_members_never_see_it(self, owner, entry):
        council = CouncilFactory(owner=owner)
        member = MembershipFactory(council=council).user
        client = client_for(member)

        assert "Ines Okafor" not in client.get(url("gratitude_list")).content.decode()
        assert client.get(url("gratitude_edit", entry.pk)).status_code == 404

    @pytest.mark.parametrize("count", [2, 25])
    def test_query_count_does_not_grow_with_rows(
        self, owner, owner_client, django_assert_max_num_queries, count
    ):
        GratitudeEntryFactory.create_batch(count, owner=owner)

        with django_assert_max_num_queries(3):
            owner_client.get(url("gratitude_list"))


class TestGratitudeEdit:
    def test_opens_the_form_in_place(self, owner_client, entry, htmx_headers):
        response = owner_client.get(url("gratitude_edit", entry.pk), headers=htmx_headers(REGION))

        content = assert_region_only(response)
        assert select(content, "form", action=url("gratitude_edit", entry.pk))
        assert "Edit what Ines Okafor did" in content

    def test_opens_the_form_on_the_whole_page_without_javascript(self, owner_client, entry):
        response = owner_client.get(url("gratitude_edit", entry.pk))

        assert select(response.content.decode(), "html")
        assert "Edit what Ines Okafor did" in response.content.decode()

    def test_saves_in_place(self, owner_client, entry, htmx_headers):
        response = owner_client.post(
            url("gratitude_edit", entry.pk),
            data(name="Ines Okafor", thanks_sent_on="2026-11-01"),
            headers=htmx_headers(REGION),
        )

        entry.refresh_from_db()
        content = assert_region_only(response)
        assert entry.thanks_sent_on == dt.date(2026, 11, 1)
        assert "Thanked on 1 Nov 2026" in content

    def test_saves_with_a_plain_post_and_redirects(self, owner_client, entry):
        response = owner_client.post(url("gratitude_edit", entry.pk), data(name="Ines O."))

        entry.refresh_from_db()
        assert response.status_code == 302
        assert response.url.endswith(f"#person-{entry.pk}")
        assert entry.name == "Ines O."

    def test_keeps_typed_text_when_invalid(self, owner_client, entry, htmx_headers):
        response = owner_client.post(
            url("gratitude_edit", entry.pk),
            data(name="", what_they_did="Stayed late to review my deck."),
            headers=htmx_headers(REGION),
        )

        entry.refresh_from_db()
        content = assert_region_only(response)
        assert "Stayed late to review my deck." in content
        assert "Who is it? A first name is enough." in content
        assert entry.name == "Ines Okafor"

    def test_is_404_for_a_stranger_and_changes_nothing(self, stranger_client, entry, htmx_headers):
        before = rows()

        assert stranger_client.get(url("gratitude_edit", entry.pk)).status_code == 404
        assert stranger_client.post(url("gratitude_edit", entry.pk), data()).status_code == 404
        response = stranger_client.post(
            url("gratitude_edit", entry.pk), data(), headers=htmx_headers(REGION)
        )
        assert response.status_code == 404
        assert rows() == before


class TestGratitudeDelete:
    def test_asks_first_in_place(self, owner_client, entry, htmx_headers):
        response = owner_client.get(url("gratitude_delete", entry.pk), headers=htmx_headers(REGION))

        content = assert_region_only(response)
        assert "Take Ines Okafor out of your gratitude house?" in content
        assert GratitudeEntry.objects.filter(pk=entry.pk).exists()

    def test_removes_in_place(self, owner_client, entry, htmx_headers):
        response = owner_client.post(
            url("gratitude_delete", entry.pk), headers=htmx_headers(REGION)
        )

        content = assert_region_only(response)
        assert not GratitudeEntry.objects.exists()
        assert "Took Ines Okafor out of your gratitude house." in content

    def test_removes_with_a_plain_post_and_redirects(self, owner_client, entry):
        response = owner_client.post(url("gratitude_delete", entry.pk))

        assert response.status_code == 302
        assert response.url == f"{url('gratitude_list')}#{REGION}"
        assert not GratitudeEntry.objects.exists()

    def test_is_404_for_a_stranger_and_changes_nothing(self, stranger_client, entry):
        before = rows()

        assert stranger_client.get(url("gratitude_delete", entry.pk)).status_code == 404
        assert stranger_client.post(url("gratitude_delete", entry.pk)).status_code == 404
        assert rows() == before
