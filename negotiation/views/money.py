"""The money ask of a negotiation plan, after the success asks: target, walk-away number,
deal-breakers, honest reasons, the collaborative script and how it went (page.py's
``money-ask`` and ``money-outcome`` regions)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from inplace.regions import focus_on, form_data, save_with
from negotiation import services
from negotiation.forms import MoneyAskForm, MoneyAskOutcomeForm
from negotiation.models import MoneyAsk, NegotiationPlan
from negotiation.views.page import PLAN, own_plan

READ_OR_WRITE = ("GET", "HEAD", "POST")


def _money_form(request: HttpRequest, plan: NegotiationPlan) -> MoneyAskForm:
    instance = MoneyAsk.objects.filter(plan=plan).first() or MoneyAsk(plan=plan)
    return MoneyAskForm(form_data(request), instance=instance, plan=plan, auto_id="money-%s")


def _drafted(request: HttpRequest, plan: NegotiationPlan, message: str) -> HttpResponse:
    """After a draft the form stays open, the cursor in the new script, to make it one's own."""
    if request.htmx.target != "money-ask":
        messages.success(request, message)
        return redirect(f"{reverse('money_ask_edit', args=[plan.opportunity_id])}#money-script")
    response = PLAN.respond(
        request, plan, "money-ask", oob=("plan-progress",), edit_money=True, announcement=message
    )
    return focus_on(response, "money-script")


def _save_money(
    request: HttpRequest, plan: NegotiationPlan, write, message: str, *, draft: bool = False
) -> HttpResponse:
    """Save the money ask form through ``write``; a stale or refused save keeps what was typed."""
    form = _money_form(request, plan)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MONEY_ASK_FIELDS}
        try:
            write(plan=plan, expected_version=form.expected_version, **fields)
        except ValidationError as error:
            form.show_conflict(error, saved=MoneyAsk.objects.filter(plan=plan).first())
        else:
            if draft:
                plan.refresh_from_db(fields=["version"])
                return _drafted(request, plan, message)
            return PLAN.saved(
                request,
                plan,
                "money-ask",
                anchor="money-ask",
                message=message,
                oob=("plan-progress",),
            )
    return PLAN.respond(request, plan, "money-ask", money_form=form)


def money_ask_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The money ask: target, walk-away number, deal-breakers, honest reasons and the script."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if request.method != "POST":
        return focus_on(PLAN.respond(request, plan, "money-ask", edit_money=True), "money-currency")
    return _save_money(request, plan, services.save_money_ask, "Saved your money ask.")


@require_POST
def money_ask_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the money ask and draft the collaborative script from the user's reasons."""
    plan = own_plan(request, pk)
    message = "Drafted your ask from your reasons. Make it sound like you, then save it."
    return _save_money(request, plan, services.draft_money_script, message, draft=True)


@require_POST
def money_ask_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how the money ask went: when, for how much, and what they offered after."""
    plan = own_plan(request, pk)
    instance = MoneyAsk.objects.filter(plan=plan).first() or MoneyAsk(plan=plan)
    form = MoneyAskOutcomeForm(request.POST, instance=instance, auto_id="outcome-%s")
    if save_with(form, services.record_money_outcome, plan=plan):
        return PLAN.saved(
            request,
            plan,
            "money-outcome",
            anchor="money-outcome",
            message="Recorded how your ask went.",
            oob=("plan-progress",),
        )
    return PLAN.respond(request, plan, "money-outcome", outcome_form=form)
