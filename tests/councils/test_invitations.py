"""Invitations by email: sending, the email itself, revoking, re-sending, and the whole token
lifecycle of /invitations/<token>/ — expiry, reuse, revocation, the wrong or unverified
address, tampering, the case of the address, and the sign-up path back to the invitation."""

import datetime as dt
import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.tokens import digest_token
from councils import services
from councils.models import INVITATION_LIFETIME, Invitation, Membership
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import CouncilFactory, FocusFactory, MembershipFactory, UserFactory
from tests.html import opens_with, select, texts

pytestmark = pytest.mark.django_db

BASE_URL = "https://jobmission.example"
PASSWORD = "a-long-and-unusual-passphrase-77"


@pytest.fixture
def council(owner):
    return CouncilFactory(
        owner=owner, name="Thursday product leaders", purpose="We debrief every interview."
    )


def invite(council, *addresses: str) -> None:
    mail.outbox.clear()
    services.invite_members(
        council=council, invited_by=council.owner, emails=list(addresses), base_url=BASE_URL
    )


def token_in(body: str) -> str:
    return re.search(r"/invitations/([\w-]+)/", body).group(1)


def accept_url(token: str) -> str:
    return reverse("invitation_accept", args=[token])


def signed_in(email: str, *, verified: bool = True) -> tuple[Client, object]:
    user = UserFactory(email=email)
    if not verified:
        EmailAddress.objects.filter(user=user).update(verified=False)
    client = Client()
    client.force_login(user)
    return client, user


def text(response) -> str:
    return html.unescape(response.content.decode())


def words(response) -> str:
    """What a reader sees: the page without tags, its spaces collapsed."""
    collapsed = " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())
    return collapsed.replace(" .", ".").replace(" ,", ",")


def without_secrets(response) -> str:
    """The page minus what differs on every request (CSP nonce, CSRF token)."""
    page = re.sub(r'nonce="[^"]+"', "", response.content.decode())
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Invite addresses and run the on-commit email callbacks; return each address's token."""

    def do(council, *addresses: str) -> dict[str, str]:
        with django_capture_on_commit_callbacks(execute=True):
            invite(council, *addresses)
        return {message.to[0]: token_in(message.body) for message in mail.outbox}

    return do


@pytest.fixture
def token(council, send) -> str:
    return send(council, "sam@example.com")["sam@example.com"]


