"""Offers on the negotiation plan: recorded, corrected and deleted in place or as plain posts."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from negotiation.models import Offer, OfferVersion
from opportunities.models import Stage, StageChange
from tests.factories import OfferFactory, OpportunityFactory
from tests.html import attributes, position, roots, select, texts

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def offer_data(**overrides) -> dict:
    """What a person types for a full offer: 185,000 base, 15%, a 200,000 grant, 20,000 sign-on."""
    data = {
        "version": "initial",
        "received_on": days(0),
        "currency": "USD",
        "base_salary": "185000",
        "bonus_target_percent": "15",
        "equity_grant_value": "200000",
        "equity_units": "",
        "equity_unit_price": "",
        "vesting_years": "4",
        "cliff_months": "12",
        "sign_on_bonus": "20000",
        "deadline": days(7),
        "benefits": "Health cover, 25 days off",
    }
    return data | overrides


@pytest.fixture
def opportunity(opportunity):
    """The owner's opportunity, at the interviews: an offer is what comes next."""
    opportunity.stage = Stage.INTERVIEWING
    opportunity.save()
    return opportunity


@pytest.fixture
def offer(opportunity):
    return OfferFactory(
        opportunity=opportunity,
        received_on=timezone.localdate() - dt.timedelta(days=5),
        base_salary=Decimal("180000"),
        bonus_target_percent=Decimal("10"),
    )


def plan_url(opportunity) -> str:
    return reverse("plan_detail", args=[opportunity.pk])


def create_url(opportunity) -> str:
    return reverse("offer_create", args=[opportunity.pk])


def edit_url(offer) -> str:
    return reverse("offer_edit", args=[offer.opportunity_id, offer.pk])


def delete_url(offer) -> str:
    return reverse("offer_delete", args=[offer.opportunity_id, offer.pk])


def assert_offers_region(response) -> str:
    content = response.content.decode()
    assert response.status_code == 200
    assert not select(content, "html")
    first = roots(content)[0]
    assert (first.name, attributes(first).get("id")) == ("section", "offers")
    return content


BAD_NUMBERS = [
    ("base_salary", "-5", "be negative"),
    ("base_salary", "1000000001", "more than 1,000,000,000"),
    ("base_salary", "lots", "Enter a plain number"),
    ("base_salary", "NaN", "Enter a plain number"),
    ("base_salary", "$185k", "Enter a plain number"),
    ("base_salary", "185000.123", "at most two decimals"),
    ("bonus_target_percent", "250", "from 0 to 200"),
    ("vesting_years", "0", "at least one year"),
    ("vesting_years", "11", "almost certainly a typo"),
    ("vesting_years", "2.5", "whole years"),
    ("cliff_months", "-1", "be negative"),
    ("currency", "XYZ", "Choose a currency from the list"),
    ("sign_on_bonus", "1e10", "more than 1,000,000,000"),
]


