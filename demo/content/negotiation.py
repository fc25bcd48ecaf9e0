"""Negotiation: Tessellate Health has made an offer and revised it; Northpine Logistics has made
one too; the plan for Kestrel Routing is being prepared before the panel interview."""

from decimal import Decimal

from demo.content.shapes import Conversation, Offer, Plan
from negotiation.models import (
    AskCategory,
    AskPriority,
    AskStatus,
    ConversationChannel,
    OfferVersion,
)

TESSELLATE_TERMS = {
    "currency": "USD",
    "bonus_target_percent": Decimal("15"),
    "equity_grant_value": Decimal("240000"),
    "vesting_years": 4,
    "cliff_months": 12,
    "benefits": (
        "Health, dental and vision fully covered for the family\n"
        "401(k) with a 4% match\n"
        "25 days off plus clinic holidays\n"
        "USD 2,000 a year for learning and a home office"
    ),
}

# A live success conversation, an ask refused outright (a red flag), two offer versions.
TESSELLATE = Plan(
    company="Tessellate Health",
    asks=(
        {
            "category": AskCategory.BUDGET,
            "description": "A research budget for 40 clinic visits in the first six months",
            "amount": Decimal("60000"),
            "currency": "USD",
            "objective": 1,
            "status": AskStatus.AGREED,
            "employer_response": "Renée agreed straight away and asked me to bring what we "
            "learn to the March board meeting.",
        },
        {
            "category": AskCategory.HEADCOUNT,
            "description": "Hire a senior PM for scheduling in my first quarter",
            "objective": 0,
            "status": AskStatus.ASKED,
            "employer_response": "She wants to see my 90-day plan first and will confirm after "
            "the board meets.",
        },
        {
            "category": AskCategory.TECH_DEBT,
            "description": "Two sprints a quarter to stabilise the scheduling engine",
            "objective": 2,
            "status": AskStatus.DECLINED,
            "would_not_discuss": True,  # which raises the plan's red flag
            "employer_response": "“The roadmap is set with the board; I don't want to reopen "
            "it.” She moved on to the start date.",
        },
        {
            "category": AskCategory.MENTORSHIP,
            "description": "A leadership coach for my first year",
            "amount": Decimal("12000"),
            "currency": "USD",
            "priority": AskPriority.NICE,
            "status": AskStatus.DEFERRED,
            "employer_response": "Open to it after my six-month review.",
        },
    ),
    conversations=(
        Conversation(
            days_ago=4,
            channel=ConversationChannel.VIDEO,
            about_success=True,
            summary="Walked Renée through my job mission and what the role needs to reach its "
            "objectives: research, a senior PM, time to stabilise the scheduling engine, a "
            "coach.",
            outcomes="Research budget agreed. Senior PM after the board. The engine work is "
            "not up for discussion — that worries me. Coach after six months.",
            people=("Renée Duval",),
        ),
        Conversation(
            days_ago=2,
            channel=ConversationChannel.EMAIL,
            summary="Marcus sent the revised offer: a little more base and a sign-on bonus.",
            outcomes="They need an answer within a week. Talk to Renée live before then.",
            people=("Marcus Bell",),
        ),
    ),
    offers=(
        Offer(
            received_days_ago=6,
            deadline_in_days=2,
            terms={
                **TESSELLATE_TERMS,
                "version": OfferVersion.INITIAL,
                "base_salary": Decimal("198000"),
            },
        ),
        Offer(
            received_days_ago=2,
            deadline_in_days=5,
            terms={
                **TESSELLATE_TERMS,
                "version": OfferVersion.REVISED,
                "base_salary": Decimal("205000"),
                "sign_on_bonus": Decimal("15000"),
            },
        ),
    ),
    money_ask={
        "currency": "USD",
        "target_base": Decimal("220000"),
        "target_total": Decimal("315000"),
        "walk_away": Decimal("290000"),
        "deal_breakers": "No time at all for the scheduling engine's stability.\n"
        "More than one office day a week.",
        "reasons": (
            "The role leads a team of four, with a fifth to hire, and reports to you directly. "
            "The Head of Product roles in clinic software I have seen this year pay between 215 "
            "and 230 thousand in base. I would also leave an unvested grant worth about 40 "
            "thousand at my current company, which is why the total matters to me as much as "
            "the base."
        ),
    },
)

NORTHPINE = Plan(
    company="Northpine Logistics",
    asks=(
        {
            "category": AskCategory.HEADCOUNT,
            "description": "A data analyst shared with the operations team",
            "status": AskStatus.ASKED,
            "employer_response": "Jonah: “Let's loop back on team shape once you've signed.”",
        },
        {
            "category": AskCategory.TOOLS,
            "description": "A product analytics tool for the warehouse app",
            "amount": Decimal("30000"),
            "currency": "USD",
            "priority": AskPriority.NICE,
        },
    ),
    conversations=(
        Conversation(
            days_ago=1,
            channel=ConversationChannel.EMAIL,
            about_success=True,
            summary="Sent Jonah the list of what the role needs. He answered in one line.",
            outcomes="Nothing agreed yet. Ask for a call.",
            people=("Jonah Reyes",),
        ),
    ),
    offers=(
        Offer(
            received_days_ago=3,
            deadline_in_days=4,
            terms={
                "version": OfferVersion.INITIAL,
                "currency": "USD",
                "base_salary": Decimal("190000"),
                "bonus_target_percent": Decimal("10"),
                "equity_units": Decimal("30000"),
                "equity_unit_price": Decimal("8.50"),
                "vesting_years": 4,
                "cliff_months": 12,
                "sign_on_bonus": Decimal("25000"),
                "benefits": "Health cover for the family\n3% 401(k) match\n"
                "Unlimited time off (ask what people actually take)",
            },
        ),
    ),
)

# Prepared before the panel interview: the asks, each tied to an objective of the mission.
KESTREL = Plan(
    company="Kestrel Routing",
    asks=(
        {
            "category": AskCategory.TECH_DEBT,
            "description": "A quarter of the routing team's time for faster re-planning",
            "objective": 0,
        },
        {
            "category": AskCategory.BUDGET,
            "description": "Budget for monthly depot visits with dispatchers",
            "amount": Decimal("18000"),
            "currency": "USD",
            "objective": 0,
            "status": AskStatus.ASKED,
            "employer_response": "Dana thinks it is likely and will check with finance.",
        },
        {
            "category": AskCategory.TRAINING,
            "description": "Product discovery training for the four PMs",
            "amount": Decimal("15000"),
            "currency": "USD",
            "objective": 1,
            "priority": AskPriority.NICE,
        },
    ),
)

PLANS = (TESSELLATE, NORTHPINE, KESTREL)
