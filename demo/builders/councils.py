"""The social side as its users make it, through councils.services: the gratitude house and
debriefs, a council its peers join by invitation, work shared with it and comments on it.

Nobody can do any of it in the past, so the ``date_*`` functions set the times of what the
demo says happened days ago, and nothing else.
"""

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from councils.models import (
    INVITATION_LIFETIME,
    Comment,
    Council,
    Debrief,
    Invitation,
    Membership,
    Share,
)
from councils.services import (
    accept_invitation,
    add_gratitude_entry,
    invite_members,
    post_comment,
    record_debrief,
    set_shared_councils,
)
from councils.shares import shares_of
from demo.content import shapes
from opportunities.models import Interview


def fill_gratitude_house(*, owner, entries: tuple[shapes.Thanks, ...]) -> None:
    """Add each person to the owner's gratitude house, in order."""
    today = timezone.localdate()
    for entry in entries:
        days = entry.thanks_sent_days_ago
        add_gratitude_entry(
            owner=owner,
            name=entry.name,
            relationship=entry.relationship,
            what_they_did=entry.what_they_did,
            thanks_sent_on=today - dt.timedelta(days=days) if days is not None else None,
        )


def write_debrief(*, owner, debrief: shapes.Debrief) -> Debrief:
    """Debrief the owner's ``kind`` interview at ``company``, dated the day it took place."""
    interview = Interview.objects.select_related("opportunity").get(
        opportunity__owner=owner, opportunity__company=debrief.company, kind=debrief.kind
    )
    return record_debrief(
        owner=owner,
        opportunity=interview.opportunity,
        interview=interview,
        happened_on=timezone.localtime(interview.scheduled_at).date(),
        **debrief.fields,
    )


def admit(*, council: Council, people: list, base_url: str) -> None:
    """Invite ``people`` to the council by email, and accept for each of them."""
    invite_members(
        council=council,
        invited_by=council.owner,
        emails=[person.email for person in people],
        base_url=base_url,
    )
    for person in people:
        invitation = council.invitations.get(email=person.email.lower())
        accept_invitation(invitation=invitation, user=person)


def date_joining(
    *, council: Council, user, joined_at: dt.datetime, invited_at: dt.datetime | None = None
) -> None:
    """Date ``user``'s joining the council, and the invitation they accepted, in the past."""
    Membership.objects.filter(council=council, user=user).update(joined_at=joined_at)
    if invited_at is None:
        return
    Invitation.objects.filter(council=council, accepted_by=user).update(
        created_at=invited_at,
        last_sent_at=invited_at,
        expires_at=invited_at + INVITATION_LIFETIME,
        accepted_at=joined_at,
    )


def share(*, owner, item, councils: list[Council], at: dt.datetime) -> list[Share]:
    """Share ``item`` with ``councils``; date the new shares ``at``."""
    added, _ = set_shared_councils(owner=owner, item=item, councils=councils)
    shares = shares_of(item).filter(council__in=added)
    shares.update(created_at=at, last_activity_at=at)
    return list(shares_of(item).filter(council__in=councils).order_by("pk"))


def comment(*, share: Share, author, body: str, at: dt.datetime, base_url: str, **about) -> Comment:
    """Post a comment on the share (``about``: ``parent``, ``key_result``), dated ``at``."""
    posted = post_comment(share=share, author=author, body=body, base_url=base_url, **about)
    Comment.objects.filter(pk=posted.pk).update(created_at=at)
    posted.created_at = at
    return posted


def date_activity(shares: list[Share]) -> None:
    """Date each share's last activity at its latest comment, as the comments' own times say."""
    for each in shares:
        latest = each.comments.aggregate(latest=Max("created_at"))["latest"]
        if latest is not None:
            Share.objects.filter(pk=each.pk).update(last_activity_at=latest)