class TestOfferCreate:
    def test_records_an_offer_and_goes_back_to_the_plan(self, owner_client, opportunity):
        response = owner_client.post(create_url(opportunity), offer_data())

        offer = Offer.objects.get(opportunity=opportunity)
        assert response.status_code == 302
        assert response.url == f"{plan_url(opportunity)}#offer-{offer.pk}"
        assert offer.base_salary == Decimal("185000.00")
        assert offer.equity_grant_value == Decimal("200000.00")
        assert offer.deadline == timezone.localdate() + dt.timedelta(days=7)
        page = owner_client.get(response.url).content.decode()
        assert "Recorded the initial offer: USD 267,750 a year on average." in page

    def test_moves_the_opportunity_to_the_offer_stage_and_records_when(
        self, owner_client, opportunity
    ):
        owner_client.post(create_url(opportunity), offer_data())

        opportunity.refresh_from_db()
        assert opportunity.stage == Stage.OFFER
        change = StageChange.objects.filter(opportunity=opportunity).latest("changed_at")
        assert (change.from_stage, change.to_stage) == (Stage.INTERVIEWING, Stage.OFFER)

    def test_leaves_an_accepted_opportunity_accepted(self, owner, owner_client):
        accepted = OpportunityFactory(owner=owner, stage=Stage.ACCEPTED)

        owner_client.post(create_url(accepted), offer_data(version="final"))

        accepted.refresh_from_db()
        assert accepted.stage == Stage.ACCEPTED
        assert accepted.offers.get().version == OfferVersion.FINAL

    def test_reads_amounts_written_with_thousands_separators(self, owner_client, opportunity):
        owner_client.post(
            create_url(opportunity), offer_data(base_salary="185,000", sign_on_bonus="20 000.50")
        )

        offer = Offer.objects.get(opportunity=opportunity)
        assert offer.base_salary == Decimal("185000")
        assert offer.sign_on_bonus == Decimal("20000.50")

    def test_values_equity_by_units_and_price(self, owner_client, opportunity):
        data = offer_data(equity_grant_value="", equity_units="4,000", equity_unit_price="12.5")

        owner_client.post(create_url(opportunity), data)

        assert Offer.objects.get(opportunity=opportunity).equity_value == Decimal("50000.00")

    def test_answers_htmx_with_the_offers_region_and_the_totals(
        self, owner_client, opportunity, htmx_headers
    ):
        response = owner_client.post(
            create_url(opportunity), offer_data(), headers=htmx_headers("offers")
        )

        content = assert_offers_region(response)
        assert "USD 267,750" in content  # average per year
        assert "USD 282,750" in content  # first year
        assert "Current" in content
        assert select(content, id="announcer", hx_swap_oob="innerHTML")
        assert "offers-changed" in json.loads(response.headers["HX-Trigger"])

    def test_shows_how_a_revised_offer_moved(self, owner_client, offer, htmx_headers):
        data = offer_data(version="revised", base_salary="192000", bonus_target_percent="10")
        data |= {"equity_grant_value": "", "sign_on_bonus": "0"}

        response = owner_client.post(
            create_url(offer.opportunity), data, headers=htmx_headers("offers")
        )

        content = assert_offers_region(response)
        # 12,000 more base and 1,200 more bonus.
        assert "+USD 13,200 a year" in content
        assert "against the initial offer" in content

    @pytest.mark.parametrize(("field", "typed", "message"), BAD_NUMBERS)
    def test_refuses_bad_numbers_and_keeps_what_was_typed(
        self, owner_client, opportunity, htmx_headers, field, typed, message
    ):
        response = owner_client.post(
            create_url(opportunity), offer_data(**{field: typed}), headers=htmx_headers("offers")
        )

        content = assert_offers_region(response)
        assert message in content
        if field != "currency":  # a choice that is not on the list cannot be shown as chosen
            assert select(content, "input", value=typed)
        assert texts(content, "textarea", name="benefits") == ["Health cover, 25 days off"]
        assert not Offer.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "field_message"),
        [
            ({"equity_grant_value": "", "equity_units": "100"}, "Add the price per unit"),
            ({"equity_grant_value": "", "equity_unit_price": "12"}, "Add how many units"),
            (
                {"equity_grant_value": "1000", "equity_units": "10", "equity_unit_price": "5"},
                "not both",
            ),
            (
                {"equity_grant_value": "", "equity_units": "1000000", "equity_unit_price": "5000"},
                "Check both numbers",
            ),
            ({"vesting_years": "1", "cliff_months": "13"}, "longer than the vesting period"),
            ({"deadline": days(-1)}, "before the day you received the offer"),
            ({"received_on": "1999-12-31"}, "Check the year"),
        ],
    )
    def test_explains_what_does_not_add_up(
        self, owner_client, opportunity, htmx_headers, overrides, field_message
    ):
        response = owner_client.post(
            create_url(opportunity), offer_data(**overrides), headers=htmx_headers("offers")
        )

        assert field_message in assert_offers_region(response)
        assert not Offer.objects.exists()

    def test_a_plain_post_with_bad_numbers_shows_the_form_page_with_the_errors(
        self, owner_client, opportunity
    ):
        response = owner_client.post(create_url(opportunity), offer_data(base_salary="-185000"))

        content = response.content.decode()
        assert response.status_code == 200
        assert "negotiation/offer_form.html" in [t.name for t in response.templates]
        assert "can&#x27;t be negative" in content
        assert select(content, "input", value="-185000")
        assert not Offer.objects.exists()

    def test_without_javascript_opens_a_form_filled_in_from_the_current_offer(
        self, owner_client, offer
    ):
        response = owner_client.get(create_url(offer.opportunity))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Record an offer" in content
        assert select(content, "form", action=create_url(offer.opportunity))
        # The current base, as a person would type it.
        assert select(content, "input", value="180000")
        assert select(content, "option", value="revised", selected=True)

    def test_ignores_an_opportunity_in_the_posted_data(self, owner, owner_client, opportunity):
        other = OpportunityFactory(owner=owner)

        owner_client.post(create_url(opportunity), offer_data(opportunity=other.pk))

        assert Offer.objects.get().opportunity == opportunity

    def test_returns_404_for_a_stranger_and_saves_nothing(self, stranger_client, opportunity):
        assert stranger_client.get(create_url(opportunity)).status_code == 404
        assert stranger_client.post(create_url(opportunity), offer_data()).status_code == 404
        assert not Offer.objects.exists()

    def test_refuses_a_post_without_the_csrf_token(self, owner, opportunity):
        client = Client(enforce_csrf_checks=True)
        client.force_login(owner)

        assert client.post(create_url(opportunity), offer_data()).status_code == 403
        assert not Offer.objects.exists()


