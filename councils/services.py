"""Writes that touch several rows in the councils app: keyword-only, atomic functions.

Emails go out with ``transaction.on_commit``: nobody is mailed about a write that rolled back.
"""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from config.tokens import digest_token
from councils import emails
from councils.models import (
    INVITATION_LIFETIME,
    Comment,
    Council,
    Debrief,
    GratitudeEntry,
    Invitation,
    Membership,
    NotificationPreference,
    Share,
)
from councils.permissions import may_accept_invitation
from councils.shares import item_owner_id, share_field, shares_of
from opportunities.models import Opportunity
from opportunities.services import bump_revisions

# The owner's pages show the comments on their shared work (how many beside each objective):
# every write to a share, its comments or its council's members moves the revision on of the
# opportunities whose mission or plan it shares (opportunities.services.bump_revision).


def _bump_shared(shares: QuerySet) -> None:
    """Call it before deleting the shares."""
    shared = Q(mission__council_shares__in=shares) | Q(plan__council_shares__in=shares)
    bump_revisions(
        Opportunity.objects.filter(pk__in=Opportunity.objects.filter(shared).values("pk"))
    )


# Councils and their members.


@transaction.atomic
def create_council(*, owner, **fields) -> Council:
    """Create a council with its owner as the first member."""
    council = Council.objects.create(owner=owner, **fields)
    Membership.objects.create(council=council, user=owner)
    return council


def _step_out(*, council: Council, user_id: int) -> None:
    """Take a person out of a council; the work they shared with it leaves with them."""
    _bump_shared(Share.objects.filter(council=council))
    Share.objects.filter(council=council, shared_by_id=user_id).delete()
    Membership.objects.filter(council=council, user_id=user_id).delete()


@transaction.atomic
def leave_council(*, council: Council, user) -> None:
    """Leave a council. Its owner cannot leave: they delete the council instead."""
    if council.owner_id == user.pk:
        raise ValidationError(
            "You started this council, so you can't leave it. Delete it instead.",
            code="owner_cannot_leave",
        )
    _step_out(council=council, user_id=user.pk)


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    """Remove a member from a council; their access ends with their next request."""
    if membership.user_id == membership.council.owner_id:
        raise ValidationError("The council's owner can't be removed.", code="owner_stays")
    _step_out(council=membership.council, user_id=membership.user_id)


@transaction.atomic
def delete_council(*, council: Council) -> None:
    """Delete a council for everyone, with what was shared with it and said there."""
    _bump_shared(Share.objects.filter(council=council))
    council.delete()


# Invitations by email. A token is shown once, in the email; only its digest is stored.

# A council is six to eight people: this is generous, and keeps the app from relaying spam.
INVITATIONS_PER_DAY = 40


@dataclass
class InvitationOutcome:
    """What happened to each address the owner typed."""

    invited: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    already_invited: list[Invitation] = field(default_factory=list)


