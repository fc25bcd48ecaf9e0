"""Who may see and change what in the councils app. Every councils view loads objects here.

Invisible → 404 (never a hint that it exists); visible but not yours to change → 403.
Membership is read from the database on every request, so removing a member or unsharing
takes effect on their very next request.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from config.tokens import digest_token
from councils.models import (
    Comment,
    Council,
    Debrief,
    GratitudeEntry,
    Invitation,
    Membership,
    Share,
)
from councils.shares import SHARE_RELATED
from opportunities.models import Interview


def get_council_for(user, pk: int, *, manage: bool = False) -> Council:
    """A council the user belongs to; ``manage`` (edit, invite, remove, delete) needs the owner."""
    council = get_object_or_404(Council.objects.of_member(user).select_related("owner"), pk=pk)
    if manage and council.owner_id != user.pk:
        raise PermissionDenied
    return council


def get_share_for(user, share_pk: int) -> Share:
    """Shared work in a council the user belongs to."""
    return get_object_or_404(
        Share.objects.select_related(*SHARE_RELATED, "shared_by"),
        pk=share_pk,
        council__memberships__user_id=user.pk,
    )


def get_comment_for(user, comment_pk: int, *, edit: bool = False, resolve: bool = False) -> Comment:
    """A comment the user can read; ``edit`` needs its author, ``resolve`` the work's owner."""
    comment = get_object_or_404(
        Comment.objects.select_related(
            *(f"share__{path}" for path in SHARE_RELATED), "share__shared_by", "author"
        ),
        pk=comment_pk,
        deleted_at__isnull=True,
        share__council__memberships__user_id=user.pk,
    )
    if edit and comment.author_id != user.pk:
        raise PermissionDenied
    if resolve and comment.share.shared_by_id != user.pk:
        raise PermissionDenied
    return comment


def get_debrief_for(user, pk: int, *, edit: bool = False) -> Debrief:
    """The user's own debrief, or one shared with a council they belong to (read-only)."""
    visible = Q(owner_id=user.pk) | Q(council_shares__council__memberships__user_id=user.pk)
    debrief = get_object_or_404(Debrief.objects.filter(visible).distinct(), pk=pk)
    if edit and debrief.owner_id != user.pk:
        raise PermissionDenied
    return debrief


def get_gratitude_entry_for(user, pk: int) -> GratitudeEntry:
    """An entry of the user's own gratitude house."""
    return get_object_or_404(GratitudeEntry, pk=pk, owner_id=user.pk)


def get_membership_for(user, council_pk: int, membership_pk: int) -> Membership:
    """A membership of a council the user owns (to remove it); members get 403."""
    council = get_council_for(user, council_pk, manage=True)
    return get_object_or_404(
        Membership.objects.select_related("user", "council"), pk=membership_pk, council=council
    )


def get_invitation_for(user, council_pk: int, invitation_pk: int) -> Invitation:
    """An open invitation of a council the user owns (to revoke or re-send it)."""
    council = get_council_for(user, council_pk, manage=True)
    return get_object_or_404(
        Invitation.objects.select_related("council__owner", "invited_by"),
        pk=invitation_pk,
        council=council,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )


# URL-safe base64 of 32 random bytes is 43 characters; anything else is not one of ours.
INVITATION_TOKEN_LENGTH = 43


def get_invitation_by_token(user, token: str) -> Invitation:
    """The invitation a link holder may look at: pending, or already accepted by this member.

    Unknown, malformed, expired, used and revoked tokens all give the same 404.
    """
    if len(token) != INVITATION_TOKEN_LENGTH:
        raise Http404
    invitation = get_object_or_404(
        Invitation.objects.select_related("council__owner", "invited_by"),
        token_digest=digest_token(token),
    )
    if invitation.is_pending:
        return invitation
    accepted_by_this_member = (
        invitation.accepted_by_id is not None
        and invitation.accepted_by_id == user.pk
        and invitation.revoked_at is None
        and Membership.objects.filter(council_id=invitation.council_id, user_id=user.pk).exists()
    )
    if accepted_by_this_member:
        return invitation
    raise Http404


def may_accept_invitation(user, invitation: Invitation) -> bool:
    """Only the invited address, verified by its owner, accepts (case does not matter)."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user_id=user.pk, email__iexact=invitation.email, verified=True
        ).exists()
    )


def find_own_interview(user, raw_pk: str | None, *, opportunity=None) -> Interview | None:
    """The user's own interview named in a query string (``?interview=``), else None.

    Only a convenience to prefill a form or pick what a page shows: an unknown, malformed or
    someone else's id is ignored, never an error that would tell it apart.
    """
    if not raw_pk or not raw_pk.isdigit() or len(raw_pk) > 18:
        return None
    interviews = Interview.objects.filter(opportunity__owner_id=user.pk)
    if opportunity is not None:
        interviews = interviews.filter(opportunity=opportunity)
    return interviews.select_related("opportunity").filter(pk=int(raw_pk)).first()
