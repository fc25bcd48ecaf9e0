"""Who may see and change what in the councils app. Every councils view loads objects here.

Invisible → 404 (never a hint that it exists); visible but not yours to change → 403.
Membership is read from the database on every request, so removing a member or unsharing
takes effect on their very next request.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from councils.models import Comment, Council, Debrief, GratitudeEntry, Share


def get_council_for(user, pk: int, *, manage: bool = False) -> Council:
    """A council the user belongs to; ``manage`` (edit, invite, remove, delete) needs the owner."""
    council = get_object_or_404(Council.objects.of_member(user).select_related("owner"), pk=pk)
    if manage and council.owner_id != user.pk:
        raise PermissionDenied
    return council


def get_share_for(user, share_pk: int) -> Share:
    """Shared work in a council the user belongs to."""
    return get_object_or_404(
        Share.objects.select_related("council", "shared_by"),
        pk=share_pk,
        council__memberships__user_id=user.pk,
    )


def get_comment_for(user, comment_pk: int, *, edit: bool = False, resolve: bool = False) -> Comment:
    """A comment the user can read; ``edit`` needs its author, ``resolve`` the work's owner."""
    comment = get_object_or_404(
        Comment.objects.select_related("share__council", "author"),
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