def _issue_token(invitation: Invitation) -> str:
    """Give the invitation a fresh token and a fresh expiry; the previous link stops working."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_digest = digest_token(token)
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.sent_count += 1
    invitation.last_sent_at = now
    return token


def _send_on_commit(invitation: Invitation, token: str, base_url: str) -> None:
    # A closure, not functools.partial: a failing callback is logged by its repr, and the
    # token must never reach a log.
    def send() -> None:
        emails.send_invitation(invitation=invitation, token=token, base_url=base_url)

    transaction.on_commit(send, robust=True)


def _member_addresses(council: Council) -> set[str]:
    """Every address a member of the council is known by, lower-cased."""
    user_ids = council.memberships.values("user_id")
    addresses = EmailAddress.objects.filter(user_id__in=user_ids).values_list("email", flat=True)
    primary = council.memberships.values_list("user__email", flat=True)
    return {address.lower() for address in [*addresses, *primary] if address}


@transaction.atomic
def invite_members(
    *, council: Council, invited_by, emails: list[str], base_url: str
) -> InvitationOutcome:
    """Invite each address by email; members and open invitations are reported, not re-sent."""
    list(Council.objects.select_for_update().filter(pk=council.pk).values_list("pk"))
    outcome = InvitationOutcome()
    members = _member_addresses(council)
    open_invitations = {
        invitation.email: invitation
        for invitation in council.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )
    }
    to_send = []
    for email in dict.fromkeys(address.lower() for address in emails):
        invitation = open_invitations.get(email)
        if email in members:
            outcome.already_members.append(email)
        elif invitation is not None and invitation.is_pending:
            outcome.already_invited.append(invitation)
        else:
            to_send.append((email, invitation))
    _check_daily_limit(invited_by, len(to_send))
    for email, invitation in to_send:
        # An expired invitation still holds its place; it is renewed rather than duplicated.
        invitation = invitation or Invitation(council=council, email=email, invited_by=invited_by)
        invitation.invited_by = invited_by
        token = _issue_token(invitation)
        invitation.save()
        _send_on_commit(invitation, token, base_url)
        outcome.invited.append(email)
    return outcome


def _check_daily_limit(invited_by, count: int) -> None:
    since = timezone.now() - dt.timedelta(days=1)
    sent = Invitation.objects.filter(invited_by=invited_by, last_sent_at__gte=since).count()
    if count and sent + count > INVITATIONS_PER_DAY:
        raise ValidationError(
            f"You have sent {sent} invitations in the last day, and the daily limit is "
            f"{INVITATIONS_PER_DAY}. Try again tomorrow.",
            code="too_many_invitations",
        )


def _lock_open_invitation(invitation: Invitation) -> Invitation:
    """The invitation's current row, locked; a ValidationError when it was closed meanwhile."""
    locked = (
        Invitation.objects.select_for_update()
        .select_related("council__owner", "invited_by")
        .get(pk=invitation.pk)
    )
    if locked.accepted_at is not None or locked.revoked_at is not None:
        raise ValidationError(
            "That invitation was already accepted or withdrawn.", code="invitation_closed"
        )
    return locked