class TestOfferEdit:
    def test_opens_the_form_in_place_with_the_offer_as_a_person_types_it(
        self, owner_client, offer, htmx_headers
    ):
        response = owner_client.get(edit_url(offer), headers=htmx_headers("offers"))

        content = assert_offers_region(response)
        assert "Edit the initial offer" in content
        assert select(content, "form", hx_post=edit_url(offer))
        assert select(content, "input", value="180000") and select(content, "input", value="10")
        assert select(content, autofocus=True)

    def test_without_javascript_is_a_page_of_its_own(self, owner_client, offer):
        response = owner_client.get(edit_url(offer))

        assert response.status_code == 200
        assert select(response, "html")
        assert "negotiation/offer_form.html" in [t.name for t in response.templates]

    def test_saves_the_correction_in_place(self, owner_client, offer, htmx_headers):
        data = offer_data(received_on=offer.received_on.isoformat(), base_salary="181000")

        response = owner_client.post(edit_url(offer), data, headers=htmx_headers("offers"))

        content = assert_offers_region(response)
        offer.refresh_from_db()
        assert offer.base_salary == Decimal("181000")
        assert "Saved the initial offer" in content
        assert "USD 181,000" in content

    def test_a_plain_post_redirects_to_the_offer_on_the_plan(self, owner_client, offer):
        data = offer_data(received_on=offer.received_on.isoformat())

        response = owner_client.post(edit_url(offer), data)

        assert response.status_code == 302
        assert response.url == f"{plan_url(offer.opportunity)}#offer-{offer.pk}"

    def test_keeps_typed_text_when_invalid_and_changes_nothing(
        self, owner_client, offer, htmx_headers
    ):
        data = offer_data(base_salary="two hundred k", version="final")

        response = owner_client.post(edit_url(offer), data, headers=htmx_headers("offers"))

        content = assert_offers_region(response)
        assert select(content, "input", value="two hundred k")
        assert "Enter a plain number" in content
        assert "Edit the initial offer" in content  # the heading says what is stored
        offer.refresh_from_db()
        assert (offer.base_salary, offer.version) == (Decimal("180000"), "initial")

    def test_returns_404_for_an_offer_of_another_opportunity(self, owner, owner_client, offer):
        elsewhere = OpportunityFactory(owner=owner)

        url = reverse("offer_edit", args=[elsewhere.pk, offer.pk])

        assert owner_client.get(url).status_code == 404

    def test_returns_404_for_a_stranger_and_changes_nothing(self, stranger_client, offer):
        response = stranger_client.post(edit_url(offer), offer_data(base_salary="1"))

        assert response.status_code == 404
        offer.refresh_from_db()
        assert offer.base_salary == Decimal("180000")


