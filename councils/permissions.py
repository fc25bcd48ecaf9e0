"""Who may see and change what in the councils app. Every councils view loads objects here.

Invisible → 404 (never a hint that it exists); visible but not yours to change → 403.
Membership is read from the database on every request, so removing a member or unsharing
takes effect on their very next request. A check returns the object with the viewer's rights
(a council's ``CouncilRights``; for shared work and its threads, ``opportunities``' ``Rights``)
and never writes: views, templates and threads read those rights instead of comparing owners.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
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
from opportunities.permissions import MEMBER, OWNER, Rights


@dataclass(frozen=True)
class CouncilRights:
    """What a member may do in a council: every member reads its feed and comments on what is
    shared with it."""

    manage: bool = False  # its owner: rename, invite, remove members, delete it

    @property
    def leave(self) -> bool:
        return not self.manage  # the owner deletes the council instead


COUNCIL_OWNER = CouncilRights(manage=True)
COUNCIL_MEMBER = CouncilRights()


def get_council_for(user, pk: int, *, manage: bool = False) -> tuple[Council, CouncilRights]:
    """A council the user belongs to with their rights in it; ``manage`` (edit, invite, remove,
    delete) needs its owner: 403 for a member, 404 for anyone else."""
    council = get_object_or_404(Council.objects.of_member(user).select_related("owner"), pk=pk)
    rights = COUNCIL_OWNER if council.owner_id == user.pk else COUNCIL_MEMBER
    if manage and not rights.manage:
        raise PermissionDenied
    return council, rights


def councils_for(user) -> QuerySet[Council]:
    """The councils the user belongs to, each with ``is_mine``: they started it, so manage it."""
    mine = Membership.objects.filter(user_id=user.pk).values("council_id")
    return Council.objects.filter(pk__in=mine).annotate(is_mine=Q(owner_id=user.pk))


def share_rights(user, share: Share) -> Rights:
    """The rights of a member on work shared with their council: its owner (who shared it)
    resolves and reopens its threads; every member comments."""
    return OWNER if share.shared_by_id == user.pk else MEMBER


def get_share_for(user, share_pk: int) -> tuple[Share, Rights]:
    """Shared work in a council the user belongs to, with their rights on it."""
    share = get_object_or_404(
        Share.objects.select_related(*SHARE_RELATED, "shared_by"),
        pk=share_pk,
        council__memberships__user_id=user.pk,
    )
    return share, share_rights(user, share)


def get_comment_for(
    user, comment_pk: int, *, edit: bool = False, resolve: bool = False
) -> tuple[Comment, Rights]:
    """A comment the user can read, with their rights in its thread (``share_rights``);
    ``edit`` (and delete) needs its author, ``resolve`` the work's owner: else 403."""
    comment = get_object_or_404(
        Comment.objects.select_related(
            *(f"share__{path}" for path in SHARE_RELATED), "share__shared_by", "author"
        ),
        pk=comment_pk,
        deleted_at__isnull=True,
        share__council__memberships__user_id=user.pk,
    )
    rights = share_rights(user, comment.share)
    if edit and comment.author_id != user.pk:
        raise PermissionDenied
    if resolve and not rights.owner:
        raise PermissionDenied
    return comment, rights


def get_debrief_for(user, pk: int, *, edit: bool = False) -> tuple[Debrief, Rights]:
    """The user's own debrief with the owner's rights, or one shared with a council they belong
    to, as a member (read and comment); 403 for such a member asking to change it, else 404."""
    visible = Q(owner_id=user.pk) | Q(council_shares__council__memberships__user_id=user.pk)
    debrief = get_object_or_404(Debrief.objects.filter(visible).distinct(), pk=pk)
    rights = OWNER if debrief.owner_id == user.pk else MEMBER
    if edit and not rights.edit:
        raise PermissionDenied
    return debrief, rights


def get_gratitude_entry_for(user, pk: int) -> GratitudeEntry:
    """An entry of the user's own gratitude house."""
    return get_object_or_404(GratitudeEntry, pk=pk, owner_id=user.pk)


def get_membership_for(
    user, council_pk: int, membership_pk: int
) -> tuple[Membership, CouncilRights]:
    """A membership of a council the user owns (to remove it), with their rights in the
    council; members get 403."""
    council, rights = get_council_for(user, council_pk, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "council"), pk=membership_pk, council=council
    )
    return membership, rights


def get_invitation_for(
    user, council_pk: int, invitation_pk: int
) -> tuple[Invitation, CouncilRights]:
    """An open invitation of a council the user owns (to revoke or re-send it), with their
    rights in the council; members get 403."""
    council, rights = get_council_for(user, council_pk, manage=True)
    invitation = get_object_or_404(
        Invitation.objects.select_related("council__owner", "invited_by"),
        pk=invitation_pk,
        council=council,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )
    return invitation, rights


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