@transaction.atomic
def resend_invitation(*, invitation: Invitation, base_url: str) -> Invitation:
    """Send the invitation again with a new link and a new expiry; the old link stops working."""
    invitation = _lock_open_invitation(invitation)
    token = _issue_token(invitation)
    invitation.save(update_fields=["token_digest", "expires_at", "sent_count", "last_sent_at"])
    _send_on_commit(invitation, token, base_url)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> Invitation:
    """Withdraw an invitation: its link gives the same 404 as any unknown link."""
    invitation = _lock_open_invitation(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Join the council as the invited, verified address; accepting twice joins once."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None and locked.accepted_by_id == user.pk:
        return Membership.objects.get(council_id=locked.council_id, user=user)
    if not locked.is_pending:
        raise ValidationError("This invitation is no longer open.", code="invitation_closed")
    if not may_accept_invitation(user, locked):
        raise ValidationError(
            "This invitation is for another email address.", code="invitation_wrong_email"
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(council_id=locked.council_id, user=user)
    except IntegrityError:  # already a member: the unique constraint keeps it to one
        membership = Membership.objects.get(council_id=locked.council_id, user=user)
    _bump_shared(Share.objects.filter(council_id=locked.council_id))
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# Debriefs and the gratitude house.


@transaction.atomic
def record_debrief(*, owner, **fields) -> Debrief:
    """Save a debrief of the owner's; the form has already checked the interview is theirs."""
    return Debrief.objects.create(owner=owner, **fields)


@transaction.atomic
def add_gratitude_entry(*, owner, **fields) -> GratitudeEntry:
    """Add someone to the end of the owner's gratitude house."""
    entries = GratitudeEntry.objects.select_for_update().filter(owner=owner)
    last = max(entries.values_list("position", flat=True), default=-1)
    return GratitudeEntry.objects.create(owner=owner, position=last + 1, **fields)


# Sharing work with councils, and the comments on it.


@transaction.atomic
def set_shared_councils(*, owner, item, councils) -> tuple[list[Council], list[Council]]:
    """Share ``item`` with exactly ``councils``; return (added, removed).

    Unsharing deletes the share and its comments, so members lose access at their next request.
    """
    if item_owner_id(item) != owner.pk:
        raise ValidationError("You can share only your own work.", code="not_owner")
    wanted = {council.pk: council for council in councils}
    allowed = Council.objects.of_member(owner).filter(pk__in=wanted)
    if allowed.count() != len(wanted):
        raise ValidationError("You can share only with councils you belong to.", code="not_member")
    current = {
        share.council_id: share
        for share in shares_of(item).select_for_update().select_related("council")
    }
    gone = [share for council_pk, share in current.items() if council_pk not in wanted]
    _bump_shared(shares_of(item))
    Share.objects.filter(pk__in=[share.pk for share in gone]).delete()
    added = [council for council_pk, council in wanted.items() if council_pk not in current]
    now = timezone.now()
    Share.objects.bulk_create(
        Share(
            council=council,
            shared_by=owner,
            created_at=now,
            last_activity_at=now,
            **{share_field(item): item},
        )
        for council in added
    )
    return added, [share.council for share in gone]


def _notify_on_commit(comment: Comment, base_url: str) -> None:
    def send() -> None:
        emails.send_comment_notifications(comment_id=comment.pk, base_url=base_url)

    transaction.on_commit(send, robust=True)


@transaction.atomic
def post_comment(
    *,
    share: Share,
    author,
    body: str,
    base_url: str,
    parent: Comment | None = None,
    objective=None,
    key_result=None,
) -> Comment:
    """Comment on shared work, or reply to a comment; the people concerned are emailed.

    A reply reopens a resolved thread: something new was said in it.
    """
    if parent is not None and (parent.share_id != share.pk or parent.parent_id is not None):
        raise ValidationError("Reply to a comment of this thread.", code="foreign_parent")
    anchors = [a for a in (objective, key_result) if a is not None]
    if anchors and (parent is not None or not share.mission_id):
        raise ValidationError("Only a comment on a mission can be about an OKR.", code="anchor")
    if objective is not None and objective.mission_id != share.mission_id:
        raise ValidationError("Choose an objective of this mission.", code="foreign_objective")
    if key_result is not None and key_result.objective.mission_id != share.mission_id:
        raise ValidationError("Choose a key result of this mission.", code="foreign_key_result")
    comment = Comment.objects.create(
        share=share,
        author=author,
        body=body,
        parent=parent,
        objective=objective,
        key_result=key_result,
    )
    if parent is not None and parent.resolved_at is not None:
        Comment.objects.filter(pk=parent.pk).update(resolved_at=None, resolved_by=None)
    Share.objects.filter(pk=share.pk).update(last_activity_at=comment.created_at)
    _bump_shared(Share.objects.filter(pk=share.pk))
    _notify_on_commit(comment, base_url)
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, body: str) -> Comment:
    """Change the words of a comment, marking it as edited."""
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    _bump_shared(Share.objects.filter(pk=comment.share_id))
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment) -> None:
    """Delete a comment. One with replies stays as "deleted", without its words, so the thread
    still reads; it goes for good with its last reply."""
    _bump_shared(Share.objects.filter(pk=comment.share_id))
    if comment.replies.visible().exists():
        comment.body = ""
        comment.deleted_at = timezone.now()
        comment.objective = comment.key_result = None
        comment.save(update_fields=["body", "deleted_at", "objective", "key_result"])
        return
    parent_id = comment.parent_id
    comment.delete()
    if parent_id is not None:
        Comment.objects.filter(pk=parent_id, deleted_at__isnull=False, replies=None).delete()


@transaction.atomic
def resolve_comment(*, comment: Comment, by, resolved: bool = True) -> Comment:
    """Resolve a thread (fold it away), or reopen it."""
    root = comment.parent or comment
    root.resolved_at = timezone.now() if resolved else None
    root.resolved_by = by if resolved else None
    root.save(update_fields=["resolved_at", "resolved_by"])
    _bump_shared(Share.objects.filter(pk=root.share_id))
    return root


@transaction.atomic
def set_comment_emails(*, user, enabled: bool) -> NotificationPreference:
    """Turn emails about comments on one's work, and replies to one's comments, on or off."""
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"comment_emails": enabled}
    )
    return preference