class TestInvitationCreate:
    def url(self, council) -> str:
        return reverse("invitation_create", args=[council.pk])

    def test_sends_one_email_per_address_after_commit(
        self, council, owner_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = owner_client.post(
                self.url(council), {"emails": "Sam@Example.com, priya@example.com\nlee@example.com"}
            )
            assert mail.outbox == []
        for callback in callbacks:
            callback()

        assert response.status_code == 302
        assert response.url == f"{council.get_absolute_url()}#invitations"
        assert sorted(message.to[0] for message in mail.outbox) == [
            "lee@example.com",
            "priya@example.com",
            "sam@example.com",
        ]
        assert set(council.invitations.values_list("email", flat=True)) == {
            "sam@example.com",
            "priya@example.com",
            "lee@example.com",
        }

    def test_stores_only_a_digest_of_a_128_bit_token(self, council, token):
        invitation = council.invitations.get()

        assert len(token) >= 43  # 32 random bytes, URL-safe base64
        assert invitation.token_digest == digest_token(token)
        assert token not in str(Invitation.objects.values().get())
        assert invitation.expires_at == pytest.approx(
            timezone.now() + INVITATION_LIFETIME, abs=dt.timedelta(minutes=1)
        )
        assert invitation.sent_count == 1

    def test_reports_members_and_open_invitations_and_invites_the_others(
        self, council, council_member, token, owner_client, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = owner_client.post(
                self.url(council),
                {"emails": "MEMBER@example.com sam@example.com new@example.com new@example.com"},
                follow=True,
            )

        page = text(response)
        assert [message.to for message in mail.outbox] == [["new@example.com"]]
        assert "Sent 1 invitation." in page
        assert "Already in the council: member@example.com." in page
        assert "Already invited (use Re-send if it got lost): sam@example.com." in page
        assert council.invitations.filter(email="sam@example.com").get().sent_count == 1

    def test_refuses_invalid_addresses_keeps_the_typed_text_and_invites_nobody(
        self, council, owner_client
    ):
        response = owner_client.post(
            self.url(council), {"emails": "good@example.com, not-an-address@, also bad@"}
        )

        page = text(response)
        assert response.status_code == 200
        assert "These don't look like email addresses: not-an-address@, bad@" in page
        assert "good@example.com, not-an-address@, also bad@" in page
        assert not council.invitations.exists()
        assert mail.outbox == []

    def test_htmx_gets_the_region_with_what_happened(
        self, council, owner_client, htmx_headers, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = owner_client.post(
                self.url(council),
                {"emails": "sam@example.com"},
                headers=htmx_headers("invitations"),
            )

        page = text(response)
        assert opens_with(page, "section", id="invitations")
        assert "Invitation sent to sam@example.com." in words(response)
        # Listed as waiting for an answer.
        assert select(page, id=re.compile(r"invitation-\d+"))
        assert "Sent 1 invitation." in texts(page, hx_swap_oob="innerHTML")

    def test_htmx_invalid_input_comes_back_in_place_with_the_error(
        self, council, owner_client, htmx_headers
    ):
        response = owner_client.post(
            self.url(council), {"emails": ""}, headers=htmx_headers("invitations")
        )

        assert response.status_code == 200
        assert "Add at least one email address." in text(response)
        assert not select(response, "html")

    def test_an_expired_invitation_is_renewed_not_duplicated(self, council, token, send):
        council.invitations.update(expires_at=timezone.now() - dt.timedelta(days=1))

        new_token = send(council, "sam@example.com")["sam@example.com"]

        invitation = council.invitations.get()
        assert invitation.is_pending
        assert invitation.sent_count == 2
        assert new_token != token

    def test_refuses_more_than_the_daily_limit(self, council, owner_client, send, monkeypatch):
        monkeypatch.setattr(services, "INVITATIONS_PER_DAY", 2)
        send(council, "a@example.com", "b@example.com")

        response = owner_client.post(self.url(council), {"emails": "c@example.com"})

        assert "daily limit" in text(response)
        assert council.invitations.count() == 2

    def test_a_member_gets_403_and_nobody_is_invited(self, council, council_member_client):
        response = council_member_client.post(self.url(council), {"emails": "friend@example.com"})

        assert response.status_code == 403
        assert not Invitation.objects.exists()

    def test_a_stranger_gets_404(self, council, stranger_client):
        response = stranger_client.post(self.url(council), {"emails": "friend@example.com"})

        assert response.status_code == 404
        assert not Invitation.objects.exists()


class TestInvitationEmail:
    def test_names_who_invites_to_what_with_an_absolute_link_and_the_expiry(
        self, council, owner, token
    ):
        (message,) = mail.outbox
        invitation = council.invitations.get()
        link = f"{BASE_URL}/invitations/{token}/"
        expiry = timezone.localtime(invitation.expires_at).strftime("%A %-d %B %Y")

        assert message.to == ["sam@example.com"]
        assert message.reply_to == [owner.email]
        assert message.subject == (
            f"[JobMission] {owner.email} invites you to Thursday product leaders, "
            "a job-search council"
        )
        for part in (message.body, message.alternatives[0].content):
            assert link in part
            assert owner.email in part
            assert "Thursday product leaders" in part
            assert "We debrief every interview." in part
            assert expiry in part
            assert "sam@example.com only" in part
        assert message.alternatives[0].mimetype == "text/html"

    def test_names_the_inviter_by_the_name_on_their_focus(self, council, owner, send):
        FocusFactory(owner=owner, full_name="Maya Lindqvist")

        send(council, "sam@example.com")

        (message,) = mail.outbox
        assert message.subject.startswith("[JobMission] Maya Lindqvist invites you")
        assert f"Maya Lindqvist ({owner.email}) has started" in message.body
        assert "Maya Lindqvist invites you" in message.alternatives[0].content

    def test_the_html_part_escapes_what_the_owner_typed(self, owner, send):
        council = CouncilFactory(owner=owner, name="<b>Bold</b> & co", purpose="<script>x</script>")

        send(council, "sam@example.com")

        (message,) = mail.outbox
        html_part = message.alternatives[0].content
        assert "<script>x</script>" not in html_part
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html_part
        assert "<b>Bold</b> & co" in message.body  # plain text is not HTML-escaped

    def test_the_link_is_built_from_the_requests_host(
        self, council, owner_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            owner_client.post(
                reverse("invitation_create", args=[council.pk]), {"emails": "sam@example.com"}
            )

        assert "http://testserver/invitations/" in mail.outbox[0].body

    def test_nothing_is_sent_when_the_transaction_rolls_back(
        self, council, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            invite(council, "sam@example.com")

        assert mail.outbox == []
        assert len(callbacks) == 1


class TestInvitationRevoke:
    def url(self, council, invitation) -> str:
        return reverse("invitation_revoke", args=[council.pk, invitation.pk])

    def test_a_revoked_link_gives_the_same_404_as_an_unknown_one(
        self, council, token, owner_client, anonymous_client
    ):
        invitation = council.invitations.get()

        response = owner_client.post(self.url(council, invitation), follow=True)

        assert "Withdrew the invitation for sam@example.com" in text(response)
        assert anonymous_client.get(accept_url(token)).status_code == 404
        assert not select(response, id=re.compile(r"invitation-\d+"))

    def test_htmx_gets_the_region(self, council, token, owner_client, htmx_headers):
        response = owner_client.post(
            self.url(council, council.invitations.get()), headers=htmx_headers("invitations")
        )

        assert opens_with(response, "section", id="invitations")
        assert council.invitations.get().revoked_at is not None

    def test_get_is_not_allowed(self, council, token, owner_client):
        assert owner_client.get(self.url(council, council.invitations.get())).status_code == 405
        assert council.invitations.get().revoked_at is None

    def test_a_member_gets_403_and_the_invitation_stays(
        self, council, token, council_member_client
    ):
        response = council_member_client.post(self.url(council, council.invitations.get()))

        assert response.status_code == 403
        assert council.invitations.get().is_pending

    def test_a_stranger_gets_404(self, council, token, stranger_client):
        assert stranger_client.post(self.url(council, council.invitations.get())).status_code == 404
        assert council.invitations.get().is_pending


class TestInvitationResend:
    def url(self, council, invitation) -> str:
        return reverse("invitation_resend", args=[council.pk, invitation.pk])

    def test_sends_a_new_link_and_the_old_one_dies(
        self, council, token, owner_client, anonymous_client, django_capture_on_commit_callbacks
    ):
        invitation = council.invitations.get()
        invitation.expires_at = timezone.now() + dt.timedelta(hours=1)
        invitation.save()
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            response = owner_client.post(self.url(council, invitation), follow=True)

        (message,) = mail.outbox
        new_token = token_in(message.body)
        invitation.refresh_from_db()
        assert "Sent a fresh invitation to sam@example.com" in text(response)
        assert new_token != token
        assert invitation.sent_count == 2
        assert invitation.expires_at > timezone.now() + dt.timedelta(days=6)
        assert anonymous_client.get(accept_url(token)).status_code == 404
        assert anonymous_client.get(accept_url(new_token)).status_code == 200

    def test_an_accepted_invitation_cannot_be_resent(self, council, token, owner_client):
        client, _ = signed_in("sam@example.com")
        client.post(accept_url(token))

        response = owner_client.post(self.url(council, council.invitations.get()))

        assert response.status_code == 404

    def test_a_member_gets_403_and_nothing_is_sent(self, council, token, council_member_client):
        mail.outbox.clear()

        response = council_member_client.post(self.url(council, council.invitations.get()))

        assert response.status_code == 403
        assert mail.outbox == []
        assert council.invitations.get().sent_count == 1

    def test_a_stranger_gets_404(self, council, token, stranger_client):
        assert stranger_client.post(self.url(council, council.invitations.get())).status_code == 404


class TestInvitationAccept:
    def test_opening_the_link_shows_who_invites_to_what_and_changes_nothing(
        self, council, owner, token, anonymous_client
    ):
        before = list(Invitation.objects.values())

        response = anonymous_client.get(accept_url(token))

        page = words(response)
        assert response.status_code == 200
        assert f"{owner.email} invites you to Thursday product leaders" in page
        assert "We debrief every interview." in page
        assert "This invitation is for sam@example.com" in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert list(Invitation.objects.values()) == before
        assert council.memberships.count() == 1

    def test_a_signed_out_visitor_is_offered_sign_up_with_the_address_and_a_way_back(
        self, token, anonymous_client
    ):
        page = anonymous_client.get(accept_url(token))

        back = f"next=%2Finvitations%2F{token}%2F"
        assert select(page, "a", href=f"/accounts/signup/?email=sam%40example.com&{back}")
        assert select(page, "a", href=f"/accounts/login/?{back}")

    def test_the_invited_verified_address_joins_with_a_post(self, council, token):
        client, user = signed_in("sam@example.com")

        page = text(client.get(accept_url(token)))
        assert "Join Thursday product leaders" in page
        assert not council.memberships.filter(user=user).exists()

        response = client.post(accept_url(token))

        assert response.url == council.get_absolute_url()
        assert council.memberships.filter(user=user).exists()
        invitation = council.invitations.get()
        assert invitation.accepted_by == user and invitation.accepted_at is not None
        assert client.get(council.get_absolute_url()).status_code == 200

    def test_the_case_of_the_address_does_not_matter(self, council, send):
        token = send(council, "Sam.Jones@Example.COM")["sam.jones@example.com"]
        client, user = signed_in("SAM.JONES@example.com")

        client.post(accept_url(token))

        assert council.memberships.filter(user=user).exists()

    def test_a_secondary_verified_address_is_enough(self, council, token):
        client, user = signed_in("sam.work@example.com")
        EmailAddress.objects.create(user=user, email="sam@example.com", verified=True)

        client.post(accept_url(token))

        assert council.memberships.filter(user=user).exists()

    def test_accepting_twice_creates_one_membership(self, council, token):
        client, user = signed_in("sam@example.com")

        client.post(accept_url(token))
        second = client.post(accept_url(token))

        assert second.url == council.get_absolute_url()
        assert council.memberships.filter(user=user).count() == 1

    def test_an_existing_membership_is_kept_not_duplicated(self, council, token):
        client, user = signed_in("sam@example.com")
        MembershipFactory(council=council, user=user)  # e.g. a concurrent accept got there first

        client.post(accept_url(token))

        assert council.memberships.filter(user=user).count() == 1
        assert council.invitations.get().accepted_by == user

    def test_the_service_refuses_anyone_else_once_accepted(self, council, token):
        _, sam = signed_in("sam@example.com")
        invitation = council.invitations.get()
        services.accept_invitation(invitation=invitation, user=sam)
        other = UserFactory()

        with pytest.raises(Exception, match="no longer open"):
            services.accept_invitation(invitation=invitation, user=other)
        assert not council.memberships.filter(user=other).exists()

    def test_someone_signed_in_with_another_address_gets_a_clear_message_and_no_membership(
        self, council, token
    ):
        client, user = signed_in("someone.else@example.com")

        page = words(client.get(accept_url(token)))
        response = client.post(accept_url(token))

        assert (
            "This invitation was sent to sam@example.com, and you're signed in as "
            "someone.else@example.com." in page
        )
        assert "Sign out and continue" in page
        assert response.status_code == 403
        assert not council.memberships.filter(user=user).exists()
        assert council.invitations.get().is_pending

    def test_the_sender_opening_their_own_link_is_told_it_waits_for_the_invitee(
        self, council, token, owner_client
    ):
        page = words(owner_client.get(accept_url(token)))
        response = owner_client.post(accept_url(token))

        assert "the invitation you sent to sam@example.com" in page
        assert response.status_code == 403
        assert council.invitations.get().is_pending

    def test_an_unverified_address_cannot_accept(self, council, token):
        client, user = signed_in("sam@example.com", verified=False)

        page = words(client.get(accept_url(token)))
        response = client.post(accept_url(token))

        assert "confirm sam@example.com" in page
        assert response.status_code == 403
        assert not council.memberships.filter(user=user).exists()

    def test_confirming_the_address_brings_the_invitee_back_to_the_invitation(self, council, token):
        from allauth.account.models import EmailConfirmationHMAC

        client, user = signed_in("sam@example.com", verified=False)
        client.get(accept_url(token))  # signed up, not yet confirmed: "confirm it first"
        key = EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key

        response = client.post(reverse("account_confirm_email", args=[key]))

        assert response.status_code == 302
        assert response.url == accept_url(token)
        assert client.post(accept_url(token)).status_code == 302
        assert council.memberships.filter(user=user).exists()

    def test_an_anonymous_post_joins_nobody(self, council, token, anonymous_client):
        response = anonymous_client.post(accept_url(token))

        assert response.status_code == 403
        assert council.memberships.count() == 1
        assert council.invitations.get().is_pending

    @pytest.mark.parametrize(
        "mangle",
        [
            pytest.param(lambda t: t[:-1] + ("B" if t.endswith("A") else "A"), id="edited"),
            pytest.param(lambda token: token[:20], id="truncated"),
            pytest.param(lambda token: token + "x", id="too-long"),
            pytest.param(lambda token: "not a token at all!", id="malformed"),
            pytest.param(lambda token: "A" * 43, id="unknown"),
        ],
    )
    def test_a_wrong_token_gives_404(self, token, mangle):
        client, _ = signed_in("sam@example.com")

        assert client.get(accept_url(mangle(token))).status_code == 404
        assert client.post(accept_url(mangle(token))).status_code == 404
        assert not Membership.objects.filter(user__email="sam@example.com").exists()

    def test_expired_used_and_revoked_tokens_give_the_same_404(self, council, token, send):
        expired = send(council, "expired@example.com")["expired@example.com"]
        Invitation.objects.filter(email="expired@example.com").update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
        revoked = send(council, "revoked@example.com")["revoked@example.com"]
        services.revoke_invitation(invitation=council.invitations.get(email="revoked@example.com"))
        used_by_sam, _ = signed_in("sam@example.com")
        used_by_sam.post(accept_url(token))
        unknown = "B" * 43
        anyone, _ = signed_in("expired@example.com")

        responses = [anyone.get(accept_url(t)) for t in (expired, revoked, token, unknown)]

        assert [response.status_code for response in responses] == [404] * 4
        assert len({without_secrets(response) for response in responses}) == 1
        assert anyone.post(accept_url(expired)).status_code == 404
        assert not council.memberships.filter(user__email="expired@example.com").exists()

    def test_a_removed_member_cannot_rejoin_with_their_old_link(self, council, token):
        client, user = signed_in("sam@example.com")
        client.post(accept_url(token))
        services.remove_member(membership=council.memberships.get(user=user))

        assert client.get(accept_url(token)).status_code == 404
        assert client.post(accept_url(token)).status_code == 404
        assert not council.memberships.filter(user=user).exists()

    def test_signing_in_from_the_invitation_comes_back_to_it(self, council, token):
        UserFactory(email="sam@example.com")
        client = Client()
        page = text(client.get(accept_url(token)))
        login_url = re.search(r'href="(/accounts/login/\?[^"]+)"', page)

        response = client.post(
            login_url.group(1),
            {"login": "sam@example.com", "password": FACTORY_PASSWORD, "next": accept_url(token)},
        )

        assert response.status_code == 302
        assert response.url == accept_url(token)
        client.post(accept_url(token))
        assert council.memberships.filter(user__email="sam@example.com").exists()

    def test_the_sign_up_path_lands_back_on_the_invitation(self, council, token, settings):
        settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
        client = Client()
        page = text(client.get(accept_url(token)))
        signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1)
        signup_page = text(client.get(signup_url))
        assert select(signup_page, value="sam@example.com")  # the address is filled in
        mail.outbox.clear()

        response = client.post(
            signup_url,
            {
                "email": "sam@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": accept_url(token),
            },
        )
        assert response.status_code == 302
        assert not council.memberships.filter(user__email="sam@example.com").exists()

        (confirmation,) = mail.outbox
        confirm_path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", confirmation.body)
        response = client.post(confirm_path.group(1))

        assert response.url == accept_url(token)
        assert "Join Thursday product leaders" in text(client.get(response.url))
        client.post(accept_url(token))
        assert council.memberships.filter(user__email="sam@example.com").exists()
