"""Comments on shared work: posting, replying, anchoring, editing, deleting and resolving, in place
and as plain posts, for every persona; the emails they send and the way to turn them off."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.emails import unsubscribe_token
from councils.models import Comment, Membership, NotificationPreference, Share
from tests.councils.test_member_views import SALARY_FIGURES, snapshot
from tests.factories import (
    CommentFactory,
    KeyResultFactory,
    MoneyAskFactory,
    OfferFactory,
)
from tests.html import attributes, document, position, roots, select, text_of, texts
from tests.world import World, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(world):
    return CommentFactory(share=world.share, author=world.member, body="Strong *first* objective.")


def create_url(world: World) -> str:
    return reverse("comment_create", args=[world.share.pk])


def mission_url(world: World) -> str:
    return reverse("mission_edit", args=[world.opportunity.pk])


def thread(world: World) -> str:
    return f"thread-{world.share.pk}"


def share_page(world: World) -> str:
    return reverse("share_detail", args=[world.share.pk])


def assert_thread_only(response, world: World) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    assert not select(content, "html")
    first = roots(content)[0]
    assert (first.name, attributes(first).get("id")) == ("section", thread(world))
    return content


def shows_markdown(content: str, words: str, tag: str, inner: str) -> bool:
    """A comment body reads ``words``, ``inner`` of them set in ``tag`` (<em>, <strong>)."""
    bodies = select(content, class_="comment-body", text=words)
    return any(select(body, tag, text=inner) for body in bodies)


class TestCommentCreate:
    def test_posts_a_comment_and_redirects_back_to_it(self, world, council_member_client):
        response = council_member_client.post(
            create_url(world), {"body": "What is the baseline today?"}
        )
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response.url == f"{mission_url(world)}#comment-{comment.pk}"
        assert comment.author == world.member
        assert comment.share == world.share
        page = council_member_client.get(response.url).content.decode()
        assert "What is the baseline today?" in page
        assert "Posted your comment." in page

    def test_htmx_post_returns_the_thread_with_the_comment_and_a_status_line(
        self, world, council_member_client, htmx_headers
    ):
        response = council_member_client.post(
            create_url(world),
            {"body": "Love the *onboarding* angle"},
            headers=htmx_headers(thread(world)),
        )
        content = assert_thread_only(response, world)
        assert shows_markdown(content, "Love the onboarding angle", "em", "onboarding")
        assert select(content, id="announcer", class_="visually-hidden", role="status")
        assert "Posted your comment." in texts(content, "div", hx_swap_oob="innerHTML")

    def test_bumps_the_share_to_the_top_of_the_council_feed(self, world, council_member_client):
        Share.objects.update(last_activity_at=timezone.now() - dt.timedelta(days=5))
        council_member_client.post(create_url(world), {"body": "Fresh"})
        world.share.refresh_from_db()
        assert world.share.last_activity_at > timezone.now() - dt.timedelta(minutes=1)

    def test_anchors_a_comment_to_a_key_result_and_shows_it_there(
        self, world, council_member_client, htmx_headers
    ):
        response = council_member_client.post(
            create_url(world),
            {"body": "Is one hour realistic?", "anchor": f"key-result-{world.key_result.pk}"},
            headers=htmx_headers(thread(world)),
        )
        comment = Comment.objects.get()
        assert comment.key_result == world.key_result
        assert comment.objective is None
        assert "About KR 1.1 · Time to first deploy" in response.content.decode()
        page = council_member_client.get(mission_url(world)).content.decode()
        assert select(page, "a", href=f"#comment-{comment.pk}")
        assert "1 comment" in page

    def test_anchors_a_comment_to_an_objective(self, world, council_member_client):
        council_member_client.post(
            create_url(world), {"body": "Yes", "anchor": f"objective-{world.objective.pk}"}
        )
        assert Comment.objects.get().objective == world.objective

    def test_refuses_a_key_result_of_another_mission_and_keeps_the_typed_text(
        self, world, council_member_client, htmx_headers
    ):
        foreign = KeyResultFactory(description="Someone else's KR")
        response = council_member_client.post(
            create_url(world),
            {"body": "My careful words", "anchor": f"key-result-{foreign.pk}"},
            headers=htmx_headers(thread(world)),
        )
        content = assert_thread_only(response, world)
        assert "Choose one of this mission’s objectives or key results" in content or (
            "Choose one of this mission&#x27;s objectives or key results" in content
        )
        assert "My careful words" in content
        assert not Comment.objects.exists()

    def test_an_empty_comment_comes_back_with_a_message_in_place(
        self, world, council_member_client, htmx_headers
    ):
        response = council_member_client.post(
            create_url(world), {"body": "   "}, headers=htmx_headers(thread(world))
        )
        content = assert_thread_only(response, world)
        assert "Write a few words first." in content
        assert "is-invalid" in content
        assert not Comment.objects.exists()

    def test_an_invalid_plain_post_gets_a_page_with_the_error_and_the_text(
        self, world, council_member_client
    ):
        foreign = KeyResultFactory()
        response = council_member_client.post(
            create_url(world), {"body": "Kept", "anchor": f"key-result-{foreign.pk}"}
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert select(content, "html")
        assert "Kept" in content
        assert "Open the job mission" in content

    def test_replies_to_a_comment_in_place(
        self, world, council_member_client, comment, htmx_headers
    ):
        response = council_member_client.post(
            create_url(world),
            {"body": "Adding to this", "parent": comment.pk},
            headers=htmx_headers(thread(world)),
        )
        reply = Comment.objects.get(parent=comment)
        content = assert_thread_only(response, world)
        assert reply.body == "Adding to this"
        assert "Posted your reply." in texts(content, "div", hx_swap_oob="innerHTML")
        assert position(content, id=f"comment-{comment.pk}") < position(
            content, id=f"comment-{reply.pk}"
        )

    def test_an_empty_reply_opens_its_box_again_with_the_error(
        self, world, council_member_client, comment, htmx_headers
    ):
        response = council_member_client.post(
            create_url(world),
            {"body": "", "parent": comment.pk},
            headers=htmx_headers(thread(world)),
        )
        content = assert_thread_only(response, world)
        assert select(content, id=f"reply-{comment.pk}-error")
        assert select(content, "details", class_="reply-box", open=True)

    def test_replies_stay_one_level_deep(self, world, council_member_client, comment):
        reply = CommentFactory(share=world.share, author=world.owner, parent=comment)
        council_member_client.post(create_url(world), {"body": "Deeper", "parent": reply.pk})
        assert not Comment.objects.filter(body="Deeper").exists()

    def test_a_reply_reopens_a_resolved_thread(self, world, council_member_client, comment):
        Comment.objects.filter(pk=comment.pk).update(resolved_at=timezone.now())
        council_member_client.post(
            create_url(world), {"body": "One more thing", "parent": comment.pk}
        )
        comment.refresh_from_db()
        assert comment.resolved_at is None

    def test_ignores_author_and_share_in_the_post(self, world, council_member_client, stranger):
        other = Share.objects.create(
            council=world.other_council, mission=world.mission, shared_by=world.owner
        )
        council_member_client.post(
            create_url(world), {"body": "Mine", "author": stranger.pk, "share": other.pk}
        )
        comment = Comment.objects.get()
        assert comment.author == world.member
        assert comment.share == world.share

    def test_the_owner_can_answer_their_council(self, world, owner_client):
        owner_client.post(create_url(world), {"body": "Thanks, all"})
        assert Comment.objects.get().author == world.owner

    def test_returns_404_for_a_member_of_another_council_and_a_stranger(
        self, world, outsider_client, stranger_client, htmx_headers
    ):
        before = snapshot()
        for client in (outsider_client, stranger_client):
            assert client.post(create_url(world), {"body": "x"}).status_code == 404
            response = client.post(
                create_url(world), {"body": "x"}, headers=htmx_headers(thread(world))
            )
            assert response.status_code == 404
        assert snapshot() == before

    def test_a_removed_members_open_htmx_form_gets_404(
        self, world, council_member_client, htmx_headers
    ):
        assert council_member_client.get(mission_url(world)).status_code == 200
        Membership.objects.filter(user=world.member, council=world.council).delete()
        response = council_member_client.post(
            create_url(world), {"body": "Still here?"}, headers=htmx_headers(thread(world))
        )
        assert response.status_code == 404
        assert not Comment.objects.exists()

    def test_an_unshared_items_open_form_gets_404(self, world, council_member_client, htmx_headers):
        url = create_url(world)
        world.share.delete()
        assert (
            council_member_client.post(
                url, {"body": "x"}, headers=htmx_headers(thread(world))
            ).status_code
            == 404
        )

    def test_refuses_a_get(self, world, council_member_client):
        assert council_member_client.get(create_url(world)).status_code == 405


class TestCommentEdit:
    def url(self, comment) -> str:
        return reverse("comment_edit", args=[comment.pk])

    def test_opens_the_comment_for_editing_in_place(
        self, world, council_member_client, comment, htmx_headers
    ):
        response = council_member_client.get(self.url(comment), headers=htmx_headers(thread(world)))
        content = assert_thread_only(response, world)
        assert select(content, id=f"edit-{comment.pk}-body")
        assert "Strong *first* objective." in content

    def test_without_javascript_opens_a_page_with_the_form(self, council_member_client, comment):
        content = council_member_client.get(self.url(comment)).content.decode()
        assert select(content, "html")
        assert select(content, id=f"edit-{comment.pk}-body")

    def test_saves_the_new_words_and_marks_them_edited(self, world, council_member_client, comment):
        response = council_member_client.post(self.url(comment), {"body": "Better words"})
        comment.refresh_from_db()
        assert response.url == f"{mission_url(world)}#comment-{comment.pk}"
        assert comment.body == "Better words"
        assert comment.edited_at is not None
        assert "· edited" in council_member_client.get(mission_url(world)).content.decode()

    def test_an_empty_edit_keeps_the_comment_and_says_why(
        self, world, council_member_client, comment, htmx_headers
    ):
        response = council_member_client.post(
            self.url(comment), {"body": ""}, headers=htmx_headers(thread(world))
        )
        assert "A comment can’t be empty" in response.content.decode() or (
            "A comment can&#x27;t be empty" in response.content.decode()
        )
        comment.refresh_from_db()
        assert comment.body == "Strong *first* objective."

    def test_another_member_and_the_owner_get_403(self, world, owner_client, comment):
        before = snapshot()
        assert owner_client.post(self.url(comment), {"body": "Rewritten"}).status_code == 403
        assert owner_client.get(self.url(comment)).status_code == 403
        assert snapshot() == before

    def test_returns_404_for_a_member_of_another_council(self, outsider_client, comment):
        assert outsider_client.post(self.url(comment), {"body": "x"}).status_code == 404


class TestCommentDelete:
    def url(self, comment) -> str:
        return reverse("comment_delete", args=[comment.pk])

    def test_asks_first_in_place(self, world, council_member_client, comment, htmx_headers):
        response = council_member_client.get(self.url(comment), headers=htmx_headers(thread(world)))
        content = assert_thread_only(response, world)
        assert "Delete your comment?" in content
        assert Comment.objects.exists()

    def test_deletes_ones_own_comment(self, world, council_member_client, comment):
        response = council_member_client.post(self.url(comment))
        assert response.url == f"{mission_url(world)}#{thread(world)}"
        assert not Comment.objects.exists()

    def test_a_comment_with_replies_stays_as_deleted_so_the_thread_reads(
        self, world, council_member_client, comment
    ):
        CommentFactory(share=world.share, author=world.owner, parent=comment, body="Good point")
        council_member_client.post(self.url(comment))
        comment.refresh_from_db()
        assert comment.deleted_at is not None
        assert comment.body == ""
        page = council_member_client.get(mission_url(world)).content.decode()
        assert "This comment was deleted." in page
        assert "Good point" in page
        assert "Strong" not in page

    def test_the_deleted_comment_goes_with_its_last_reply(self, world, owner_client, comment):
        reply = CommentFactory(share=world.share, author=world.owner, parent=comment)
        Comment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now(), body="")
        owner_client.post(self.url(reply))
        assert not Comment.objects.exists()

    def test_the_owner_of_the_work_cannot_delete_a_members_comment(self, owner_client, comment):
        assert owner_client.post(self.url(comment)).status_code == 403
        assert Comment.objects.filter(pk=comment.pk).exists()

    def test_returns_404_for_a_stranger(self, stranger_client, comment):
        assert stranger_client.post(self.url(comment)).status_code == 404
        assert Comment.objects.exists()


class TestCommentResolve:
    def url(self, comment) -> str:
        return reverse("comment_resolve", args=[comment.pk])

    def test_the_owner_resolves_a_thread_and_it_folds_away(
        self, world, owner_client, comment, htmx_headers
    ):
        response = owner_client.post(self.url(comment), headers=htmx_headers(thread(world)))
        content = assert_thread_only(response, world)
        comment.refresh_from_db()
        assert comment.resolved_at is not None
        assert comment.resolved_by == world.owner
        assert "1 resolved thread" in content
        assert position(content, "details", class_="resolved-threads") < position(
            content, id=f"comment-{comment.pk}"
        )

    def test_the_owner_reopens_it(self, world, owner_client, comment):
        Comment.objects.filter(pk=comment.pk).update(resolved_at=timezone.now())
        response = owner_client.post(self.url(comment), {"resolved": "0"})
        comment.refresh_from_db()
        assert response.status_code == 302
        assert comment.resolved_at is None

    def test_only_the_owner_sees_resolve_buttons(
        self, world, owner_client, council_member_client, comment, htmx_headers
    ):
        # The owner's editor folds the thread; opening it loads the thread where the buttons are.
        opened = owner_client.get(share_page(world), headers=htmx_headers(thread(world)))
        assert select(opened, "form", action=self.url(comment))
        assert (
            self.url(comment) not in council_member_client.get(mission_url(world)).content.decode()
        )

    def test_a_member_gets_403(self, council_member_client, comment):
        assert council_member_client.post(self.url(comment)).status_code == 403
        comment.refresh_from_db()
        assert comment.resolved_at is None

    def test_returns_404_for_a_member_of_another_council(self, outsider_client, comment):
        assert outsider_client.post(self.url(comment)).status_code == 404

    def test_refuses_a_get(self, owner_client, comment):
        assert owner_client.get(self.url(comment)).status_code == 405


class TestThreadsFoldedOnTheOwnersEditor:
    """The owner's mission editor shows each council's thread as one line; opening it loads it."""

    @pytest.fixture
    def comments(self, world):
        first = CommentFactory(
            share=world.share, author=world.member, key_result=world.key_result, body="First *note*"
        )
        CommentFactory(share=world.share, author=world.member, parent=first, body="A reply.")
        CommentFactory(
            share=world.share, author=world.member, body="Resolved one", resolved_at=timezone.now()
        )
        return [
            first,
            CommentFactory(share=world.share, author=world.member, body="The **latest**"),
        ]

    def test_shows_counts_and_the_latest_comment_instead_of_the_thread(
        self, world, owner_client, comments
    ):
        page = owner_client.get(mission_url(world)).content.decode()
        assert "Thursday circle" in page
        assert "4 comments" in page
        assert "2 open threads" in page
        assert "Latest by member@example.com" in page
        assert "The latest" in texts(page, "q")
        assert "First <em>note</em>" not in page  # the thread itself is not rendered
        assert reverse("comment_resolve", args=[comments[0].pk]) not in page

    def test_opening_it_fetches_the_thread_into_its_place(
        self, world, owner_client, comments, htmx_headers
    ):
        page = owner_client.get(mission_url(world)).content.decode()
        assert select(page, hx_get=share_page(world), hx_target=f"#{thread(world)}")
        assert select(page, "div", id=thread(world), class_="thread-placeholder")
        response = owner_client.get(share_page(world), headers=htmx_headers(thread(world)))
        content = assert_thread_only(response, world)
        assert shows_markdown(content, "First note", "em", "note")
        assert select(content, "form", action=reverse("comment_resolve", args=[comments[0].pk]))

    def test_without_javascript_its_link_opens_the_share_page_with_the_thread(
        self, world, owner_client, comments
    ):
        page = owner_client.get(mission_url(world)).content.decode()
        assert "Open the conversation in Thursday circle" in texts(
            page, "a", href=share_page(world)
        )
        response = owner_client.get(share_page(world))
        assert response.status_code == 200
        content = response.content.decode()
        assert select(content, id=thread(world))
        assert shows_markdown(content, "First note", "em", "note")
        assert select(content, "form", action=reverse("comment_resolve", args=[comments[0].pk]))
        about = f"{mission_url(world)}#key-result-{world.key_result.pk}"
        assert texts(content, "a", href=about)[0].startswith("About"), (
            "a comment about a key result links to it in the editor"
        )

    def test_the_badge_beside_a_key_result_links_to_its_comment_on_the_share_page(
        self, world, owner_client, comments
    ):
        page = owner_client.get(mission_url(world)).content.decode()
        badge = texts(page, "a", href=f"{share_page(world)}#comment-{comments[0].pk}")
        assert badge and badge[0].startswith("1 comment")

    def test_a_plain_post_by_the_owner_returns_to_the_share_page(self, world, owner_client):
        response = owner_client.post(create_url(world), {"body": "Thanks, all."})
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response.url == f"{share_page(world)}#comment-{comment.pk}"

    def test_a_share_without_comments_says_so(self, world, owner_client):
        assert "No comments yet" in owner_client.get(mission_url(world)).content.decode()

    def test_the_editor_costs_the_same_with_5_or_50_comments(self, world, owner_client):
        url = mission_url(world)
        owner_client.get(url)  # the first request of a session does extra work
        counts = []
        for batch in (5, 45):
            for _ in range(batch):
                CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
            with CaptureQueriesContext(connection) as queries:
                assert owner_client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestThreadQueries:
    def test_the_htmx_thread_costs_the_same_with_5_or_50_comments(
        self, world, council_member_client, htmx_headers
    ):
        url = reverse("share_detail", args=[world.share.pk])
        headers = htmx_headers(thread(world))
        counts = []
        for batch in (5, 45):
            for _ in range(batch):
                CommentFactory(share=world.share, author=world.member, key_result=world.key_result)
            council_member_client.get(url, headers=headers)
            with CaptureQueriesContext(connection) as queries:
                assert council_member_client.get(url, headers=headers).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestCommentEmails:
    def post(self, client, world, django_capture_on_commit_callbacks, **data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(create_url(world), data)
        assert response.status_code == 302
        return Comment.objects.latest("pk")

    def test_the_owner_is_emailed_about_a_new_comment_with_a_link_back(
        self, world, council_member_client, django_capture_on_commit_callbacks
    ):
        comment = self.post(
            council_member_client,
            world,
            django_capture_on_commit_callbacks,
            body="Try **one** metric",
        )
        (message,) = mail.outbox
        assert message.to == ["owner@example.com"]
        assert "member@example.com commented on your job mission for Director of Product" in (
            message.subject
        )
        # The owner's editor folds the threads, so the link opens the share's page at the comment.
        link = f"http://testserver{share_page(world)}#comment-{comment.pk}"
        assert link in message.body
        assert "Try **one** metric" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert select(html, "a", href=link)
        assert select(html, "strong", text="one")
        assert "Try one metric" in text_of(document(html))
        unsubscribe = re.search(r"http://testserver(/notifications/unsubscribe/\S+/)", message.body)
        assert unsubscribe and unsubscribe.group(1) in html
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(0)}>"

    def test_nobody_is_emailed_about_their_own_comment(
        self, world, owner_client, django_capture_on_commit_callbacks
    ):
        self.post(owner_client, world, django_capture_on_commit_callbacks, body="Note to self")
        assert mail.outbox == []

    def test_a_reply_emails_the_commenter_and_the_owner_once_each(
        self, world, owner_client, comment, django_capture_on_commit_callbacks
    ):
        third = client_for(world.outsider)
        Membership.objects.create(council=world.council, user=world.outsider)
        self.post(third, world, django_capture_on_commit_callbacks, body="+1", parent=comment.pk)
        recipients = sorted(address for message in mail.outbox for address in message.to)
        assert recipients == ["member@example.com", "owner@example.com"]
        reply_mail = next(m for m in mail.outbox if m.to == ["member@example.com"])
        assert "replied to your comment" in reply_mail.subject

    def test_the_owner_replying_emails_only_the_commenter(
        self, world, owner_client, comment, django_capture_on_commit_callbacks
    ):
        self.post(
            owner_client,
            world,
            django_capture_on_commit_callbacks,
            body="Thanks",
            parent=comment.pk,
        )
        assert [m.to for m in mail.outbox] == [["member@example.com"]]

    def test_respects_turning_comment_emails_off(
        self, world, council_member_client, django_capture_on_commit_callbacks
    ):
        NotificationPreference.objects.create(user=world.owner, comment_emails=False)
        self.post(council_member_client, world, django_capture_on_commit_callbacks, body="Quiet")
        assert mail.outbox == []

    def test_nothing_is_sent_before_the_transaction_commits(
        self, world, council_member_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            council_member_client.post(create_url(world), {"body": "Pending"})
        assert len(callbacks) == 1
        assert mail.outbox == []

    def test_emails_carry_no_salary_figures(
        self, world, council_member_client, django_capture_on_commit_callbacks
    ):
        opportunity = world.mission.opportunity
        OfferFactory(opportunity=opportunity, base_salary=Decimal("187654"))
        MoneyAskFactory(plan__opportunity=opportunity, target_base=Decimal("199876"))
        self.post(council_member_client, world, django_capture_on_commit_callbacks, body="Nice")
        (message,) = mail.outbox
        text = message.subject + message.body + message.alternatives[0][0]
        for figure in SALARY_FIGURES:
            assert figure not in text


class TestNotificationUnsubscribe:
    def url(self, user) -> str:
        return reverse("notification_unsubscribe", args=[unsubscribe_token(user)])

    def test_shows_a_button_without_sign_in_and_changes_nothing(self, owner, anonymous_client):
        response = anonymous_client.get(self.url(owner))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Turn these emails off" in content
        assert "o•••@example.com" in content
        assert "owner@example.com" not in content
        assert response["Referrer-Policy"] == "no-referrer"
        assert not NotificationPreference.objects.exists()

    def test_one_click_turns_comment_emails_off(self, owner, anonymous_client):
        response = anonymous_client.post(self.url(owner))
        assert response.status_code == 302
        assert NotificationPreference.objects.get(user=owner).comment_emails is False
        page = anonymous_client.get(response.url).content.decode()
        assert "Comment emails are off." in page
        assert "Turn them back on" in page

    def test_turns_them_back_on(self, owner, anonymous_client):
        NotificationPreference.objects.create(user=owner, comment_emails=False)
        anonymous_client.post(self.url(owner), {"comment_emails": "on"})
        assert NotificationPreference.objects.get(user=owner).comment_emails is True

    @pytest.mark.parametrize(
        "token",
        ["nonsense", "1:abc:def", signing.dumps(1, salt="another.salt"), "x" * 300],
    )
    def test_a_bad_token_is_404(self, owner, anonymous_client, token):
        url = reverse("notification_unsubscribe", args=[token])
        assert anonymous_client.get(url).status_code == 404
        assert anonymous_client.post(url).status_code == 404
        assert not NotificationPreference.objects.exists()

    def test_a_tampered_token_is_404(self, owner, stranger, anonymous_client):
        token = unsubscribe_token(owner)
        signature = token.rpartition(":")[2]
        forged = signing.dumps(stranger.pk, salt="councils.unsubscribe").partition(":")[0]
        url = reverse("notification_unsubscribe", args=[f"{forged}:{signature}"])
        assert anonymous_client.post(url).status_code == 404
