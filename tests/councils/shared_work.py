"""A small world for the sharing and comment tests: an owner's mission shared with one of two
councils, a member of that council, and a member of the other (who must see nothing)."""

from dataclasses import dataclass

from django.test import Client

from councils.models import Council, Share
from missions.models import KeyResult, Mission, Objective
from tests.factories import (
    CouncilFactory,
    KeyResultFactory,
    MembershipFactory,
    MissionFactory,
    ObjectiveFactory,
    OpportunityFactory,
    ShareFactory,
    UserFactory,
)


@dataclass
class SharedWork:
    owner: object
    member: object
    outsider: object
    council: Council
    other_council: Council
    mission: Mission
    objective: Objective
    key_result: KeyResult
    share: Share

    @property
    def opportunity_pk(self) -> int:
        return self.mission.opportunity_id


def build_shared_work(owner) -> SharedWork:
    """Owner's mission "Director of Product at Northwind Cloud", shared with "Thursday circle"."""
    council = CouncilFactory(owner=owner, name="Thursday circle")
    other_council = CouncilFactory(owner=owner, name="Alumni circle")
    member = UserFactory(email="member@example.com")
    MembershipFactory(council=council, user=member)
    outsider = UserFactory(email="outsider@example.com")
    MembershipFactory(council=other_council, user=outsider)
    opportunity = OpportunityFactory(
        owner=owner, company="Northwind Cloud", role="Director of Product"
    )
    mission = MissionFactory(opportunity=opportunity, purpose="Make the platform a reason to stay.")
    objective = ObjectiveFactory(mission=mission, title="Make onboarding a reason teams choose us")
    key_result = KeyResultFactory(
        objective=objective, description="Time to first deploy", target="from 3 days to 1 hour"
    )
    share = ShareFactory(council=council, mission=mission, shared_by=owner)
    return SharedWork(
        owner, member, outsider, council, other_council, mission, objective, key_result, share
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
