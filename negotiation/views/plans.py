"""The negotiation plan's own views: the page, its prep sheet, the stage, the success asks and
the red flags. The page and its regions are declared in page.py (``PLAN``): every view here
answers with its region for htmx, else with the whole page; a GET on an edit or delete URL is
the page with that form (or the "are you sure?" step) open in place, so every action works
without JavaScript, and a plain POST that worked redirects back, anchored at what changed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from inplace.regions import form_data, save_with
from negotiation import services
from negotiation.forms import (
    AskStatusForm,
    PlanStageForm,
    RedFlagForm,
    RedFlagResolveForm,
    RefusedConversationForm,
    SuccessAskCreateForm,
    SuccessAskForm,
)
from negotiation.models import AskStatus
from negotiation.pdf import plan_pdf_response
from negotiation.permissions import get_plan_for, get_red_flag_for, get_success_ask_for
from negotiation.views.page import ASKS_CHANGED, FLAGS_CHANGED, PLAN, own_plan
from opportunities.models import Stage
from opportunities.services import change_stage

READ_OR_WRITE = ("GET", "HEAD", "POST")
STAGE_HINTS = {
    Stage.OFFER: "Ask for what you need to succeed first, then for more money.",
    Stage.ACCEPTED: "Congratulations! Thank the people who helped you get here.",
    Stage.DECLINED: "Saying no to the wrong role keeps room for the right one.",
}


def _flag_raised(message: str, flag) -> str:
    return f"{message} A red flag is now at the top of your plan." if flag else message


@require_safe
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The negotiation plan: success asks, conversations, red flags, offers, the money ask.

    A member of a council the plan is shared with reads it here, figures included (the owner
    chose to share them), with the council's comments; every write of theirs is a 403.
    """
    plan, rights = get_plan_for(request.user, pk, edit=False)
    if not rights.owner:
        context = PLAN.context(request, plan, None)
        return render(request, "negotiation/plan_read.html", context)
    plan = plan if plan.pk else services.ensure_plan(opportunity=plan.opportunity)
    return PLAN.respond(request, plan, request.htmx.target)


@require_safe
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page prep sheet to read before the call; private to the owner."""
    return plan_pdf_response(own_plan(request, pk))


@require_POST
def plan_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the opportunity to offer, accepted or declined from the plan."""
    plan = own_plan(request, pk)
    form = PlanStageForm(request.POST)
    if not form.is_valid():
        return PLAN.respond(request, plan, None, stage_form=form)
    stage = form.cleaned_data["stage"]
    if change_stage(opportunity=plan.opportunity, stage=stage):
        message = f"Moved to {Stage(stage).label}. {STAGE_HINTS.get(stage, '')}".strip()
    else:
        message = f"It is already at {Stage(stage).label}: nothing changed."
    messages.success(request, message)
    return redirect(f"{plan.get_absolute_url()}#plan-stage")


def success_ask_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a success ask: something the user needs to hit the mission's objectives."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = SuccessAskCreateForm(
        form_data(request), opportunity=plan.opportunity, auto_id="new-ask-%s"
    )
    if ask := save_with(form, services.add_success_ask, plan=plan):
        return PLAN.saved(
            request,
            plan,
            "success-asks",
            anchor=f"ask-{ask.pk}",
            message=f"Added “{ask.description}” to what you will ask for.",
            oob=ASKS_CHANGED,
        )
    return PLAN.respond(request, plan, "success-asks", ask_form=form)


def success_ask_edit(request: HttpRequest, pk: int, ask_pk: int) -> HttpResponse:
    """Edit a success ask in place: what, why, where it stands and what they said."""
    try:
        ask = get_success_ask_for(request.user, pk, ask_pk)
    except Http404:
        return PLAN.deleted(request, own_plan(request, pk), "ask", SuccessAskForm)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    plan = ask.plan
    form = SuccessAskForm(
        form_data(request), instance=ask, opportunity=plan.opportunity, auto_id=f"ask-{ask.pk}-%s"
    )
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SUCCESS_ASK_FIELDS}
        try:
            flag = services.update_success_ask(
                ask=ask, expected_version=form.expected_version, **fields
            )
        except ValidationError as error:
            form.show_conflict(error)
        else:
            message = _flag_raised("Saved the ask.", flag)
            anchor = f"ask-{ask.pk}"
            oob = ASKS_CHANGED
            return PLAN.saved(
                request, plan, "success-asks", anchor=anchor, message=message, oob=oob
            )
    return PLAN.respond(request, plan, "success-asks", edit_ask_form=form)


