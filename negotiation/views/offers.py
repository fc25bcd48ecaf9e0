"""Offers: recorded on an opportunity's negotiation plan, compared across opportunities.

On the plan page (templates/negotiation/plan_detail.html) the offers are one region, the
``{% partialdef offers %}`` whose root is ``<section id="offers">``; its body is
templates/negotiation/includes/offers_panel.html and its context comes from
``offers_context(plan)`` in page.py. Every offer action targets that region:

- a view answers with the region when ``request.htmx.target == "offers"``;
- without JavaScript, GET on the create, edit or delete URL is a page of its own (the form,
  or "are you sure?"), a plain POST that worked redirects to the plan, and a refused one
  comes back as that page with the errors and what was typed.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import trigger_client_event

from inplace.regions import form_data
from negotiation import services
from negotiation.comparison import PARTS, by_currency, current_offers
from negotiation.forms import OfferForm
from negotiation.models import NegotiationPlan, Offer
from negotiation.permissions import get_offer_for
from negotiation.templatetags.money import money
from negotiation.views.page import PLAN, new_offer_form, own_plan

REGION = "offers"
FORM_PAGE = "negotiation/offer_form.html"
DELETE_PAGE = "negotiation/offer_delete.html"
# Sent with every change, so other parts of the plan page can refresh what depends on offers.
OFFERS_CHANGED = "offers-changed"


def _respond(
    request: HttpRequest, plan: NegotiationPlan, page: str = FORM_PAGE, **state
) -> HttpResponse:
    """The region for htmx; otherwise the offer's own page (form or confirmation)."""
    form = state.get("form")
    if form is not None and not form.is_bound:
        form.fields["base_salary"].widget.attrs["autofocus"] = True
    return PLAN.respond(request, plan, REGION, fallback=page, cursor=False, **state)


def _saved(request: HttpRequest, plan: NegotiationPlan, message: str, anchor: str) -> HttpResponse:
    """After a write: the fresh region for htmx (and word to the regions that show offers), a
    redirect back to the plan otherwise."""
    response = PLAN.saved(
        request, plan, REGION, anchor=anchor, message=message, offers_status=message
    )
    return trigger_client_event(response, OFFERS_CHANGED) if request.htmx else response


def _summary(offer: Offer) -> str:
    average = money(offer.average_yearly_total, offer.currency)
    return f"the {offer.get_version_display().lower()} offer: {average} a year on average"


@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a version of an offer; the first one moves the opportunity to the offer stage."""
    plan = own_plan(request, pk)
    opportunity = plan.opportunity
    form = new_offer_form(list(opportunity.offers.all()), form_data(request))
    if not form.is_valid():
        return _respond(request, plan, adding=True, offer_form=form, form=form)
    offer = form.save(commit=False)
    offer.opportunity = opportunity
    message = f"Recorded {_summary(offer)}."
    try:
        stage_moved = services.record_offer(offer=offer)
    except ValidationError as error:
        form.add_error(None, error)
        return _respond(request, plan, adding=True, offer_form=form, form=form)
    if stage_moved:
        message += " The opportunity is now at the offer stage."
    return _saved(request, plan, message, anchor=f"offer-{offer.pk}")


@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    """Correct a recorded offer in place."""
    offer = get_offer_for(request.user, pk, offer_pk)
    plan = own_plan(request, pk)
    form = OfferForm(form_data(request), instance=offer, auto_id=f"offer-{offer.pk}-%s")
    if form.is_valid():
        services.correct_offer(offer=form.save(commit=False))
        return _saved(request, plan, f"Saved {_summary(offer)}.", anchor=f"offer-{offer.pk}")
    if form.is_bound:
        offer.refresh_from_db()  # headings show what is saved; the fields keep what was typed
    return _respond(request, plan, edited_offer=offer, edit_form=form, form=form)


@require_http_methods(["GET", "POST"])
def offer_delete(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    """Ask first (GET), then delete one version of an offer (POST)."""
    offer = get_offer_for(request.user, pk, offer_pk)
    plan = own_plan(request, pk)
    if request.method != "POST":
        return _respond(request, plan, DELETE_PAGE, deleted_offer=offer)
    label = offer.get_version_display().lower()
    services.delete_offer(offer=offer)
    return _saved(request, plan, f"Deleted the {label} offer.", anchor=REGION)


@require_safe
def offer_compare(request: HttpRequest) -> HttpResponse:
    """Every current offer side by side, by currency, with how well each sets you up to succeed."""
    offers = list(current_offers(request.user))
    groups = by_currency(offers)
    context = {"groups": groups, "offer_count": len(offers), "offer_parts": PARTS}
    return render(request, "negotiation/offer_compare.html", context)
