"""Offers in a real browser: recorded and revised in place on the plan, then compared."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from negotiation.models import Offer
from opportunities.models import Stage
from tests.factories import OfferFactory, OpportunityFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_offer(page: Page, **figures: str) -> None:
    form = page.locator("#new-offer")
    for label, value in figures.items():
        form.get_by_label(label).fill(value)


def test_records_and_revises_an_offer_in_place(page: Page, live_server, sign_in):
    owner = UserFactory()
    opportunity = OpportunityFactory(owner=owner, company="Northwind", stage=Stage.INTERVIEWING)
    sign_in(owner)
    page.goto(live_server.url + reverse("plan_detail", args=[opportunity.pk]))
    page.evaluate("window.__marker = 1")
    offers = page.locator("#offers")
    expect(offers.get_by_text("No offer recorded yet.")).to_be_visible()

    form = page.locator("#new-offer")
    form.get_by_label("Currency").select_option("USD")
    fill_offer(
        page,
        **{
            "Base salary (yearly)": "-185000",
            "Bonus target (% of base)": "15",
            "Equity: value of the whole grant": "200,000",
            "Sign-on bonus": "20000",
        },
    )
    form.get_by_role("button", name="Record offer").click()
    expect(offers.get_by_text("This can't be negative.")).to_be_visible()
    expect(form.get_by_label("Base salary (yearly)")).to_have_value("-185000")
    expect(form.get_by_label("Base salary (yearly)")).to_be_focused()
    assert not Offer.objects.exists()

    fill_offer(page, **{"Base salary (yearly)": "185,000"})
    form.get_by_role("button", name="Record offer").click()
    current = offers.locator("article.is-current")
    expect(current).to_contain_text("USD 267,750")  # average per year
    expect(current).to_contain_text("USD 282,750")  # first year
    expect(page.locator("#announcer")).to_contain_text("Recorded the initial offer")

    offers.get_by_text("Record a new version").click()
    expect(form.get_by_label("Base salary (yearly)")).to_have_value("185000")
    form.get_by_label("Version").select_option(label="Revised")
    fill_offer(page, **{"Base salary (yearly)": "195000"})
    form.get_by_role("button", name="Record offer").click()
    expect(offers.locator("article")).to_have_count(2)
    expect(offers.locator("article.is-current")).to_have_count(1)  # once htmx has settled
    expect(offers.locator("article.is-current")).to_contain_text("Revised offer")
    expect(offers.locator("article.is-current")).to_contain_text("+USD 11,500 a year")

    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.OFFER
    assert Offer.objects.filter(opportunity=opportunity).count() == 2


def test_corrects_and_deletes_an_offer_in_place(page: Page, live_server, sign_in):
    owner = UserFactory()
    offer = OfferFactory(opportunity__owner=owner, base_salary=Decimal("180000"))
    sign_in(owner)
    page.goto(live_server.url + reverse("plan_detail", args=[offer.opportunity_id]))
    page.evaluate("window.__marker = 1")
    offers = page.locator("#offers")

    offers.get_by_role("link", name="Edit the initial offer").click()
    base = offers.get_by_label("Base salary (yearly)").first
    expect(base).to_be_focused()
    base.fill("182500")
    offers.get_by_role("button", name="Save offer").click()
    expect(offers.locator("article.is-current")).to_contain_text("USD 182,500")

    offers.get_by_role("link", name="Delete the initial offer").click()
    offers.get_by_role("button", name="Delete offer").click()
    expect(offers.get_by_text("No offer recorded yet.")).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    assert not Offer.objects.exists()


def test_compares_current_offers_on_one_chart(page: Page, live_server, sign_in):
    owner = UserFactory()
    OfferFactory(opportunity__owner=owner, opportunity__company="Northwind")
    OfferFactory(
        opportunity__owner=owner, opportunity__company="Contoso", base_salary=Decimal("150000")
    )
    sign_in(owner)
    page.goto(live_server.url + reverse("offer_compare"))

    chart = page.get_by_role("img", name="Yearly total compensation of your offers in USD")
    expect(chart).to_be_visible()
    expect(chart.locator("text.chart-title")).to_have_text(
        ["Northwind · initial offer", "Contoso · initial offer"]
    )
    expect(page.get_by_role("columnheader", name="Northwind")).to_be_visible()
    expect(page.get_by_text("Highest yearly total")).to_be_visible()
