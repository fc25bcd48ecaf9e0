"""Accounts through django-allauth: sign up, confirm, sign in and out, reset, rate limits, looks.

The suite runs with DEBUG off, so email verification is mandatory here, as in production.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.html import field_names, one, select, texts

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-calm-and-focused-search-2026"


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in an email whose path starts with ``path_prefix``."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no {path_prefix} link in:\n{message.body}"
    return match.group(1)


def sign_up(client: Client, email: str = "new.seeker@example.com") -> None:
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


class TestSignup:
    def test_sends_a_verification_email_and_waits_for_it(self, anonymous_client):
        response = anonymous_client.post(
            "/accounts/signup/",
            {
                "email": "new.seeker@example.com",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

        assert response.status_code == 302
        assert response["Location"] == "/accounts/confirm-email/"
        assert not is_signed_in(anonymous_client)
        [message] = mail.outbox
        assert message.to == ["new.seeker@example.com"]
        assert message.subject.startswith("[JobMission] ")
        assert "/accounts/confirm-email/" in message.body
        address = EmailAddress.objects.get(email="new.seeker@example.com")
        assert not address.verified

    def test_verification_email_reads_like_jobmission(self, anonymous_client):
        sign_up(anonymous_client)

        [message] = mail.outbox
        assert message.subject == "[JobMission] Confirm your email address to start your search"
        assert message.body.startswith("Hello,")
        assert "Welcome to JobMission" in message.body
        # allauth's default greeting names the host and the generated username.
        assert "Hello from" not in message.body
        assert "user new" not in message.body

    def test_keeps_the_typed_email_when_the_password_is_too_short(self, anonymous_client):
        response = anonymous_client.post(
            "/accounts/signup/",
            {"email": "new.seeker@example.com", "password1": "short", "password2": "short"},
        )

        assert response.status_code == 200
        content = response.content.decode()
        assert select(content, "input", value="new.seeker@example.com")
        assert select(content, class_="invalid-feedback", id="id_password1_error")
        assert "too short" in content
        assert 'value="short"' not in content  # passwords are never sent back
        assert not get_user_model().objects.filter(email="new.seeker@example.com").exists()

    def test_shows_script_in_the_email_field_as_text(self, anonymous_client):
        response = anonymous_client.post(
            "/accounts/signup/",
            {"email": "<script>alert(1)</script>", "password1": "x", "password2": "x"},
        )

        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content

    def test_an_address_already_in_use_gets_the_same_answer(self, anonymous_client, owner):
        sign_up(anonymous_client, email=owner.email)

        # Same redirect as a brand-new address; the owner is told by email instead.
        [message] = mail.outbox
        assert message.to == [owner.email]
        assert message.subject == "[JobMission] You already have an account"
        assert get_user_model().objects.filter(email__iexact=owner.email).count() == 1


class TestEmailConfirmation:
    def test_get_shows_a_page_and_changes_nothing(self, anonymous_client):
        sign_up(anonymous_client)
        confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")

        response = anonymous_client.get(confirm_path)

        assert response.status_code == 200
        assert b"Confirm your email address" in response.content
        assert b"new.seeker@example.com" in response.content
        # allauth signs a fresh key (with a timestamp) for the form: any confirm-email URL.
        assert select(response, "form", action=re.compile(r"/accounts/confirm-email/[\w:-]+/"))
        assert not EmailAddress.objects.get(email="new.seeker@example.com").verified

    def test_post_confirms_and_the_user_can_sign_in(self, anonymous_client):
        sign_up(anonymous_client)
        confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")

        response = anonymous_client.post(confirm_path)

        assert response.status_code == 302
        assert EmailAddress.objects.get(email="new.seeker@example.com").verified
        browser = Client()
        response = browser.post(
            "/accounts/login/", {"login": "new.seeker@example.com", "password": NEW_PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert is_signed_in(browser)

    def test_an_unknown_key_explains_what_to_do(self, anonymous_client):
        response = anonymous_client.get("/accounts/confirm-email/not-a-real-key/")

        assert response.status_code == 200
        assert b"This link no longer works" in response.content
        assert not select(one(response, id="main"), "form")


class TestLogin:
    def test_signs_in_with_the_right_password(self, anonymous_client, owner):
        response = anonymous_client.post(
            "/accounts/login/", {"login": owner.email, "password": PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == "/"
        assert is_signed_in(anonymous_client)

    def test_wrong_password_shows_an_error_and_keeps_the_email(self, anonymous_client, owner):
        response = anonymous_client.post(
            "/accounts/login/", {"login": owner.email, "password": "not-my-password"}
        )

        assert response.status_code == 200
        content = response.content.decode()
        assert select(content, class_="alert alert-danger", role="alert")
        assert "are not correct" in content
        assert select(content, "input", value=owner.email)
        assert "not-my-password" not in content
        assert not is_signed_in(anonymous_client)

    def test_uses_allauths_field_names(self, anonymous_client):
        response = anonymous_client.get("/accounts/login/")

        content = response.content.decode()
        assert {"login", "password"} <= field_names(one(content, "form"))
        assert texts(content, "label", for_="id_login") == ["Email"]

    def test_an_unverified_user_is_sent_to_verify_instead_of_signed_in(self, anonymous_client):
        user = UserFactory(email="unverified@example.com")
        EmailAddress.objects.filter(user=user).update(verified=False)

        response = anonymous_client.post(
            "/accounts/login/", {"login": user.email, "password": PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == "/accounts/confirm-email/"
        assert not is_signed_in(anonymous_client)
        assert anonymous_client.get("/focus/")["Location"].startswith("/accounts/login/")
        [message] = mail.outbox
        assert "/accounts/confirm-email/" in message.body

    def test_refuses_even_the_right_password_after_many_failures(self, anonymous_client, owner):
        # allauth's default "login_failed" limit: 5 failures per address per 5 minutes.
        for _ in range(5):
            response = anonymous_client.post(
                "/accounts/login/", {"login": owner.email, "password": "guess"}
            )
            assert b"are not correct" in response.content

        response = anonymous_client.post(
            "/accounts/login/", {"login": owner.email, "password": PASSWORD}
        )

        assert response.status_code == 200
        assert b"Too many failed login attempts" in response.content
        assert not is_signed_in(anonymous_client)


class TestLogout:
    def test_get_asks_first_and_keeps_you_signed_in(self, owner_client):
        response = owner_client.get("/accounts/logout/")

        assert response.status_code == 200
        assert select(response, "form", action="/accounts/logout/")
        assert is_signed_in(owner_client)

    def test_post_signs_you_out(self, owner_client):
        response = owner_client.post("/accounts/logout/")

        assert response.status_code == 302
        assert not is_signed_in(owner_client)
        assert owner_client.get("/focus/")["Location"].startswith("/accounts/login/")


class TestPasswordReset:
    def test_sends_a_reset_link_to_a_known_address(self, anonymous_client, owner):
        response = anonymous_client.post("/accounts/password/reset/", {"email": owner.email})

        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/done/"
        [message] = mail.outbox
        assert message.to == [owner.email]
        assert message.subject == "[JobMission] Reset your password"
        link_in(message, "/accounts/password/reset/key/")

    def test_answers_an_unknown_address_the_same_way(self, anonymous_client, owner):
        known = Client().post("/accounts/password/reset/", {"email": owner.email})
        unknown = anonymous_client.post(
            "/accounts/password/reset/", {"email": "nobody@example.com"}
        )

        assert unknown.status_code == known.status_code == 302
        assert unknown["Location"] == known["Location"]
        page = anonymous_client.get(unknown["Location"])
        assert b"If an account uses that address" in page.content
        unknown_mail = next(m for m in mail.outbox if m.to == ["nobody@example.com"])
        assert "/accounts/password/reset/key/" not in unknown_mail.body

    def test_the_link_lets_you_choose_a_new_password(self, anonymous_client, owner):
        anonymous_client.post("/accounts/password/reset/", {"email": owner.email})
        key_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")

        # allauth moves the key out of the URL into the session before showing the form.
        form_page = anonymous_client.get(key_path, follow=True)
        assert b"Choose a new password" in form_page.content
        form_path = form_page.redirect_chain[-1][0]
        response = anonymous_client.post(
            form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/key/done/"
        owner.refresh_from_db()
        assert owner.check_password(NEW_PASSWORD)

    def test_a_bad_link_says_so_kindly(self, anonymous_client):
        response = anonymous_client.get("/accounts/password/reset/key/1-not-a-key/")

        assert response.status_code == 200
        assert b"This link no longer works" in response.content
        assert select(response, "a", href="/accounts/password/reset/")


ENTRANCE_PAGES = [
    ("/accounts/login/", "Welcome back"),
    ("/accounts/signup/", "Create your account"),
    ("/accounts/password/reset/", "Reset your password"),
    ("/accounts/password/reset/done/", "Check your inbox"),
    ("/accounts/confirm-email/", "Confirm your email address"),
]
SIGNED_IN_PAGES = [
    ("/accounts/email/", "Email addresses"),
    ("/accounts/password/change/", "Change your password"),
    ("/accounts/logout/", "Sign out"),
    ("/accounts/2fa/", "Two-factor authentication"),
]


def assert_in_our_layout(response, heading: str) -> None:
    content = response.content.decode()
    assert response.status_code == 200
    [brand] = texts(content, "a", class_="navbar-brand")
    assert brand.endswith("JobMission")
    assert select(content, "link", href=re.compile(r"/static/css/app\.[0-9a-f]+\.css"))
    assert select(content, "script", src=re.compile(r"/static/vendor/htmx/[^\"]+"), nonce=True)
    assert texts(content, "h1") == [heading]
    # allauth's bare layout would show its own "Menu:" list.
    assert "Menu:" not in content


class TestAccountPagesLook:
    @pytest.mark.parametrize(("path", "heading"), ENTRANCE_PAGES)
    def test_entrance_pages_sit_in_a_card_in_our_layout(self, anonymous_client, path, heading):
        response = anonymous_client.get(path)

        assert_in_our_layout(response, heading)
        assert select(response, class_="card entrance-card")

    @pytest.mark.parametrize(("path", "heading"), SIGNED_IN_PAGES)
    def test_account_settings_have_our_layout_and_menu(self, owner_client, path, heading):
        response = owner_client.get(path)

        assert_in_our_layout(response, heading)
        assert select(response, aria_current="page")
        assert b"owner@example.com" in response.content

    def test_titles_name_the_page(self, anonymous_client):
        response = anonymous_client.get("/accounts/login/")

        assert texts(response, "title") == ["Sign in · JobMission"]

    @pytest.mark.parametrize("path", ["/accounts/email/", "/accounts/password/change/"])
    def test_settings_send_anonymous_visitors_to_sign_in(self, anonymous_client, path):
        response = anonymous_client.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


class TestAdminLogin:
    def test_goes_through_our_sign_in(self, anonymous_client):
        response = anonymous_client.get("/admin/login/?next=/admin/")

        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"

    def test_refuses_a_signed_in_user_who_is_not_staff(self, owner_client):
        assert owner_client.get("/admin/login/").status_code == 403


def main_of(response, *emails: str) -> str:
    """The page's main region with what legitimately differs (typed address, tokens) blanked."""
    content = response.content.decode()
    main = content[content.index('<main id="main"') : content.index("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", main)
    for email in emails:
        main = main.replace(email, "EMAIL")
    return main


class TestNoHintWhetherAnAddressHasAnAccount:
    """Sign-up, password reset and sign-in answer a known and an unknown address alike."""

    UNKNOWN = "nobody@example.com"

    def answers(self, path: str, data_for) -> list:
        """(status, redirect target, next page's main region, emails sent) for both addresses."""
        results = []
        for email in (self.KNOWN, self.UNKNOWN):
            mail.outbox.clear()
            client = Client()
            response = client.post(path, data_for(email))
            location = response.get("Location", "")
            page = client.get(location) if location else response
            results.append(
                (
                    response.status_code,
                    location,
                    main_of(page, email),
                    [(message.to == [email]) for message in mail.outbox],
                )
            )
        return results

    @pytest.fixture(autouse=True)
    def known(self, owner):
        self.KNOWN = owner.email

    def test_sign_up(self):
        known, unknown = self.answers(
            "/accounts/signup/",
            lambda email: {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

        assert known == unknown
        assert known[0] == 302 and known[3] == [True]

    def test_password_reset(self):
        known, unknown = self.answers("/accounts/password/reset/", lambda email: {"email": email})

        assert known == unknown
        assert known[1] == "/accounts/password/reset/done/" and known[3] == [True]

    def test_sign_in_with_a_wrong_password(self):
        known, unknown = self.answers(
            "/accounts/login/", lambda email: {"login": email, "password": "not-the-password"}
        )

        assert known == unknown
        assert known[0] == 200 and known[3] == []
        assert "are not correct" in known[2]
