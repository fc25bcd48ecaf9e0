"""What an offer is worth in a year: the rules in Offer's properties, in Decimal to the cent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inplace.fields import MAX_AMOUNT
from negotiation.models import Offer


def offer(**fields) -> Offer:
    """An unsaved offer: 180,000 base, nothing else; 4-year vesting with a 1-year cliff."""
    defaults = {
        "currency": "USD",
        "base_salary": Decimal("180000"),
        "bonus_target_percent": Decimal("0"),
        "vesting_years": 4,
        "cliff_months": 12,
        "sign_on_bonus": Decimal("0"),
    }
    return Offer(**(defaults | fields))


class TestBonus:
    def test_is_the_target_percentage_of_base(self):
        assert offer(bonus_target_percent=Decimal("15")).bonus == Decimal("27000.00")

    def test_rounds_half_up_to_the_cent(self):
        # 123,456.78 × 12.5% = 15,432.0975
        with_bonus = offer(base_salary=Decimal("123456.78"), bonus_target_percent=Decimal("12.5"))

        assert with_bonus.bonus == Decimal("15432.10")

    def test_is_zero_without_a_bonus_target(self):
        assert offer().bonus == Decimal("0.00")


class TestEquity:
    def test_takes_the_grant_value_as_stated(self):
        assert offer(equity_grant_value=Decimal("200000")).equity_value == Decimal("200000")

    def test_values_units_at_their_price_to_the_cent(self):
        by_units = offer(equity_units=Decimal("1000"), equity_unit_price=Decimal("12.3456"))

        assert by_units.equity_value == Decimal("12345.60")

    def test_units_without_a_price_are_worth_nothing_yet(self):
        assert offer(equity_units=Decimal("1000")).equity_value == Decimal(0)

    def test_vests_evenly_over_the_vesting_years(self):
        assert offer(equity_grant_value=Decimal("200000")).yearly_equity == Decimal("50000.00")
        assert offer(
            equity_grant_value=Decimal("100000"), vesting_years=3
        ).yearly_equity == Decimal("33333.33")

    @pytest.mark.parametrize("cliff_months", [0, 6, 12])
    def test_a_cliff_of_up_to_a_year_vests_the_first_years_share(self, cliff_months):
        grant = offer(equity_grant_value=Decimal("200000"), cliff_months=cliff_months)

        assert grant.first_year_equity == Decimal("50000.00")

    @pytest.mark.parametrize("cliff_months", [13, 18, 24])
    def test_a_cliff_longer_than_a_year_vests_nothing_in_the_first_year(self, cliff_months):
        grant = offer(equity_grant_value=Decimal("200000"), cliff_months=cliff_months)

        assert grant.first_year_equity == Decimal(0)
        assert grant.yearly_equity == Decimal("50000.00")

    def test_a_one_year_vest_pays_the_whole_grant_in_the_first_year(self):
        grant = offer(equity_grant_value=Decimal("40000"), vesting_years=1)

        assert grant.first_year_equity == Decimal("40000.00")


class TestTotals:
    @pytest.fixture
    def full_offer(self) -> Offer:
        """185,000 base, 15% bonus, 200,000 over 4 years with a 1-year cliff, 20,000 sign-on."""
        return offer(
            base_salary=Decimal("185000"),
            bonus_target_percent=Decimal("15"),
            equity_grant_value=Decimal("200000"),
            sign_on_bonus=Decimal("20000"),
        )

    def test_first_year_counts_base_bonus_vested_equity_and_the_whole_sign_on(self, full_offer):
        # 185,000 + 27,750 + 50,000 + 20,000
        assert full_offer.first_year_total == Decimal("282750.00")

    def test_average_year_spreads_the_sign_on_over_the_vesting_years(self, full_offer):
        # 185,000 + 27,750 + 50,000 + 20,000 / 4
        assert full_offer.average_yearly_total == Decimal("267750.00")

    def test_a_long_cliff_leaves_equity_out_of_the_first_year_but_not_the_average(self):
        long_cliff = offer(equity_grant_value=Decimal("200000"), cliff_months=18)

        assert long_cliff.first_year_total == Decimal("180000.00")
        assert long_cliff.average_yearly_total == Decimal("230000.00")

    def test_spreading_the_sign_on_rounds_to_the_cent(self):
        assert offer(
            sign_on_bonus=Decimal("25000"), vesting_years=3
        ).average_yearly_total == Decimal("188333.33")

    def test_equity_by_units_counts_like_a_grant_value(self):
        by_units = offer(equity_units=Decimal("4000"), equity_unit_price=Decimal("25"))

        assert by_units.average_yearly_total == Decimal("205000.00")
        assert by_units.first_year_total == Decimal("205000.00")

    def test_cash_only_offer_is_the_same_every_year(self):
        cash = offer(bonus_target_percent=Decimal("10"))

        assert cash.first_year_total == cash.average_yearly_total == Decimal("198000.00")

    def test_every_figure_is_a_decimal_in_cents(self, full_offer):
        for name in (
            "bonus",
            "yearly_equity",
            "first_year_equity",
            "first_year_total",
            "average_yearly_total",
        ):
            value = getattr(full_offer, name)
            assert isinstance(value, Decimal), name
            assert value.as_tuple().exponent == -2, name


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2)


@given(
    base=amounts,
    percent=st.decimals(min_value=0, max_value=200, places=2),
    grant=amounts,
    sign_on=amounts,
    vesting_years=st.integers(min_value=1, max_value=10),
    cliff_months=st.integers(min_value=0, max_value=12),
)
def test_the_average_years_add_up_to_what_the_whole_vesting_period_pays(
    base, percent, grant, sign_on, vesting_years, cliff_months
):
    """Over the vesting period the average year pays all of the equity and the sign-on once."""
    any_offer = offer(
        base_salary=base,
        bonus_target_percent=percent,
        equity_grant_value=grant,
        sign_on_bonus=sign_on,
        vesting_years=vesting_years,
        cliff_months=cliff_months,
    )
    whole_period = (base + any_offer.bonus) * vesting_years + grant + sign_on

    # Each year's equity and sign-on share is rounded to the cent: at most a cent each per year.
    drift = abs(any_offer.average_yearly_total * vesting_years - whole_period)
    assert drift <= Decimal("0.01") * vesting_years
    assert any_offer.first_year_total >= any_offer.average_yearly_total
