"""/account/delete/: the user and all their rows and sessions go; other people's work stays."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from councils import models as council_models
from opportunities import models
from tests import factories
from tests.html import document, select, text_of, texts
from tests.world import (
    client_for,
    one_of_everything,
    reauthenticate,
    turn_on_two_factor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """Alice (who leaves), Bob and Carol, in each other's councils, commenting on each other."""
    alice = factories.UserFactory(email="alice@example.com")
    bob = factories.UserFactory(email="bob@example.com")
    carol = factories.UserFactory(email="carol@example.com")
    mine = one_of_everything(alice, "ALICE")
    theirs = one_of_everything(bob, "BOB")
    # Alice's rows in Bob's council.
    mine.add(
        factories.MembershipFactory(council=theirs.council, user=alice),
        factories.ShareFactory(
            council=theirs.council, mission=None, focus=mine.focus, shared_by=alice
        ),
    )
    alice_on_bob = factories.CommentFactory(share=theirs.share, author=alice, body="Alice says")
    mine.add(alice_on_bob)
    # Carol in Bob's council: her comment and her reply to Alice stay.
    factories.MembershipFactory(council=theirs.council, user=carol)
    carol_comment = factories.CommentFactory(share=theirs.share, author=carol, body="Carol says")
    carol_reply = factories.CommentFactory(
        share=theirs.share, author=carol, parent=alice_on_bob, body="Carol answers Alice"
    )
    # Bob in Alice's council: it closes, with what he shared and said there.
    factories.MembershipFactory(council=mine.council, user=bob)
    factories.CommentFactory(share=mine.share, author=bob, body="Bob on Alice's mission")
    return {
        "alice": alice,
        "mine": mine,
        "bob": bob,
        "theirs": theirs,
        "carol": carol,
        "carol_comment": carol_comment,
        "carol_reply": carol_reply,
    }


def ready_to_delete(user):
    client = client_for(user)
    reauthenticate(client)
    return client


class TestAccountDeletePage:
    def test_asks_for_the_password_again_first(self, owner_client):
        response = owner_client.get("/account/delete/")

        assert response.status_code == 302
        assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccount%2Fdelete%2F"

    def test_says_what_goes_including_the_councils_they_started(self, people):
        client = ready_to_delete(people["alice"])

        response = client.get("/account/delete/")

        content = response.content.decode()
        assert response.status_code == 200
        assert texts(content, "h1", id="delete-heading") == ["Delete your account"]
        assert "ALICE council" in texts(content, "strong")
        assert "ALICE council, which you started" in text_of(document(content))
        assert "its 1 other member," in content
        assert "BOB council" in texts(content, "strong")
        assert "Your place in BOB council" in text_of(document(content))
        assert "1 opportunity" in content
        assert "cannot be undone" in content
        assert select(content, "a", href="/account/export/")


class TestAccountDelete:
    def test_a_wrong_email_keeps_everything_and_says_why(self, people):
        alice = people["alice"]
        client = ready_to_delete(alice)

        response = client.post("/account/delete/", {"email": "alice@example.org"})

        content = response.content.decode()
        assert response.status_code == 200
        assert select(content, class_="invalid-feedback", id="id_email_error")
        assert "Type alice@example.com to confirm" in content
        assert select(content, value="alice@example.org")
        assert get_user_model().objects.filter(pk=alice.pk).exists()

    def test_an_empty_confirmation_is_refused(self, people):
        client = ready_to_delete(people["alice"])

        response = client.post("/account/delete/", {"email": ""})

        assert response.status_code == 200
        assert b"This field is required." in response.content
        assert get_user_model().objects.filter(pk=people["alice"].pk).exists()

    def test_a_post_with_no_fields_at_all_says_what_is_missing(self, people):
        client = ready_to_delete(people["alice"])

        response = client.post("/account/delete/", {})

        assert b"This field is required." in response.content
        assert get_user_model().objects.filter(pk=people["alice"].pk).exists()

    def test_without_a_fresh_password_nothing_is_deleted(self, people):
        client = client_for(people["alice"])

        response = client.post("/account/delete/", {"email": "alice@example.com"})

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/reauthenticate/")
        assert get_user_model().objects.filter(pk=people["alice"].pk).exists()

    def test_deletes_the_user_and_every_row_of_theirs(self, people):
        alice, mine = people["alice"], people["mine"]
        turn_on_two_factor(alice)
        client = ready_to_delete(alice)

        response = client.post("/account/delete/", {"email": "ALICE@example.com"})

        assert response.status_code == 302
        assert response["Location"] == "/"
        assert not get_user_model().objects.filter(pk=alice.pk).exists()
        for model, pks in mine.rows.items():
            assert not model.objects.filter(pk__in=pks).exists(), model.__name__
        assert not EmailAddress.objects.filter(email="alice@example.com").exists()
        assert not Authenticator.objects.exists()

    def test_signs_out_and_says_so_on_the_landing_page(self, people):
        client = ready_to_delete(people["alice"])

        response = client.post("/account/delete/", {"email": "alice@example.com"}, follow=True)

        assert "_auth_user_id" not in client.session
        assert b"Your account and everything in it are deleted." in response.content
        assert select(response, "a", href="/accounts/signup/")

    def test_ends_the_sessions_on_every_other_device(self, people):
        alice = people["alice"]
        phone = client_for(alice)
        assert phone.get("/focus/").status_code == 200
        bob_client = client_for(people["bob"])

        ready_to_delete(alice).post("/account/delete/", {"email": "alice@example.com"})

        response = phone.get("/focus/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        user_ids = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
        assert str(alice.pk) not in user_ids
        assert str(people["bob"].pk) in user_ids
        assert bob_client.get("/focus/").status_code == 200

    def test_leaves_other_peoples_work_and_comments_intact(self, people):
        theirs = people["theirs"]
        bob = people["bob"]

        ready_to_delete(people["alice"]).post("/account/delete/", {"email": "alice@example.com"})

        for model, pks in theirs.rows.items():
            assert model.objects.filter(pk__in=pks).count() == len(pks), model.__name__
        assert models.Opportunity.objects.filter(owner=bob).count() == 1
        assert council_models.Council.objects.get(owner=bob).memberships.count() == 2
        carol_comment = council_models.Comment.objects.get(pk=people["carol_comment"].pk)
        assert carol_comment.body == "Carol says"
        # A reply to Alice's comment stays in the thread, now on its own.
        carol_reply = council_models.Comment.objects.get(pk=people["carol_reply"].pk)
        assert carol_reply.parent_id is None
        assert carol_reply.share_id == theirs.share.pk
        # Bob's own work stays; only what he shared into Alice's council went with it.
        assert models.Focus.objects.filter(owner=bob).exists()
        assert not council_models.Membership.objects.filter(
            council__owner__email="alice@example.com"
        ).exists()
