"""Two-factor authentication through allauth.mfa: an authenticator app plus recovery codes."""

import base64
import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests import factories
from tests.html import attributes, one, select, texts, values
from tests.test_security_headers import SCRIPT, csp_nonce
from tests.world import (
    client_for,
    reauthenticate,
    totp_code,
    turn_on_two_factor,
)

pytestmark = pytest.mark.django_db


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def secret_on(page) -> str:
    return re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page.content.decode())[1]


@pytest.fixture
def user():
    return factories.UserFactory(email="careful@example.com")


class TestTwoFactorPage:
    def test_is_in_the_account_menu_and_starts_off(self, user):
        response = client_for(user).get("/accounts/2fa/")

        content = response.content.decode()
        assert response.status_code == 200
        assert texts(content, "h1") == ["Two-factor authentication"]
        current = texts(content, "a", href="/accounts/2fa/", aria_current="page")
        assert current == ["Two-factor authentication"]
        assert select(content, "a", href="/accounts/2fa/totp/activate/")
        assert "Off" in content

    def test_the_account_menu_links_to_it_from_the_email_page(self, user):
        content = client_for(user).get("/accounts/email/").content.decode()

        assert "Two-factor authentication" in texts(content, "a", href="/accounts/2fa/")
        assert "Export your data" in texts(content, "a", href="/account/export/")
        assert "Delete your account" in texts(content, "a", href="/account/delete/")


class TestTurningItOn:
    def test_asks_for_the_password_again_first(self, user):
        response = client_for(user).get("/accounts/2fa/totp/activate/")

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")

    def test_shows_a_qr_code_that_needs_no_outside_request_and_keeps_the_csp(self, user):
        client = client_for(user)
        reauthenticate(client)

        response = client.get("/accounts/2fa/totp/activate/")

        content = response.content.decode()
        assert response.status_code == 200
        src = attributes(one(content, "img", class_="totp-qr"))["src"]
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1]).decode()
        assert "<svg" in svg and "http://" not in svg.replace("http://www.w3.org", "")
        nonce = csp_nonce(response)
        assert values(content, "script", "nonce") == [nonce] * len(select(content, "script"))
        for script in SCRIPT.findall(content):
            assert f'nonce="{nonce}"' in script
        assert not re.search(r"\sstyle=", content)
        assert not re.search(r"\son[a-z]+=", content)

    def test_a_wrong_code_is_refused_next_to_the_field(self, user):
        client = client_for(user)
        reauthenticate(client)
        client.get("/accounts/2fa/totp/activate/")

        response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})

        content = response.content.decode()
        assert response.status_code == 200
        assert select(content, class_="invalid-feedback", id="id_code_error")
        assert "Incorrect code." in content
        assert not Authenticator.objects.filter(user=user).exists()

    def test_the_right_code_turns_it_on_and_shows_the_recovery_codes(self, user):
        client = client_for(user)
        reauthenticate(client)
        secret = secret_on(client.get("/accounts/2fa/totp/activate/"))

        response = client.post(
            "/accounts/2fa/totp/activate/", {"code": totp_code(secret)}, follow=True
        )

        assert response.redirect_chain[-1][0] == "/accounts/2fa/recovery-codes/"
        assert Authenticator.objects.filter(user=user, type="totp").exists()
        codes = (
            Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
        )
        content = response.content.decode()
        assert texts(content, "h1") == ["Recovery codes"]
        assert len(codes) == 10
        assert set(codes) <= set(texts(content, "li"))
        assert select(content, "a", href="/accounts/2fa/recovery-codes/download/")

    def test_recovery_codes_download_as_a_text_file(self, user):
        codes = turn_on_two_factor(user)
        client = client_for(user)
        reauthenticate(client)

        response = client.get("/accounts/2fa/recovery-codes/download/")

        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert all(code in response.content.decode() for code in codes)


def sign_in_with_password(client: Client, user) -> None:
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client)


class TestSigningIn:
    def test_the_password_alone_is_not_enough(self, user, anonymous_client):
        turn_on_two_factor(user)

        sign_in_with_password(anonymous_client, user)

        page = anonymous_client.get("/accounts/2fa/authenticate/")
        assert texts(page, "h1") == ["Enter your code"]
        assert select(page, class_="card entrance-card")
        assert anonymous_client.get("/focus/")["Location"].startswith("/accounts/login/")

    def test_a_code_from_the_app_signs_in(self, user, anonymous_client):
        turn_on_two_factor(user)
        sign_in_with_password(anonymous_client, user)

        response = anonymous_client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

        assert response.status_code == 302
        assert response["Location"] == "/"
        assert is_signed_in(anonymous_client)

    def test_a_wrong_code_keeps_you_out(self, user, anonymous_client):
        turn_on_two_factor(user)
        sign_in_with_password(anonymous_client, user)

        response = anonymous_client.post("/accounts/2fa/authenticate/", {"code": "123456"})

        assert response.status_code == 200
        assert b"Incorrect code." in response.content
        assert not is_signed_in(anonymous_client)

    def test_a_recovery_code_signs_in_once(self, user, anonymous_client):
        code = turn_on_two_factor(user)[0]
        sign_in_with_password(anonymous_client, user)

        response = anonymous_client.post("/accounts/2fa/authenticate/", {"code": code})

        assert response.status_code == 302
        assert is_signed_in(anonymous_client)
        again = Client()
        sign_in_with_password(again, user)
        response = again.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 200
        assert not is_signed_in(again)


class TestTurningItOff:
    def test_asks_for_the_password_or_a_code_first(self, user):
        turn_on_two_factor(user)

        response = client_for(user).get("/accounts/2fa/totp/deactivate/")

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")

    def test_after_confirming_it_is_off_and_the_password_signs_in_again(self, user):
        turn_on_two_factor(user)
        client = client_for(user)
        reauthenticate(client)

        response = client.post("/accounts/2fa/totp/deactivate/")

        assert response.status_code == 302
        assert not Authenticator.objects.filter(user=user).exists()
        browser = Client()
        response = browser.post(
            "/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
        )
        assert response["Location"] == "/"
        assert is_signed_in(browser)
