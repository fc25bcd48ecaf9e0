"""Reads about offers: how each version moved against the one before, and every current offer
side by side with how well it sets the user up to succeed.

Offers in different currencies are never added up or put on one scale: they are grouped by
currency, one chart per currency.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import pluralize
from django.utils.text import Truncator

from negotiation.charts import Bar, BarChart, BarGroup, Part, stacked_bar_chart
from negotiation.models import (
    LIVE_CHANNELS,
    AskStatus,
    Conversation,
    MoneyAsk,
    Offer,
    RedFlag,
    SuccessAsk,
)
from opportunities.models import Stage

# An opportunity the user has said no to, or walked away from, has no offer to weigh.
CLOSED_STAGES = (Stage.DECLINED, Stage.WITHDRAWN)
CHART_TITLE_LENGTH = 44

# Parts of a yearly total, in the order the chart stacks them, with their legend labels.
PARTS = (
    ("base", "Base salary"),
    ("bonus", "Target bonus"),
    ("equity", "Equity vesting"),
    ("sign-on", "Sign-on bonus"),
)


@dataclass(frozen=True)
class OfferVersion:
    """One version in an opportunity's list of offers, newest first."""

    offer: Offer
    previous: Offer | None
    is_current: bool

    @property
    def same_currency_as_previous(self) -> bool:
        return self.previous is not None and self.previous.currency == self.offer.currency

    @property
    def change(self) -> Decimal | None:
        """How much the average yearly total moved since the previous version (same currency)."""
        if not self.same_currency_as_previous:
            return None
        return self.offer.average_yearly_total - self.previous.average_yearly_total


def offer_versions(offers: Sequence[Offer]) -> list[OfferVersion]:
    """``offers`` newest first, each compared with the version received before it."""
    return [
        OfferVersion(offer, offers[i + 1] if i + 1 < len(offers) else None, is_current=i == 0)
        for i, offer in enumerate(offers)
    ]


# What the comparison reads, each in one plain query built once here (a request filters a copy
# by whose opportunities): every offer of the opportunities still open, newest version first,
# and what the plans of those opportunities hold beside the money. Building thirteen
# correlated subqueries cost more than all of these together take to build and run.
_OFFERS = (
    Offer.objects.exclude(opportunity__stage__in=CLOSED_STAGES)
    .select_related("opportunity")
    .only(
        *(field.name for field in Offer._meta.concrete_fields if field.name != "created_at"),
        "opportunity__company",
        "opportunity__role",
    )
    .order_by("opportunity_id", "-received_on", "-pk")
)
_ASK_STATUSES = SuccessAsk.objects.order_by().values_list("plan__opportunity_id", "status")
_OPEN_RED_FLAGS = (
    RedFlag.objects.filter(resolved_at__isnull=True).order_by().values_list("plan__opportunity_id")
)
_SUCCESS_CONVERSATIONS = (
    Conversation.objects.filter(about_success=True)
    .order_by("happened_on", "pk")
    .values_list("plan__opportunity_id", "channel", "happened_on")
)
_MONEY_ASKS = MoneyAsk.objects.order_by().values_list(
    "plan__opportunity_id", "currency", "target_total", "walk_away", "outcome"
)
_OPEN_ASKS = (AskStatus.PLANNED, AskStatus.ASKED)


