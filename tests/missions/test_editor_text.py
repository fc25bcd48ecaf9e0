"""What the editors print between their tags is words a person wrote or we wrote, never a
Python value leaking through a template (a form without a version printed "None")."""

import re

import pytest
from django.urls import reverse

from tests.factories import KeyResultFactory, MissionFactory, NegotiationPlanFactory


@pytest.fixture
def pages(owner) -> list[str]:
    mission = MissionFactory(opportunity__owner=owner)
    KeyResultFactory(objective__mission=mission)
    plan = NegotiationPlanFactory(opportunity__owner=owner)
    return [
        mission.get_absolute_url(),
        plan.get_absolute_url(),
        reverse("opportunity_detail", args=[mission.opportunity_id]),
        reverse("gratitude_list"),
    ]


def test_no_page_prints_a_bare_none(owner_client, pages):
    for url in pages:
        html = owner_client.get(url).content.decode()
        html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
        between_tags = [text.strip() for text in re.split(r"<[^>]*>", html)]
        assert "None" not in between_tags, url
