"""Who may see and change what in the pipeline. Every view loads objects through here, and so do
the apps to its right for the work they build on an opportunity.

An object the user may not see is a 404, never a hint that it exists. Work the owner shared with
a council is readable by its members; asked to change it, they get a 403. "Shared with a council
I belong to" is an ORM lookup through the ``council_shares`` related name, so no app to the left
of councils imports it. A check only reads: it returns the object (with, where others may see
it too, the viewer's ``Rights``) and never creates or changes a row.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from opportunities.models import Interview, Opportunity, Person


@dataclass(frozen=True)
class Rights:
    """What the viewer may do with something they can see: views and templates read these
    instead of comparing owners."""

    owner: bool = False  # it is theirs: read, change, share, delete
    comment: bool = False  # they may write in its council threads

    @property
    def edit(self) -> bool:
        return self.owner


OWNER = Rights(owner=True, comment=True)
MEMBER = Rights(comment=True)  # a member of a council the owner shared it with


def get_opportunity_for(user, pk: int) -> Opportunity:
    """Return the user's own opportunity, or raise 404."""
    return get_object_or_404(Opportunity.objects.owned_by(user), pk=pk)


def get_person_for(user, opportunity_pk: int, pk: int) -> Person:
    """Return a person of the user's own opportunity, or raise 404."""
    return get_object_or_404(
        Person, pk=pk, opportunity_id=opportunity_pk, opportunity__owner_id=user.pk
    )


def get_interview_for(user, opportunity_pk: int, pk: int) -> Interview:
    """Return an interview of the user's own opportunity, or raise 404."""
    return get_object_or_404(
        Interview, pk=pk, opportunity_id=opportunity_pk, opportunity__owner_id=user.pk
    )


def shared_with(user, path: str = "") -> Q:
    """Rows shared with a council ``user`` belongs to; ``path`` leads to the shared model."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{path}council_shares__council__memberships__user_id": user.pk})


def refuse_change(user, candidates: QuerySet, path: str):
    """Not the user's to change: 403 when a council of theirs can read it, else 404."""
    if candidates.filter(shared_with(user, path)).exists():
        raise PermissionDenied
    raise Http404
