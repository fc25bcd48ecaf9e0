"""The emails the councils app sends: each has a plain-text and an HTML part, absolute links.

Called from councils.services inside ``transaction.on_commit``; templates live under
templates/councils/email/.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from councils.models import Comment, Invitation, NotificationPreference
from councils.shares import SHARE_RELATED, share_phrase, share_title, thread_url
from councils.threads import member_name

SHARE_RELATED_FOR_COMMENT = tuple(f"share__{path}" for path in SHARE_RELATED)


def site_root(request) -> str:
    """The site's absolute address as this request reached it, for links in emails."""
    return request.build_absolute_uri("/").rstrip("/")


def _send(
    *, template: str, context: dict, to: str, reply_to: str | None = None, headers=None
) -> None:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` and send them as one email."""
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = render_to_string(f"{template}_subject.txt", context)
    subject = prefix + " ".join(subject.split())
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"{template}.txt", context),
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


# Invitations.


def send_invitation(*, invitation: Invitation, token: str, base_url: str) -> None:
    """Invite ``invitation.email`` to the council, with the link that carries the token."""
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "council": invitation.council,
        "inviter": inviter,
        "inviter_name": member_name(inviter),
        "accept_url": base_url + reverse("invitation_accept", args=[token]),
        "site_url": base_url + "/",
    }
    _send(
        template="councils/email/invitation",
        context=context,
        to=invitation.email,
        reply_to=inviter.email,
    )


# Comments on shared work: one mail per comment (README.md, "Council emails", says why).

UNSUBSCRIBE_SALT = "councils.unsubscribe"


def unsubscribe_token(user) -> str:
    """A signed token naming the user, for the one-click "stop these emails" link."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_from_unsubscribe_token(token: str) -> int | None:
    """The user id a token was signed for, or None when it was not signed by us."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def wants_comment_emails(user) -> bool:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.comment_emails


def comment_recipients(comment: Comment) -> list[tuple[object, str]]:
    """Who hears about a new comment, and why: the author of the comment replied to, and the
    owner of the shared work; never the comment's own author, nobody twice, only members."""
    share = comment.share
    candidates = []
    if comment.parent is not None and not comment.parent.deleted_at:
        candidates.append((comment.parent.author, "reply"))
    candidates.append((share.shared_by, "owner"))
    members = set(share.council.memberships.values_list("user_id", flat=True))
    recipients, seen = [], {comment.author_id}
    for user, reason in candidates:
        if user.pk in seen or user.pk not in members or not wants_comment_emails(user):
            continue
        seen.add(user.pk)
        recipients.append((user, reason))
    return recipients


def send_comment_notifications(*, comment_id: int, base_url: str) -> None:
    """Email the people concerned about a new comment; each mail links back to it."""
    comment = (
        Comment.objects.select_related(
            "author__focus",
            "parent__author",
            "share__shared_by",
            "objective",
            "key_result",
            *SHARE_RELATED_FOR_COMMENT,
        )
        .filter(pk=comment_id, deleted_at__isnull=True)
        .first()
    )
    if comment is None:
        return
    share = comment.share
    about = ""
    if comment.key_result is not None:
        about = f"the key result “{comment.key_result.description}”"
    elif comment.objective is not None:
        about = f"the objective “{comment.objective.title}”"
    for user, reason in comment_recipients(comment):
        unsubscribe_url = base_url + reverse(
            "notification_unsubscribe", args=[unsubscribe_token(user)]
        )
        context = {
            "comment": comment,
            "reason": reason,
            "author_name": member_name(comment.author),
            "council": share.council,
            "item_title": share_title(share),
            "item_phrase": share_phrase(share),
            "about": about,
            "comment_url": f"{base_url}{thread_url(share, user)}#comment-{comment.pk}",
            "unsubscribe_url": unsubscribe_url,
            "site_url": base_url + "/",
        }
        _send(
            template="councils/email/comment",
            context=context,
            to=user.email,
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
        )
