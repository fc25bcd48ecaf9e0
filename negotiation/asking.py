"""Asking for more money, collaboratively: the script drafted from the user's honest reasons,
and the user's own record of asking next to the long-run figure.

The script is a starting point the user edits and says live. It never names the walk-away
number or the deal-breakers: those stay private.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from negotiation.models import MoneyAsk, MoneyAskOutcome

# Historically about 87% of people who ask for more get more; fewer in a tight market.
LONG_RUN_PERCENT_WHO_GET_MORE = 87
# The script thanks them for at most this many agreed success asks; more reads like a list.
AGREED_ASKS_NAMED = 3


def format_money(amount: Decimal, currency: str) -> str:
    """``EUR 165,000`` for whole amounts, ``EUR 1,234.50`` otherwise."""
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{currency} {amount:,.{places}f}"


def _in_sentence(text: str) -> str:
    """Lower-case a leading capital so a description reads inside a sentence; keep acronyms."""
    text = text.strip().rstrip(".")
    first = text.split(maxsplit=1)[0] if text else ""
    if first[:1].isupper() and not (len(first) > 1 and first.isupper()) and first != "I":
        return text[0].lower() + text[1:]
    return text


def _listed(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [_in_sentence(item) for item in items if item.strip()]
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _the_ask(currency: str, target_base: Decimal | None, target_total: Decimal | None) -> str:
    if target_base is not None and target_total is not None:
        return (
            f"Are you open to a base salary of {format_money(target_base, currency)}, "
            f"which would bring the total to about {format_money(target_total, currency)} a year?"
        )
    if target_base is not None:
        return f"Are you open to a base salary of {format_money(target_base, currency)}?"
    total = format_money(target_total, currency)
    return f"Are you open to a total package of about {total} a year?"


def draft_collaborative_ask(
    *,
    company: str,
    currency: str,
    target_base: Decimal | None,
    target_total: Decimal | None,
    reasons: str,
    agreed: Sequence[str] = (),
) -> str:
    """Draft the ask: thanks, what was agreed to succeed, the honest reasons, "Are you open to …?".

    Needs the reasons and a target; the walk-away number is deliberately not a parameter.
    """
    if not reasons.strip():
        raise ValueError("An honest ask starts from the reasons: none were given.")
    if target_base is None and target_total is None:
        raise ValueError("Say what to ask for: a target base or a yearly total.")
    where = f" at {company.strip()}" if company.strip() else ""
    if agreed:
        opening = (
            f"Thank you for the offer. I'm excited about the role{where}, and about what we "
            f"agreed so that I can succeed in it: {_listed(agreed[:AGREED_ASKS_NAMED])}."
        )
    else:
        opening = (
            f"Thank you for the offer. I'm excited about the role{where} and about what we "
            "could achieve together."
        )
    return "\n\n".join(
        [
            opening,
            "Before I say yes, I'd like to talk openly about one more thing: the compensation. "
            "Here is my honest thinking.",
            reasons.strip(),
            _the_ask(currency, target_base, target_total),
            "I'd much rather find the right number together than go back and forth. "
            "If that is hard to reach, I'd like to hear what is possible.",
        ]
    )


@dataclass(frozen=True)
class AskingRecord:
    """How often the user asked for more money across all their plans, and how often it worked."""

    asked: int = 0
    moved: int = 0

    @classmethod
    def of(cls, user) -> "AskingRecord":
        """The user's record, in one query."""
        counts = (
            MoneyAsk.objects.owned_by(user)
            .asked()
            .aggregate(
                asked=Count("pk"), moved=Count("pk", filter=Q(outcome=MoneyAskOutcome.MOVED))
            )
        )
        return cls(**counts)

    @property
    def summary(self) -> str:
        if not self.asked:
            return "You have not recorded asking for more money yet."
        if self.asked == 1:
            moved = "it moved" if self.moved else "it did not move"
            return f"You asked once, and {moved} the offer."
        moved = {0: "none", 1: "one"}.get(self.moved, str(self.moved))
        return f"You asked {self.asked} times; {moved} moved the offer."