class TestOfferDelete:
    def test_asks_first_in_place(self, owner_client, offer, htmx_headers):
        response = owner_client.get(delete_url(offer), headers=htmx_headers("offers"))

        content = assert_offers_region(response)
        assert "Delete the initial offer of" in content
        assert select(content, hx_post=delete_url(offer))
        assert Offer.objects.filter(pk=offer.pk).exists()

    def test_without_javascript_asks_on_a_page_of_its_own(self, owner_client, offer):
        response = owner_client.get(delete_url(offer))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Delete the initial offer from Kestrel Routing?" in content
        assert select(content, "form", action=delete_url(offer))

    def test_deletes_and_the_version_before_becomes_current(
        self, owner_client, offer, htmx_headers
    ):
        revised = OfferFactory(opportunity=offer.opportunity, version=OfferVersion.REVISED)

        response = owner_client.post(delete_url(revised), headers=htmx_headers("offers"))

        content = assert_offers_region(response)
        assert not Offer.objects.filter(pk=revised.pk).exists()
        assert "Deleted the revised offer." in content
        assert texts(content, "span").count("Current") == 1
        assert select(content, id=f"offer-{offer.pk}", class_="card offer-card is-current")

    def test_a_plain_post_redirects_to_the_plan(self, owner_client, offer):
        response = owner_client.post(delete_url(offer))

        assert response.status_code == 302
        assert response.url == f"{plan_url(offer.opportunity)}#offers"
        assert not Offer.objects.exists()

    def test_returns_404_for_a_stranger_and_deletes_nothing(self, stranger_client, offer):
        assert stranger_client.post(delete_url(offer)).status_code == 404
        assert Offer.objects.filter(pk=offer.pk).exists()


class TestOffersPanel:
    def test_the_plan_shows_every_version_newest_first(self, owner_client, offer):
        revised = OfferFactory(
            opportunity=offer.opportunity,
            version=OfferVersion.REVISED,
            base_salary=Decimal("175000"),
        )

        content = owner_client.get(plan_url(offer.opportunity)).content.decode()

        assert position(content, id=f"offer-{revised.pk}") < position(
            content, id=f"offer-{offer.pk}"
        )
        assert "−USD 5,500 a year" in content  # it went down: say so plainly
        assert "replaced by a later version" in content
        assert "Compare with your other offers" in content

    def test_invites_the_first_offer_when_there_is_none(self, owner_client, opportunity):
        content = owner_client.get(plan_url(opportunity)).content.decode()

        assert "No offer recorded yet." in content
        assert "Record an offer" in texts(content, "h3")
        assert select(content, id="new-offer")  # open up front: there is nothing else to do

    def test_with_an_offer_the_next_version_is_a_button_that_opens_the_form(
        self, owner_client, offer, htmx_headers
    ):
        create_url = reverse("offer_create", args=[offer.opportunity_id])
        content = owner_client.get(plan_url(offer.opportunity)).content.decode()

        assert not select(content, id="new-offer")
        assert select(content, "a", href=create_url, hx_get=create_url)
        assert "Record a new version" in content

        opened = owner_client.get(create_url, headers=htmx_headers("offers")).content.decode()

        assert select(opened, id="new-offer")
        assert "Filled in from the current offer" in opened

    def test_escapes_what_the_user_wrote(self, owner_client, offer):
        offer.benefits = XSS
        offer.save()

        content = owner_client.get(plan_url(offer.opportunity)).content.decode()

        assert XSS not in content
        assert "&lt;script&gt;" in content
