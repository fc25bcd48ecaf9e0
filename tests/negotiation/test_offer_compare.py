"""/offers/compare/: every current offer side by side, by currency, with how well each sets the
user up to succeed; and the chart geometry behind its SVG."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from negotiation.charts import Bar, BarGroup, Part, compact_amount, nice_step, stacked_bar_chart
from negotiation.comparison import by_currency, current_offers, offer_versions
from negotiation.models import (
    AskCategory,
    AskStatus,
    Conversation,
    ConversationChannel,
    MoneyAsk,
    NegotiationPlan,
    OfferVersion,
    RedFlag,
    RedFlagKind,
    SuccessAsk,
)
from opportunities.models import Stage
from tests.factories import OfferFactory
from tests.html import one, select, texts

URL = reverse("offer_compare")
SVG = "http://www.w3.org/2000/svg"


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def with_plan(
    opportunity,
    *,
    agreed=0,
    declined=0,
    planned=0,
    open_flags=0,
    resolved_flags=0,
    live_on=None,
    email_on=None,
) -> NegotiationPlan:
    """Give ``opportunity`` a plan with that many asks, red flags and conversations."""
    plan, _ = NegotiationPlan.objects.get_or_create(opportunity=opportunity)
    for status, count in (
        (AskStatus.AGREED, agreed),
        (AskStatus.DECLINED, declined),
        (AskStatus.PLANNED, planned),
    ):
        for i in range(count):
            SuccessAsk.objects.create(
                plan=plan,
                category=AskCategory.BUDGET,
                description=f"{status} ask {i}",
                status=status,
            )
    for i in range(open_flags + resolved_flags):
        RedFlag.objects.create(
            plan=plan,
            kind=RedFlagKind.MANUAL,
            title=f"Flag {i}",
            resolved_at=timezone.now() if i >= open_flags else None,
        )
    for on, channel in (
        (live_on, ConversationChannel.VIDEO),
        (email_on, ConversationChannel.EMAIL),
    ):
        if on:
            Conversation.objects.create(
                plan=plan, happened_on=on, channel=channel, about_success=True, summary="Talked."
            )
    return plan


def page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def svgs(content: str) -> list[ET.Element]:
    """Every inline chart, parsed as XML: it must be well-formed to be drawn at all."""
    return [
        ET.fromstring(m)  # noqa: S314 - our own page, parsed in a test
        for m in re.findall(r"<svg class=\"offer-chart\".*?</svg>", content, re.S)
    ]


class TestOfferCompare:
    def test_explains_what_to_do_when_there_are_no_offers(self, owner_client):
        content = page(owner_client)

        assert "No offers to compare yet." in content
        assert not select(one(content, "main"), "svg")

    def test_puts_every_current_offer_side_by_side_with_its_totals(self, owner, owner_client):
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Northwind",
            base_salary=Decimal("185000"),
            bonus_target_percent=Decimal("15"),
            equity_grant_value=Decimal("200000"),
            sign_on_bonus=Decimal("20000"),
        )
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Contoso",
            base_salary=Decimal("172500.50"),
        )

        content = page(owner_client)

        assert "Northwind" in content and "Contoso" in content
        assert "USD 267,750" in content  # Northwind's average year
        assert "USD 282,750" in content  # and its first year
        assert "USD 172,500.50" in content  # cents only where there are some
        assert "Highest yearly total" in content

    def test_compares_only_the_newest_version_of_each_offer(self, owner, owner_client):
        first = OfferFactory(
            opportunity__owner=owner, received_on=days(-10), base_salary=Decimal("150000")
        )
        OfferFactory(
            opportunity=first.opportunity,
            version=OfferVersion.REVISED,
            received_on=days(-2),
            base_salary=Decimal("163000"),
        )

        content = page(owner_client)

        assert "USD 163,000" in content
        assert "USD 150,000" not in content
        assert "Revised offer · 2 versions" in content

    def test_leaves_out_opportunities_declined_or_withdrawn(self, owner, owner_client):
        OfferFactory(opportunity__owner=owner, opportunity__company="Still Open")
        for stage in (Stage.DECLINED, Stage.WITHDRAWN):
            OfferFactory(
                opportunity__owner=owner,
                opportunity__stage=stage,
                opportunity__company=f"Closed {stage}",
            )

        content = page(owner_client)

        assert "Still Open" in content
        assert "Closed" not in content

    def test_never_shows_another_users_offers(self, owner, stranger_client):
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Sentinel Works",
            base_salary=Decimal("313131"),
        )

        content = page(stranger_client)

        assert "Sentinel Works" not in content
        assert "313,131" not in content
        assert "No offers to compare yet." in content

    def test_draws_one_accessible_chart_with_labelled_values(self, owner, owner_client):
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Northwind",
            base_salary=Decimal("200000"),
            bonus_target_percent=Decimal("0"),
        )
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Contoso",
            base_salary=Decimal("100000"),
            bonus_target_percent=Decimal("0"),
        )

        content = page(owner_client)
        [chart] = svgs(content)

        assert chart.get("role") == "img"
        assert "in USD" in chart.find(f"{{{SVG}}}title").text
        description = chart.find(f"{{{SVG}}}desc").text
        assert "Northwind, initial offer: USD 200,000 a year on average" in description
        texts = [t.text for t in chart.iter(f"{{{SVG}}}text")]
        assert "Northwind · initial offer" in texts
        assert texts.count("USD 200,000") == 2  # average year and first year
        bases = [r for r in chart.iter(f"{{{SVG}}}rect") if r.get("class") == "part-base"]
        # One scale for all: 200,000 and 100,000 on an axis to 200,000.
        assert [b.get("width") for b in bases] == ["100.00%", "100.00%", "50.00%", "50.00%"]
        assert "style=" not in content

    def test_never_adds_up_offers_in_different_currencies(self, owner, owner_client):
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Northwind",
            currency="USD",
            base_salary=Decimal("200000"),
            bonus_target_percent=0,
        )
        OfferFactory(
            opportunity__owner=owner,
            opportunity__company="Zalando Nord",
            currency="EUR",
            base_salary=Decimal("150000"),
            bonus_target_percent=0,
        )

        content = page(owner_client)

        assert len(svgs(content)) == 2
        assert "Offers in USD" in content and "Offers in EUR" in content
        assert "never added up or converted" in content
        assert "350,000" not in content

    def test_shows_how_well_each_offer_sets_you_up_to_succeed(self, owner, owner_client):
        good = OfferFactory(opportunity__owner=owner, opportunity__company="Northwind")
        with_plan(
            good.opportunity, agreed=2, declined=1, planned=1, resolved_flags=1, live_on=days(-3)
        )
        worrying = OfferFactory(opportunity__owner=owner, opportunity__company="Contoso")
        with_plan(worrying.opportunity, declined=2, open_flags=2, email_on=days(-1))

        content = page(owner_client)

        assert "2 agreed" in content and "of 4; 1 not answered yet" in content
        assert "0 agreed" in content and "2 declined" in content
        assert any(span.endswith("of 2") for span in texts(content, "span"))
        assert "2 open" in content and "None open" in content
        assert "Held live" in texts(content, "span")
        assert f"on {days(-3):%-d %b}" in texts(content, "span", class_="compare-note")
        assert "Only in writing so far" in content

    def test_shows_how_far_an_offer_is_from_your_money_target(self, owner, owner_client):
        offer = OfferFactory(
            opportunity__owner=owner,
            base_salary=Decimal("200000"),
            bonus_target_percent=Decimal("0"),
        )
        plan = with_plan(offer.opportunity)
        MoneyAsk.objects.create(
            plan=plan,
            currency="USD",
            target_total=Decimal("215000"),
            walk_away=Decimal("190000"),
            reasons="Market data.",
        )

        content = page(owner_client)

        assert "Your target: USD 215,000 a year" in content
        assert "this offer is USD 15,000 below it" in content
        assert "Your walk-away: USD 190,000" in content
        assert "Below your walk-away" not in content
        assert "Prepared, not asked yet" in content

    def test_warns_when_an_offer_is_below_your_walk_away(self, owner, owner_client):
        offer = OfferFactory(
            opportunity__owner=owner,
            base_salary=Decimal("150000"),
            bonus_target_percent=Decimal("0"),
        )
        MoneyAsk.objects.create(
            plan=with_plan(offer.opportunity),
            currency="USD",
            walk_away=Decimal("155000"),
            reasons="Market data.",
        )

        assert "Below your walk-away of USD 155,000" in page(owner_client)

    @pytest.mark.parametrize(
        ("deadline", "note"),
        [(3, "In 3 days"), (1, "Tomorrow"), (0, "Today"), (-2, "Passed")],
    )
    def test_says_when_an_answer_is_due(self, owner, owner_client, deadline, note):
        OfferFactory(opportunity__owner=owner, received_on=days(-5), deadline=days(deadline))

        assert note in page(owner_client)

    def test_runs_the_same_queries_for_two_offers_or_twenty(self, owner, owner_client):
        def seed(count: int) -> None:
            for _ in range(count):
                first = OfferFactory(opportunity__owner=owner, received_on=days(-9))
                OfferFactory(opportunity=first.opportunity, version=OfferVersion.REVISED)
                plan = with_plan(
                    first.opportunity,
                    agreed=2,
                    declined=1,
                    open_flags=1,
                    live_on=days(-4),
                    email_on=days(-2),
                )
                MoneyAsk.objects.create(plan=plan, currency="EUR", target_total=1)

        seed(2)
        with CaptureQueriesContext(connection) as few:
            page(owner_client)
        seed(18)
        with CaptureQueriesContext(connection) as many:
            content = page(owner_client)

        assert len(select(content, class_="compare-company")) == 20
        assert len(many) == len(few), [q["sql"] for q in many]


class TestOfferVersions:
    def test_compares_each_version_with_the_one_before(self, owner):
        initial = OfferFactory(opportunity__owner=owner, received_on=days(-9))
        revised = OfferFactory(
            opportunity=initial.opportunity,
            version=OfferVersion.REVISED,
            base_salary=Decimal("192000"),
        )

        newest, oldest = offer_versions(list(initial.opportunity.offers.all()))

        assert (newest.offer, newest.previous, newest.is_current) == (revised, initial, True)
        assert newest.change == Decimal("13200.00")  # 12,000 base and 1,200 bonus
        assert (oldest.previous, oldest.change, oldest.is_current) == (None, None, False)

    def test_does_not_compare_versions_in_different_currencies(self, owner):
        initial = OfferFactory(opportunity__owner=owner, received_on=days(-9), currency="USD")
        OfferFactory(opportunity=initial.opportunity, currency="EUR")

        newest, _ = offer_versions(list(initial.opportunity.offers.all()))

        assert newest.change is None
        assert not newest.same_currency_as_previous


class TestByCurrency:
    def test_groups_by_currency_highest_average_first(self, owner):
        low = OfferFactory(opportunity__owner=owner, base_salary=Decimal("100000"))
        high = OfferFactory(opportunity__owner=owner, base_salary=Decimal("150000"))
        euro = OfferFactory(opportunity__owner=owner, currency="EUR")

        groups = by_currency(list(current_offers(owner)))

        assert [g.currency for g in groups] == ["USD", "EUR"]
        assert [c.offer for c in groups[0].offers] == [high, low]
        assert groups[0].highest == high
        assert groups[1].highest is None  # nothing to beat on its own
        assert [c.offer for c in groups[1].offers] == [euro]


def part(key: str, amount) -> Part:
    return Part(key, key.title(), Decimal(amount))


class TestNiceStep:
    @pytest.mark.parametrize(
        ("maximum", "step"),
        [("231250", "100000"), ("90000", "25000"), ("1500000", "500000"), ("40", "10"), ("0", "1")],
    )
    def test_picks_a_round_step(self, maximum, step):
        assert nice_step(Decimal(maximum)) == Decimal(step)


class TestStackedBarChart:
    def test_puts_every_bar_on_one_scale_ending_at_the_next_half_step(self):
        chart = stacked_bar_chart(
            [
                BarGroup("A", [Bar("Average", [part("base", 150000), part("bonus", 30000)])]),
                BarGroup("B", [Bar("Average", [part("base", 231250)])]),
            ]
        )

        a, b = (group.bars[0] for group in chart.groups)
        # Steps of 100k; the scale ends at 250k, so the longest bar fills most of the width.
        assert [t.amount for t in chart.ticks] == [0, 100000, 200000]
        assert [t.x for t in chart.ticks] == [0, 40, 80]
        assert [t.anchor for t in chart.ticks] == ["start", "middle", "middle"]
        assert [(s.x, s.width) for s in a.segments] == [(0, 60), (60, 12)]
        assert b.segments[0].width == Decimal("92.50")
        assert a.total == Decimal("180000")

    def test_a_last_tick_at_the_edge_is_anchored_inside_the_chart(self):
        chart = stacked_bar_chart([BarGroup("A", [Bar("Year", [part("base", 180000)])])])

        assert [t.amount for t in chart.ticks] == [0, 50000, 100000, 150000, 200000]
        assert [t.anchor for t in chart.ticks] == ["start", "middle", "middle", "middle", "end"]
        assert chart.groups[0].bars[0].segments[0].width == 90

    def test_stacks_parts_end_to_end_without_gaps_and_skips_empty_ones(self):
        chart = stacked_bar_chart(
            [
                BarGroup(
                    "A",
                    [
                        Bar(
                            "Year",
                            [
                                part("base", "33333.33"),
                                part("bonus", 0),
                                part("equity", "33333.33"),
                                part("sign-on", "33333.34"),
                            ],
                        )
                    ],
                )
            ]
        )

        segments = chart.groups[0].bars[0].segments
        assert [s.key for s in segments] == ["base", "equity", "sign-on"]
        ends = [s.x + s.width for s in segments]
        assert [s.x for s in segments[1:]] == ends[:-1]
        assert ends[-1] == 100

    def test_lays_groups_and_bars_out_top_to_bottom(self):
        chart = stacked_bar_chart(
            [
                BarGroup(name, [Bar("Average", [part("base", 1)]), Bar("First", [part("base", 2)])])
                for name in ("A", "B")
            ]
        )

        ys = [bar.y for group in chart.groups for bar in group.bars]
        titles = [group.title_y for group in chart.groups]
        assert ys == sorted(ys) and len(set(ys)) == 4
        assert titles[0] < ys[0] < ys[1] < titles[1] < ys[2]
        assert chart.axis_bottom > ys[-1] + chart.bar_height
        assert chart.tick_label_y > chart.axis_bottom

    def test_draws_an_empty_scale_when_everything_is_zero(self):
        chart = stacked_bar_chart([BarGroup("A", [Bar("Year", [part("base", 0)])])])

        assert chart.groups[0].bars[0].segments == []
        assert [t.amount for t in chart.ticks] == [0, 1]


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        ("0", "0"),
        ("950", "950"),
        ("50000", "50k"),
        ("125000", "125k"),
        ("1500000", "1.5M"),
        ("2000000", "2M"),
        ("2500", "2.5k"),
    ],
)
def test_compact_amount_labels_ticks_briefly(amount, label):
    assert compact_amount(Decimal(amount)) == label
