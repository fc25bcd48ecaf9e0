"""Money and deadlines as people read them: ``{% load money %}``.

``{{ offer.base_salary|money:offer.currency }}`` → "USD 185,000" (cents only when there are
some); ``{{ offer.deadline|deadline_note }}`` → "in 5 days", "today", "passed".
"""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from negotiation.charts import compact_amount

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "") -> str:
    """An amount with grouped thousands, prefixed by its ISO currency code."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    figure = number_format(amount, decimal_pos=places, force_grouping=True)
    return f"{currency} {figure}".strip()


@register.filter
def signed_money(amount: Decimal | None, currency: str = "") -> str:
    """A difference: "+USD 12,000", "−USD 3,500" or "no change"."""
    if amount is None:
        return ""
    if amount == 0:
        return "no change"
    sign = "+" if amount > 0 else "−"
    return sign + money(abs(amount), currency)


@register.filter
def compact(amount: Decimal) -> str:
    """A short amount for chart ticks: 50k, 1.5M."""
    return compact_amount(Decimal(amount))


@register.filter
def days_left(deadline: dt.date | None) -> int | None:
    """Days from today until ``deadline`` (negative once it has passed)."""
    return None if deadline is None else (deadline - timezone.localdate()).days


@register.filter
def deadline_note(deadline: dt.date | None) -> str:
    """When an answer is due, in words: "in 5 days", "tomorrow", "today", "passed"."""
    days = days_left(deadline)
    if days is None:
        return "no deadline given"
    if days < 0:
        return "passed"
    if days == 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"
