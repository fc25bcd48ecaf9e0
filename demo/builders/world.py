"""The demo account's whole world, built from ``demo/content`` as its user would have made it.

Running it again rebuilds the same world for the demo account and touches nobody else.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from councils.models import Council, Debrief, GratitudeEntry
from councils.services import create_council
from demo.builders.accounts import council_member_email, ensure_account
from demo.builders.councils import (
    admit,
    comment,
    date_activity,
    date_joining,
    fill_gratitude_house,
    share,
    write_debrief,
)
from demo.builders.mail import mail_to_nobody
from demo.builders.missions import build_mission, live_link_salt, open_share_link
from demo.builders.negotiation import build_plan
from demo.builders.pipeline import build_focus, build_opportunity
from demo.content import council, missions, negotiation, pipeline
from demo.content.accounts import DEFAULT_BASE_URL, MEMBER_NAME, OWNER_NAME
from missions.models import KeyResult, Mission, share_token_from_salt
from opportunities.models import Focus, Opportunity


@dataclass(frozen=True)
class DemoAccount:
    user: object
    share_token: str


def build_demo_account(
    *, email: str, password: str, base_url: str = DEFAULT_BASE_URL
) -> DemoAccount:
    """Create the demo user and its council's member, or wipe and rebuild the demo user's data;
    refuse to touch anyone else."""
    with mail_to_nobody(), transaction.atomic():
        owner = ensure_account(email=email, password=password, name=OWNER_NAME)
        member = ensure_account(
            email=council_member_email(email), password=password, name=MEMBER_NAME
        )
        # Keep the share link's URL stable across runs, so a link copied earlier still works.
        salt = live_link_salt(owner)
        _wipe(owner)
        now = timezone.now()
        build_focus(owner=owner, data={**pipeline.FOCUS, "contact": f"{email} · {pipeline.PHONE}"})
        for opportunity in pipeline.OPPORTUNITIES:
            build_opportunity(owner=owner, opportunity=opportunity, now=now)
        _write_missions(owner, now, salt)
        for plan in negotiation.PLANS:
            build_plan(opportunity=_at(owner, plan.company), plan=plan)
        _council(owner, member, now, base_url)
        return DemoAccount(user=owner, share_token=share_token_from_salt(live_link_salt(owner)))


def _wipe(owner) -> None:
    """Opportunities cascade to people, interviews, missions and plans; a council to its
    members, invitations, shares and their comments."""
    Opportunity.objects.filter(owner=owner).delete()
    Focus.objects.filter(owner=owner).delete()
    Council.objects.filter(owner=owner).delete()
    Debrief.objects.filter(owner=owner).delete()
    GratitudeEntry.objects.filter(owner=owner).delete()


def _at(owner, company: str) -> Opportunity:
    return Opportunity.objects.get(owner=owner, company=company)


def _write_missions(owner, now: dt.datetime, salt: str | None) -> None:
    for mission in missions.MISSIONS:
        written = build_mission(opportunity=_at(owner, mission.company), mission=mission)
        if mission.link_opens:
            last_opened_at = now - mission.link_last_opened_ago
            open_share_link(
                mission=written, opens=mission.link_opens, last_opened_at=last_opened_at, salt=salt
            )


def _council(owner, member, now: dt.datetime, base_url: str) -> None:
    """The gratitude house, the debriefs, and a council of two sharing the mission and a
    debrief, with comments."""
    fill_gratitude_house(owner=owner, entries=council.GRATITUDE)
    debriefs = [write_debrief(owner=owner, debrief=debrief) for debrief in council.DEBRIEFS]
    circle = _start_council(owner, member, now, base_url)
    mission = Mission.objects.get(opportunity=_at(owner, council.SHARED_MISSION))
    shares = {"mission": _share(owner, mission, circle, now - council.MISSION_SHARED_AGO)}
    for debrief, written in zip(council.DEBRIEFS, debriefs, strict=True):
        if debrief.shared_ago is not None:
            shares["debrief"] = _share(owner, written, circle, now - debrief.shared_ago)
    _comment(shares, {"owner": owner, "member": member}, now, base_url)
    date_activity(list(shares.values()))


def _start_council(owner, member, now: dt.datetime, base_url: str) -> Council:
    """The council, started three weeks ago; the member accepted its invitation a day later."""
    next_meeting = now + dt.timedelta(days=council.NEXT_MEETING_IN_DAYS)
    next_meeting = next_meeting.replace(
        hour=council.NEXT_MEETING_HOUR_UTC, minute=0, second=0, microsecond=0
    )
    circle = create_council(owner=owner, next_meeting_at=next_meeting, **council.COUNCIL)
    admit(council=circle, people=[member], base_url=base_url)
    started = now - council.STARTED_AGO
    date_joining(council=circle, user=owner, joined_at=started)
    date_joining(
        council=circle, user=member, invited_at=started, joined_at=now - council.MEMBER_JOINED_AGO
    )
    return circle


def _share(owner, item, circle: Council, at: dt.datetime):
    return share(owner=owner, item=item, councils=[circle], at=at)[0]


def _comment(shares: dict, people: dict, now: dt.datetime, base_url: str) -> None:
    """Post the council's comments in order; a reply names the comment it answers by index."""
    posted = []
    for each in council.COMMENTS:
        on = shares[each.on]
        about = {}
        if each.key_result:
            about["key_result"] = KeyResult.objects.get(
                objective__mission=on.mission, description__startswith=each.key_result
            )
        if each.reply_to is not None:
            about["parent"] = posted[each.reply_to]
        at = now - each.ago
        author = people[each.by]
        posted.append(
            comment(share=on, author=author, body=each.body, at=at, base_url=base_url, **about)
        )
