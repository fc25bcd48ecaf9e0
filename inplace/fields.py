"""Form fields every editor shares: dates a job search can mean, ticked rows, and numbers typed
by a person (amounts, percentages, whole numbers) that keep what was typed when they are wrong."""

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.utils import timezone

# No salary, budget or grant we record is larger than this; anything bigger is a typo.
MAX_AMOUNT = Decimal("1000000000")

DATE_INPUT = "%Y-%m-%d"
DATETIME_LOCAL_INPUT = "%Y-%m-%dT%H:%M"
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_YEARS_AHEAD = 5


def check_plausible_date(value: dt.date) -> None:
    """Refuse dates a job search cannot mean (a typo in the year, usually)."""
    latest = timezone.localdate() + dt.timedelta(days=365 * LATEST_YEARS_AHEAD)
    if value < EARLIEST_DATE:
        raise forms.ValidationError("That date is long past. Check the year.")
    if value > latest:
        raise forms.ValidationError(
            f"That date is more than {LATEST_YEARS_AHEAD} years away. Check the year."
        )


# The largest id a 64-bit integer column holds: PostgreSQL's bigint and SQLite's INTEGER.
LARGEST_ID = 2**63 - 1


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows ticked in a list; an id no database can hold is an invalid choice.

    Django checks each id on its own, then reads them all with one ``pk__in`` query, which
    SQLite cannot run with an integer beyond 64 bits (OverflowError, a server error).
    """

    def _check_values(self, value):
        for pk in value:
            try:
                too_large = abs(int(str(pk))) > LARGEST_ID
            except ValueError:
                continue  # not a number: Django's own check says so
            if too_large:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


# Numbers: every figure a person types is checked, with a message that says what to fix.

THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
AMOUNT_ERRORS = {
    "required": "Enter the amount, e.g. 185000.",
    "invalid": "Enter a plain number, like 185000 or 185,000.50 — no currency sign.",
    "min_value": "This can't be negative.",
    "max_value": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_digits": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_whole_digits": "That is more than 1,000,000,000. Check for an extra zero.",
    "max_decimal_places": "Use at most two decimals, like 1250.50.",
}


class AmountField(forms.DecimalField):
    """A non-negative number typed by a person; "185,000" and "185 000" are read as 185000.

    A text input, not type=number: a browser empties a number field it cannot parse, and the
    user would lose what they typed.
    """

    widget = forms.TextInput
    default_error_messages = AMOUNT_ERRORS

    def __init__(self, *, max_value=MAX_AMOUNT, max_digits=12, decimal_places=2, **kwargs):
        kwargs.pop("min_value", None)
        super().__init__(
            min_value=Decimal(0),
            max_value=max_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            **kwargs,
        )
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def prepare_value(self, value):
        """Show a stored 185000.00 as 185000 and 8.5000 as 8.5: as a person would type it."""
        if isinstance(value, Decimal) and value.is_finite():
            return f"{value.normalize():f}"
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
            if THOUSANDS.match(value):
                value = value.replace(",", "")
        return super().to_python(value)

    def run_validators(self, value) -> None:
        """One message per field: the first rule the number breaks."""
        try:
            super().run_validators(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.error_list[:1]) from None


class PercentField(AmountField):
    """A percentage from 0 to 200, e.g. a bonus target."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_value=Decimal(200), **kwargs)


class WholeNumberField(forms.IntegerField):
    """A small whole number (years, months) in a text input that keeps what was typed."""

    widget = forms.TextInput

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="off")


def show_whole_amounts(form: forms.BaseForm, names) -> None:
    """Show a stored 185000.00 as 185000 in an unbound form: cents only when there are some."""
    for name in names:
        value = form.initial.get(name)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            form.initial[name] = str(value.quantize(Decimal(1)))