def current_offers(user) -> list[Offer]:
    """The newest offer of each of the user's opportunities that is still open.

    Each carries what the comparison shows beside the money: the number of versions, success
    asks agreed and declined, open red flags, the first live success conversation, and the
    money ask's target, walk-away and outcome; ordered by currency, company and pk."""
    newest: dict[int, Offer] = {}
    for offer in _OFFERS.filter(opportunity__owner_id=user.pk):
        current = newest.setdefault(offer.opportunity_id, offer)  # the first is the newest
        current.versions = getattr(current, "versions", 0) + 1
    if not newest:
        return []
    ids = list(newest)
    for offer in newest.values():
        offer.asks_total = offer.asks_agreed = offer.asks_declined = offer.asks_open = 0
        offer.open_red_flags = 0
        offer.live_success_on, offer.any_success_conversation = None, False
        offer.money_currency = offer.money_target_total = None
        offer.money_walk_away = offer.money_outcome = None
    for opportunity, status in _ASK_STATUSES.filter(plan__opportunity_id__in=ids):
        offer = newest[opportunity]
        offer.asks_total += 1
        offer.asks_agreed += status == AskStatus.AGREED
        offer.asks_declined += status == AskStatus.DECLINED
        offer.asks_open += status in _OPEN_ASKS
    for (opportunity,) in _OPEN_RED_FLAGS.filter(plan__opportunity_id__in=ids):
        newest[opportunity].open_red_flags += 1
    for opportunity, channel, happened_on in _SUCCESS_CONVERSATIONS.filter(
        plan__opportunity_id__in=ids
    ):
        offer = newest[opportunity]
        offer.any_success_conversation = True
        if channel in LIVE_CHANNELS and offer.live_success_on is None:
            offer.live_success_on = happened_on  # the first, as they come oldest first
    for opportunity, currency, target, walk_away, outcome in _MONEY_ASKS.filter(
        plan__opportunity_id__in=ids
    ):
        offer = newest[opportunity]
        offer.money_currency, offer.money_target_total = currency, target
        offer.money_walk_away, offer.money_outcome = walk_away, outcome
    return sorted(newest.values(), key=lambda o: (o.currency, o.opportunity.company, o.pk))


@dataclass(frozen=True)
class ComparedOffer:
    """A current offer (from ``current_offers``) with what the comparison derives from it."""

    offer: Offer

    @property
    def target_shortfall(self) -> Decimal | None:
        """How far the average yearly total is below the money ask's target total (0 when it
        meets it); None when there is no target, or it is in another currency."""
        offer = self.offer
        if offer.money_target_total is None or offer.money_currency != offer.currency:
            return None
        return max(offer.money_target_total - offer.average_yearly_total, Decimal(0))

    @property
    def below_walk_away(self) -> bool:
        """True when the average yearly total is under the user's own walk-away number."""
        offer = self.offer
        if offer.money_walk_away is None or offer.money_currency != offer.currency:
            return False
        return offer.average_yearly_total < offer.money_walk_away


@dataclass(frozen=True)
class CurrencyGroup:
    """The current offers in one currency, highest average yearly total first, and their chart."""

    currency: str
    offers: list[ComparedOffer]
    chart: BarChart

    @property
    def highest(self) -> Offer | None:
        """The offer with the highest average yearly total, when there is more than one."""
        return self.offers[0].offer if len(self.offers) > 1 else None


def _parts(offer: Offer, *, first_year: bool) -> list[Part]:
    if first_year:
        equity, sign_on = offer.first_year_equity, offer.sign_on_bonus
    else:
        equity = offer.yearly_equity
        # Whatever the average holds beyond base, bonus and equity is the spread sign-on bonus.
        sign_on = offer.average_yearly_total - offer.base_salary - offer.bonus - equity
    amounts = (offer.base_salary, offer.bonus, equity, sign_on)
    return [Part(key, label, amount) for (key, label), amount in zip(PARTS, amounts, strict=True)]


def offer_chart(offers: Sequence[Offer]) -> BarChart:
    """Two bars per offer on one scale: the average year over the vesting period, and year one."""
    groups = [
        BarGroup(
            title=Truncator(
                f"{offer.opportunity.company} · {offer.get_version_display().lower()} offer"
            ).chars(CHART_TITLE_LENGTH),
            bars=[
                Bar(
                    f"Average per year, over {offer.vesting_years} "
                    f"year{pluralize(offer.vesting_years)}",
                    _parts(offer, first_year=False),
                ),
                Bar("First year", _parts(offer, first_year=True)),
            ],
        )
        for offer in offers
    ]
    return stacked_bar_chart(groups)


def by_currency(offers: Sequence[Offer]) -> list[CurrencyGroup]:
    """One group per currency (the most offers first), never mixing currencies."""
    currencies: dict[str, list[Offer]] = {}
    for offer in offers:
        currencies.setdefault(offer.currency, []).append(offer)
    groups = []
    for currency, in_currency in sorted(currencies.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ranked = sorted(in_currency, key=lambda o: o.average_yearly_total, reverse=True)
        compared = [ComparedOffer(offer) for offer in ranked]
        groups.append(CurrencyGroup(currency, compared, offer_chart(ranked)))
    return groups
