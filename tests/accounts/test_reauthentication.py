"""Sensitive account changes ask for the password (or an authenticator code) once more."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests import factories
from tests.html import select
from tests.world import (
    client_for,
    reauthenticate,
    totp_code,
    turn_on_two_factor,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-calm-and-focused-search-2026"


@pytest.fixture
def user():
    return factories.UserFactory(email="careful@example.com")


class TestEmailChanges:
    def test_adding_an_address_asks_for_the_password_first(self, user):
        client = client_for(user)

        response = client.post(
            "/accounts/email/", {"action_add": "", "email": "second@example.com"}
        )

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")
        assert not EmailAddress.objects.filter(email="second@example.com").exists()
        assert not mail.outbox

    def test_after_confirming_the_address_is_added(self, user):
        client = client_for(user)
        reauthenticate(client)

        client.post("/accounts/email/", {"action_add": "", "email": "second@example.com"})

        assert EmailAddress.objects.filter(user=user, email="second@example.com").exists()

    def test_removing_an_address_asks_too(self, user):
        EmailAddress.objects.create(user=user, email="old@example.com", verified=True)
        client = client_for(user)

        response = client.post(
            "/accounts/email/", {"action_remove": "", "email": "old@example.com"}
        )

        assert response["Location"].startswith("/accounts/reauthenticate/")
        assert EmailAddress.objects.filter(email="old@example.com").exists()

    def test_a_wrong_password_confirms_nothing(self, user):
        client = client_for(user)

        response = client.post("/accounts/reauthenticate/", {"password": "not-my-password"})

        assert response.status_code == 200
        assert select(response, id="id_password_error")
        response = client.post(
            "/accounts/email/", {"action_add": "", "email": "second@example.com"}
        )
        assert response["Location"].startswith("/accounts/reauthenticate/")

    def test_the_confirmation_runs_out(self, user, settings):
        settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
        client = client_for(user)
        reauthenticate(client)

        response = client.post(
            "/accounts/email/", {"action_add": "", "email": "second@example.com"}
        )

        assert response["Location"].startswith("/accounts/reauthenticate/")


class TestPasswordChange:
    def test_needs_the_current_password(self, user):
        client = client_for(user)

        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": "not-my-password",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

        assert response.status_code == 200
        assert select(response, id="id_oldpassword_error")
        user.refresh_from_db()
        assert user.check_password(factories.PASSWORD)

    def test_changes_with_the_current_password(self, user):
        client = client_for(user)

        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": factories.PASSWORD,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)


class TestWithTwoFactorOn:
    def test_the_confirm_page_offers_the_authenticator_code(self, user):
        turn_on_two_factor(user)
        client = client_for(user)

        page = client.get("/accounts/reauthenticate/?next=/account/export/")

        assert page.status_code == 200
        assert b"Other ways to confirm" in page.content
        assert select(page, "a", href="/accounts/2fa/reauthenticate/?next=%2Faccount%2Fexport%2F")

    def test_a_code_from_the_app_confirms_it_is_you(self, user):
        turn_on_two_factor(user)
        client = client_for(user)

        response = client.post(
            "/accounts/2fa/reauthenticate/?next=/account/export/", {"code": totp_code()}
        )

        assert response.status_code == 302
        assert response["Location"] == "/account/export/"
        assert client.get("/account/export/").status_code == 200

    def test_a_wrong_code_confirms_nothing(self, user):
        turn_on_two_factor(user)
        client = client_for(user)

        response = client.post("/accounts/2fa/reauthenticate/", {"code": "000000"})

        assert response.status_code == 200
        assert b"Incorrect code." in response.content
        assert client.get("/account/export/").status_code == 302
