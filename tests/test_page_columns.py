"""Issue 5 (performance): list pages read only the columns they show.

An opportunity's posting text and notes can be tens of kilobytes each; the council feed and
the offer comparison show neither, so they must not load them for every row.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    CommentFactory,
    CouncilFactory,
    FocusFactory,
    MissionFactory,
    OfferFactory,
    OpportunityFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db

# No filter or ordering of these pages uses them, so any mention is a selected column.
LONG_COLUMNS = ('."posting_text"', '."notes"', '."responsibilities"')


def selected_long_columns(queries) -> list[str]:
    return [column for query in queries for column in LONG_COLUMNS if column in query["sql"]]


def test_council_feed_shows_items_without_loading_their_long_texts(owner, owner_client):
    FocusFactory(owner=owner, full_name="Ada Owner")
    council = CouncilFactory(owner=owner)
    opportunity = OpportunityFactory(
        owner=owner, role="Head of Product", company="Kestrel", posting_text="x" * 5000
    )
    share = ShareFactory(council=council, mission=MissionFactory(opportunity=opportunity))
    CommentFactory(share=share, author=owner, body="Strong **objective**.")

    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get(reverse("council_detail", args=[council.pk]))

    page = response.content.decode()
    assert "Job mission · Head of Product at Kestrel" in page
    assert "Strong objective." in page
    assert selected_long_columns(queries.captured_queries) == []


def test_offer_comparison_does_not_load_the_opportunities_long_texts(owner, owner_client):
    for company in ("Kestrel", "Osprey"):
        OfferFactory(
            opportunity=OpportunityFactory(
                owner=owner, company=company, stage="offer", notes="n" * 5000
            )
        )

    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get(reverse("offer_compare"))

    assert response.context["offer_count"] == 2
    assert "Osprey" in response.content.decode()
    assert selected_long_columns(queries.captured_queries) == []