@require_POST
def success_ask_status(request: HttpRequest, pk: int, ask_pk: int) -> HttpResponse:
    """Move a success ask to another status; declined without discussion raises a red flag."""
    ask = get_success_ask_for(request.user, pk, ask_pk)
    form = AskStatusForm(request.POST, auto_id=f"ask-{ask.pk}-status-%s")
    if not form.is_valid():
        return PLAN.respond(request, ask.plan, "success-asks", status_form=form, status_ask=ask)
    flag = services.set_ask_status(
        ask=ask,
        status=form.cleaned_data["status"],
        would_not_discuss=form.cleaned_data["would_not_discuss"],
    )
    label = AskStatus(ask.status).label.lower()
    if ask.refused_outright:
        label = "declined without discussion"
    return PLAN.saved(
        request,
        ask.plan,
        "success-asks",
        anchor=f"ask-{ask.pk}",
        message=_flag_raised(f"Marked “{ask.description}” as {label}.", flag),
        oob=ASKS_CHANGED,
    )


def success_ask_delete(request: HttpRequest, pk: int, ask_pk: int) -> HttpResponse:
    """Ask first (GET), then delete a success ask (POST); its red flag stays on the plan."""
    ask = get_success_ask_for(request.user, pk, ask_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if request.method != "POST":
        return PLAN.respond(request, ask.plan, "success-asks", delete_ask=ask)
    services.delete_plan_row(row=ask)
    return PLAN.saved(
        request,
        ask.plan,
        "success-asks",
        anchor="success-asks",
        message=f"Deleted “{ask.description}”.",
        oob=ASKS_CHANGED,
    )


def red_flag_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Note a red flag by hand: a warning sign about the employer."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = RedFlagForm(form_data(request), auto_id="new-flag-%s")
    if not (flag := save_with(form, services.note_red_flag, plan=plan)):
        return PLAN.respond(request, plan, "red-flags", flag_form=form)
    return PLAN.saved(
        request,
        plan,
        "red-flags",
        anchor=f"red-flag-{flag.pk}",
        message=f"Noted the red flag “{flag.title}”.",
        oob=FLAGS_CHANGED,
    )


def red_flag_resolve(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    """Open (GET) and send (POST) the note that resolves a red flag."""
    flag = get_red_flag_for(request.user, pk, flag_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = RedFlagResolveForm(form_data(request), instance=flag, auto_id=f"red-flag-{flag.pk}-%s")
    if not form.is_valid():
        return PLAN.respond(request, flag.plan, "red-flags", resolve_form=form)
    if services.resolve_red_flag(flag=flag, note=form.cleaned_data["resolution_note"]):
        message = f"Resolved the red flag “{flag.title}”."
    else:
        message = "That red flag was already resolved."
    return PLAN.saved(
        request, flag.plan, "red-flags", anchor="red-flags", message=message, oob=FLAGS_CHANGED
    )


def success_conversation_refused(request: HttpRequest, pk: int) -> HttpResponse:
    """Open (GET) and send (POST) the note that the employer refused the success conversation
    altogether: a red flag."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = RefusedConversationForm(form_data(request), auto_id="refused-%s")
    if not form.is_valid():
        return PLAN.respond(request, plan, "success-asks", refused_form=form)
    _, created = services.record_refused_conversation(plan=plan, note=form.cleaned_data["note"])
    if created:
        message = "Recorded that they would not have the conversation."
    else:
        message = "That is already an open red flag on your plan."
    return PLAN.saved(
        request,
        plan,
        "success-asks",
        anchor="red-flags",
        message=_flag_raised(message, created),
        oob=ASKS_CHANGED,
    )
