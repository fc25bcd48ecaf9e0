"""The negotiation plan: one page, /opportunities/<id>/plan/, in the order the method teaches.

First what it takes to succeed (success asks, the conversations about them, red flags), then
the offers, then money (the collaborative ask and how it went). The page
(templates/negotiation/plan_detail.html) has these regions, each a ``{% partialdef %}`` whose
name is the DOM id of its root element:

- ``red-flags`` (top of the page), ``plan-progress`` (where the negotiation stands),
  ``success-asks``, ``conversations``, ``offers`` (negotiation/views/offers.py),
  ``money-sequence`` (the "success first" warning), ``money-ask`` and ``money-outcome``;
- a view answers with its region only when ``request.htmx.target`` names it, and otherwise with
  the whole page; what else a change affects comes along out of band (an ask declined outright
  brings the new red flag), and a short text for screen readers goes to the page's live region
  (``announce`` in negotiation/regions.py);
- a GET on an edit or delete URL is the page with that form (or the "are you sure?" step) open
  in place, so every action works without JavaScript; a plain POST that worked redirects back
  to the plan, anchored at what changed;
- the page opens with only the forms its next step needs: adding an ask or a conversation is
  a form up front while there is none, then a button (the create URL on GET, htmx or not);
  the red flag and "they refused" forms are links the same way; a saved money ask reads as
  text with "Edit your money ask" (money_ask_edit on GET), and stays a form after a draft.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from inplace.regions import deleted_meanwhile, focus_on, form_data, render_region, save_with
from missions.models import Objective
from negotiation import services
from negotiation.asking import LONG_RUN_PERCENT_WHO_GET_MORE, AskingRecord
from negotiation.forms import (
    AskStatusForm,
    ConversationForm,
    MoneyAskForm,
    MoneyAskOutcomeForm,
    PlanStageForm,
    RedFlagForm,
    RedFlagResolveForm,
    RefusedConversationForm,
    SuccessAskCreateForm,
    SuccessAskForm,
)
from negotiation.models import (
    AskStatus,
    Conversation,
    ConversationChannel,
    MoneyAsk,
    NegotiationPlan,
    RedFlagKind,
    SuccessAsk,
)
from negotiation.pdf import plan_pdf_response
from negotiation.permissions import (
    get_conversation_for,
    get_plan_for,
    get_red_flag_for,
    get_success_ask_for,
)
from negotiation.views.offers import offers_context, own_plan
from opportunities.models import Stage
from opportunities.services import change_stage

TEMPLATE = "negotiation/plan_detail.html"
REGIONS = (
    "red-flags",
    "plan-progress",
    "success-asks",
    "conversations",
    "offers",
    "money-sequence",
    "money-ask",
    "money-outcome",
)
READ_OR_WRITE = ("GET", "HEAD", "POST")
# What a change to the success asks or the red flags also changes elsewhere on the page.
ASKS_CHANGED = ("red-flags", "plan-progress", "money-sequence")
FLAGS_CHANGED = ("plan-progress", "money-sequence")
STAGE_HINTS = {
    Stage.OFFER: "Ask for what you need to succeed first, then for more money.",
    Stage.ACCEPTED: "Congratulations! Thank the people who helped you get here.",
    Stage.DECLINED: "Saying no to the wrong role keeps room for the right one.",
}


def _plan_context(
    request: HttpRequest, plan: NegotiationPlan, *, edit_money: bool = False, **state
) -> dict:
    """Everything the page and its regions show; ``state`` says which form is open."""
    opportunity = plan.opportunity
    prefetch_related_objects(
        [plan],
        Prefetch("asks", SuccessAsk.objects.select_related("objective")),
        Prefetch("conversations", Conversation.objects.prefetch_related("people")),
        "red_flags",
    )
    flags = plan.red_flags.all()
    open_flags = [flag for flag in flags if flag.is_open]
    objectives = list(Objective.objects.filter(mission__opportunity=opportunity))
    numbers = {objective.pk: n for n, objective in enumerate(objectives, start=1)}
    asks = plan.asks.all()
    for ask in asks:
        ask.objective_number = numbers.get(ask.objective_id)
    ask_counts = Counter(ask.status for ask in asks)
    ask_counts["raised"] = sum(ask.was_raised for ask in asks)
    offers = offers_context(plan)
    money_ask = MoneyAsk.objects.filter(plan=plan).first()
    current_offer = offers.get("current_offer")
    blank_ask = MoneyAsk(plan=plan, currency=current_offer.currency if current_offer else "")
    # The money ask is a form until it is saved, then text with an "Edit" button that opens
    # the form again (``edit_money``: money_ask_edit on GET, or right after a draft).
    money_form = None
    if edit_money or not money_ask:
        money_form = MoneyAskForm(instance=money_ask or blank_ask, plan=plan, auto_id="money-%s")
    return {
        **offers,
        "plan": plan,
        "opportunity": opportunity,
        "asks": asks,
        "ask_counts": ask_counts,
        "objectives": objectives,
        "live_success": plan.live_success_conversation,
        "open_flags": open_flags,
        "resolved_flags": [flag for flag in flags if not flag.is_open],
        "refused": any(f.kind == RedFlagKind.CONVERSATION_REFUSED for f in open_flags),
        "conversations": plan.conversations.all(),
        "money_ask": money_ask,
        "record": AskingRecord.of(request.user),
        "long_run_percent": LONG_RUN_PERCENT_WHO_GET_MORE,
        "status_choices": AskStatusForm.base_fields["status"].choices,
        "today": timezone.localdate(),
        # The forms to add an ask or log a conversation are open up front only while there is
        # none; otherwise a button fetches them (their create URL on GET), like the folded
        # red flag and "they refused" forms: the page renders only the fields in view.
        "ask_form": None
        if asks
        else SuccessAskCreateForm(opportunity=opportunity, auto_id="new-ask-%s"),
        "flag_form": None,
        "refused_form": None,
        "conversation_form": None
        if plan.conversations.all()
        else ConversationForm(opportunity=opportunity, auto_id="new-conversation-%s"),
        "money_form": money_form,
        "outcome_form": MoneyAskOutcomeForm(instance=money_ask, auto_id="outcome-%s"),
        "stage_form": PlanStageForm(initial={"stage": opportunity.stage}),
        **state,
    }


def _respond(
    request: HttpRequest, plan: NegotiationPlan, region: str | None, *, oob=(), **state
) -> HttpResponse:
    """Render ``region`` (and out-of-band regions) when HTMX targets it, else the whole page."""
    context = _plan_context(request, plan, **state)
    return render_region(
        request, TEMPLATE, context, region, regions=REGIONS, oob=oob, focus=state.values()
    )


def _saved(
    request: HttpRequest, plan: NegotiationPlan, region: str, *, anchor: str, message: str, oob=()
) -> HttpResponse:
    """After a successful write: the fresh region for HTMX, else a redirect to the plan."""
    if request.htmx.target == region:
        return focus_on(_respond(request, plan, region, oob=oob, announcement=message), anchor)
    messages.success(request, message)
    return redirect(f"{plan.get_absolute_url()}#{anchor}")


def _deleted(request: HttpRequest, pk: int, what: str, form_class) -> HttpResponse:
    """Editing a row deleted meanwhile: the plan as it is now, saying so."""
    plan = own_plan(request, pk)
    return deleted_meanwhile(request, what, form_class, lambda: _respond(request, plan, None))


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
        return render(request, "negotiation/plan_read.html", _plan_context(request, plan))
    plan = plan if plan.pk else services.ensure_plan(opportunity=plan.opportunity)
    return _respond(request, plan, request.htmx.target)


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
        return _respond(request, plan, None, stage_form=form)
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
        return _saved(
            request,
            plan,
            "success-asks",
            anchor=f"ask-{ask.pk}",
            message=f"Added “{ask.description}” to what you will ask for.",
            oob=ASKS_CHANGED,
        )
    return _respond(request, plan, "success-asks", ask_form=form)


def success_ask_edit(request: HttpRequest, pk: int, ask_pk: int) -> HttpResponse:
    """Edit a success ask in place: what, why, where it stands and what they said."""
    try:
        ask = get_success_ask_for(request.user, pk, ask_pk)
    except Http404:
        return _deleted(request, pk, "ask", SuccessAskForm)
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
            return _saved(request, plan, "success-asks", anchor=anchor, message=message, oob=oob)
    return _respond(request, plan, "success-asks", edit_ask_form=form)


@require_POST
def success_ask_status(request: HttpRequest, pk: int, ask_pk: int) -> HttpResponse:
    """Move a success ask to another status; declined without discussion raises a red flag."""
    ask = get_success_ask_for(request.user, pk, ask_pk)
    form = AskStatusForm(request.POST, auto_id=f"ask-{ask.pk}-status-%s")
    if not form.is_valid():
        return _respond(request, ask.plan, "success-asks", status_form=form, status_ask=ask)
    flag = services.set_ask_status(
        ask=ask,
        status=form.cleaned_data["status"],
        would_not_discuss=form.cleaned_data["would_not_discuss"],
    )
    label = AskStatus(ask.status).label.lower()
    if ask.refused_outright:
        label = "declined without discussion"
    return _saved(
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
        return _respond(request, ask.plan, "success-asks", delete_ask=ask)
    ask.delete()
    return _saved(
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
        return _respond(request, plan, "red-flags", flag_form=form)
    return _saved(
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
        return _respond(request, flag.plan, "red-flags", resolve_form=form)
    if services.resolve_red_flag(flag=flag, note=form.cleaned_data["resolution_note"]):
        message = f"Resolved the red flag “{flag.title}”."
    else:
        message = "That red flag was already resolved."
    return _saved(
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
        return _respond(request, plan, "success-asks", refused_form=form)
    _, created = services.record_refused_conversation(plan=plan, note=form.cleaned_data["note"])
    if created:
        message = "Recorded that they would not have the conversation."
    else:
        message = "That is already an open red flag on your plan."
    return _saved(
        request,
        plan,
        "success-asks",
        anchor="red-flags",
        message=_flag_raised(message, created),
        oob=ASKS_CHANGED,
    )


def _conversation_written(
    request: HttpRequest, form: ConversationForm, conversation: Conversation, message: str
) -> HttpResponse | None:
    """Save a valid conversation form with its people; None when the form has errors."""
    if not form.is_valid():
        return None
    try:
        services.record_conversation(
            conversation=conversation,
            people=form.cleaned_data["people"],
            expected_version=form.expected_version,
        )
    except ValidationError as error:
        form.show_conflict(error)
        return None
    if conversation.channel == ConversationChannel.EMAIL:
        message += " Next time, try to have it live: a call says more than a thread."
    return _saved(
        request,
        conversation.plan,
        "conversations",
        anchor=f"conversation-{conversation.pk}",
        message=message,
        oob=("plan-progress",),
    )


def conversation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a negotiation conversation: when, how, with whom, what was said and agreed."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    conversation = Conversation(plan=plan)
    form = ConversationForm(
        form_data(request),
        instance=conversation,
        opportunity=plan.opportunity,
        auto_id="new-conversation-%s",
    )
    if response := _conversation_written(request, form, conversation, "Logged the conversation."):
        return response
    return _respond(request, plan, "conversations", conversation_form=form)


def conversation_edit(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    """Edit a logged conversation in place."""
    try:
        conversation = get_conversation_for(request.user, pk, conversation_pk)
    except Http404:
        return _deleted(request, pk, "conversation", ConversationForm)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = ConversationForm(
        form_data(request),
        instance=conversation,
        opportunity=conversation.plan.opportunity,
        auto_id=f"conversation-{conversation.pk}-%s",
    )
    if response := _conversation_written(request, form, conversation, "Saved the conversation."):
        return response
    return _respond(request, conversation.plan, "conversations", edit_conversation_form=form)


def conversation_delete(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    """Ask first (GET), then delete a logged conversation (POST)."""
    conversation = get_conversation_for(request.user, pk, conversation_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    plan = conversation.plan
    if request.method != "POST":
        return _respond(request, plan, "conversations", delete_conversation=conversation)
    conversation.delete()
    return _saved(
        request,
        plan,
        "conversations",
        anchor="conversations",
        message=f"Deleted the conversation of {conversation.happened_on:%-d %b %Y}.",
        oob=("plan-progress",),
    )


def _money_form(request: HttpRequest, plan: NegotiationPlan) -> MoneyAskForm:
    instance = MoneyAsk.objects.filter(plan=plan).first() or MoneyAsk(plan=plan)
    return MoneyAskForm(form_data(request), instance=instance, plan=plan, auto_id="money-%s")


def _drafted(request: HttpRequest, plan: NegotiationPlan, message: str) -> HttpResponse:
    """After a draft the form stays open, the cursor in the new script, to make it one's own."""
    if request.htmx.target != "money-ask":
        messages.success(request, message)
        return redirect(f"{reverse('money_ask_edit', args=[plan.opportunity_id])}#money-script")
    context = _plan_context(request, plan, edit_money=True, announcement=message)
    response = render_region(
        request, TEMPLATE, context, "money-ask", regions=REGIONS, oob=("plan-progress",)
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
            return _saved(
                request,
                plan,
                "money-ask",
                anchor="money-ask",
                message=message,
                oob=("plan-progress",),
            )
    return _respond(request, plan, "money-ask", money_form=form)


def money_ask_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The money ask: target, walk-away number, deal-breakers, honest reasons and the script."""
    plan = own_plan(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if request.method != "POST":
        return focus_on(_respond(request, plan, "money-ask", edit_money=True), "money-currency")
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
        return _saved(
            request,
            plan,
            "money-outcome",
            anchor="money-outcome",
            message="Recorded how your ask went.",
            oob=("plan-progress",),
        )
    return _respond(request, plan, "money-outcome", outcome_form=form)
