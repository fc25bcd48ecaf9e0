"""The conversations of a negotiation plan: when, how, with whom, what was said and agreed.
Logged in place on the plan page (page.py's ``conversations`` region)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from inplace.regions import form_data
from negotiation import services
from negotiation.forms import ConversationForm
from negotiation.models import Conversation, ConversationChannel
from negotiation.permissions import get_conversation_for
from negotiation.views.page import PLAN, own_plan

READ_OR_WRITE = ("GET", "HEAD", "POST")


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
    return PLAN.saved(
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
    return PLAN.respond(request, plan, "conversations", conversation_form=form)


def conversation_edit(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    """Edit a logged conversation in place."""
    try:
        conversation = get_conversation_for(request.user, pk, conversation_pk)
    except Http404:
        return PLAN.deleted(request, own_plan(request, pk), "conversation", ConversationForm)
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
    return PLAN.respond(request, conversation.plan, "conversations", edit_conversation_form=form)


def conversation_delete(request: HttpRequest, pk: int, conversation_pk: int) -> HttpResponse:
    """Ask first (GET), then delete a logged conversation (POST)."""
    conversation = get_conversation_for(request.user, pk, conversation_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    plan = conversation.plan
    if request.method != "POST":
        return PLAN.respond(request, plan, "conversations", delete_conversation=conversation)
    services.delete_plan_row(row=conversation)
    return PLAN.saved(
        request,
        plan,
        "conversations",
        anchor="conversations",
        message=f"Deleted the conversation of {conversation.happened_on:%-d %b %Y}.",
        oob=("plan-progress",),
    )
