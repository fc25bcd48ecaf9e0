"""/account/export/: everything that is the user's, as one JSON file; nothing of anyone else's."""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services
from councils import models as council_models
from missions.models import ShareLink
from opportunities.models import Person
from tests import factories
from tests.html import select, texts
from tests.world import (
    TOTP_SECRET,
    client_for,
    one_of_everything,
    reauthenticate,
    turn_on_two_factor,
)

pytestmark = pytest.mark.django_db

EXPORTED_APPS = ("opportunities", "missions", "negotiation", "councils")


@pytest.fixture
def alice():
    return factories.UserFactory(email="alice@example.com")


@pytest.fixture
def worlds(alice):
    """Alice and Bob each with one of everything, and each in the other's council."""
    bob = factories.UserFactory(email="bob@example.com")
    mine = one_of_everything(alice, "ALICE-7c1")
    theirs = one_of_everything(bob, "BOB-e42")
    # Alice in Bob's council: her membership, her share, her comment there are hers.
    mine.add(
        factories.MembershipFactory(council=theirs.council, user=alice),
        factories.ShareFactory(
            council=theirs.council, mission=None, focus=mine.focus, shared_by=alice
        ),
        factories.CommentFactory(share=theirs.share, author=alice, body="Alice on Bob's work"),
    )
    # Bob in Alice's council: his rows there are his, not hers.
    factories.MembershipFactory(council=mine.council, user=bob)
    factories.CommentFactory(share=mine.share, author=bob, body="BOB-e42 on Alice's work")
    return mine, theirs


def download(client):
    response = client.post("/account/export/")
    assert response.status_code == 200
    return response, json.loads(response.content)


class TestExportData:
    def test_holds_exactly_the_users_rows_of_every_model(self, worlds):
        mine, _ = worlds

        data = services.export_data(user=mine.user)

        for label in EXPORTED_APPS:
            for model in apps.get_app_config(label).get_models():
                name = model.__name__
                assert name in data[label], f"{label}.{name} is missing from the export"
                assert mine.rows.get(model), f"give the test user a {name} row too"
                exported = {row["id"] for row in data[label][name]}
                assert exported == mine.rows[model], name

    def test_holds_nothing_of_another_users(self, worlds):
        mine, _ = worlds

        text = services.export_json(user=mine.user)

        assert "ALICE-7c1" in text
        assert "BOB-e42" not in text
        assert "bob@example.com" not in text

    def test_keeps_the_details_a_user_would_look_for(self, worlds):
        mine, _ = worlds

        data = json.loads(services.export_json(user=mine.user))

        [opportunity] = data["opportunities"]["Opportunity"]
        assert opportunity["company"] == "ALICE-7c1 company"
        [conversation] = data["negotiation"]["Conversation"]
        assert conversation["people"] == sorted(mine.rows[Person])
        [offer] = data["negotiation"]["Offer"]
        assert offer["base_salary"] == "180000.00"
        assert data["account"]["email"] == "alice@example.com"
        assert data["account"]["email_addresses"] == [
            {"email": "alice@example.com", "verified": True, "primary": True}
        ]

    def test_leaves_out_password_hashes_tokens_and_two_factor_secrets(self, worlds):
        mine, _ = worlds
        turn_on_two_factor(mine.user)
        share_link = ShareLink.objects.get(mission__opportunity__owner=mine.user)
        invitation = council_models.Invitation.objects.get(invited_by=mine.user)

        data = services.export_data(user=mine.user)
        text = services.export_json(user=mine.user)

        assert mine.user.password not in text
        assert share_link.token_digest not in text and share_link.token_salt not in text
        assert share_link.token not in text
        assert invitation.token_digest not in text
        assert TOTP_SECRET not in text
        assert not re.search(r"token|salt|digest|password|secret", text, re.I)
        assert {row["type"] for row in data["account"]["two_factor"]} == {
            Authenticator.Type.TOTP,
            Authenticator.Type.RECOVERY_CODES,
        }
        # Unused recovery codes are derived from a seed; neither is exported.
        for code in (
            Authenticator.objects.get(user=mine.user, type="recovery_codes")
            .wrap()
            .get_unused_codes()
        ):
            assert code not in text

    def test_takes_the_same_number_of_queries_however_much_there_is(self, alice):
        one_of_everything(alice, "small")
        with CaptureQueriesContext(connection) as small:
            services.export_json(user=alice)
        for _ in range(3):
            opportunity = factories.OpportunityFactory(owner=alice)
            person = factories.PersonFactory(opportunity=opportunity)
            factories.InterviewFactory(opportunity=opportunity).people.add(person)
            factories.KeyResultFactory(objective__mission__opportunity=opportunity)
            plan = factories.NegotiationPlanFactory(opportunity=opportunity)
            factories.ConversationFactory(plan=plan).people.add(person)
        with CaptureQueriesContext(connection) as large:
            services.export_json(user=alice)

        assert len(large) == len(small)


class TestAccountExportView:
    def test_asks_for_the_password_again_first(self, alice):
        client = client_for(alice)

        response = client.get("/account/export/")

        assert response.status_code == 302
        assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccount%2Fexport%2F"

    def test_a_download_without_a_fresh_password_is_held_back(self, alice):
        one_of_everything(alice, "ALICE-7c1")
        client = client_for(alice)

        response = client.post("/account/export/")

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")
        assert b"ALICE-7c1" not in response.content

    def test_the_page_says_what_the_file_holds(self, alice):
        client = client_for(alice)
        reauthenticate(client)

        response = client.get("/account/export/")

        content = response.content.decode()
        assert response.status_code == 200
        assert texts(content, "h1") == ["Export your data"]
        assert "Never in the file: your password" in content
        assert select(content, "form", method="post", action="/account/export/")
        assert select(content, "a", href="/account/export/", aria_current="page")
        assert "no-store" in response["Cache-Control"]

    def test_downloads_a_dated_json_file_that_is_never_cached(self, worlds):
        mine, _ = worlds
        client = client_for(mine.user)
        reauthenticate(client)

        response, data = download(client)

        today = timezone.localdate().isoformat()
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="jobmission-export-{today}.json"'
        )
        assert "no-store" in response["Cache-Control"]
        assert data["account"]["email"] == "alice@example.com"
        assert len(data["opportunities"]["Opportunity"]) == 1

    def test_a_post_without_the_csrf_token_is_refused(self, alice):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(alice)
        reauthenticate_with_csrf(client)

        assert client.post("/account/export/").status_code == 403


def reauthenticate_with_csrf(client) -> None:
    page = client.get("/accounts/reauthenticate/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(
        "/accounts/reauthenticate/",
        {"password": factories.PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
