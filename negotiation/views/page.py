"""The negotiation plan page, /opportunities/<id>/plan/, declared once: its regions and what each
shows. The views in plans.py, conversations.py, money.py and offers.py answer through ``PLAN``.

The page (templates/negotiation/plan_detail.html) follows the method's order: first what it
takes to succeed (success asks, the conversations about them, red flags), then the offers,
then money. Its regions, each a ``{% partialdef %}`` named after its root element's DOM id:
``red-flags`` (top of the page), ``plan-progress`` (where the negotiation stands),
``success-asks``, ``conversations``, ``offers``, ``money-sequence`` (the "success first"
warning), ``money-ask`` and ``money-outcome``. An htmx request computes only its region's
context; what else a change affects comes along out of band (``ASKS_CHANGED``...).

The page opens with only the forms its next step needs: adding an ask or a conversation is a
form up front while there is none, then a button (the create URL on GET, htmx or not); a
saved money ask reads as text with "Edit your money ask", and stays a form after a draft.
"""

from collections import Counter

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from inplace.regions import Page
from missions.models import Objective
from negotiation import services
from negotiation.asking import LONG_RUN_PERCENT_WHO_GET_MORE, AskingRecord
from negotiation.comparison import PARTS, offer_versions
from negotiation.forms import (
    AskStatusForm,
    ConversationForm,
    MoneyAskForm,
    MoneyAskOutcomeForm,
    OfferForm,
    PlanStageForm,
    SuccessAskCreateForm,
)
from negotiation.models import (
    Conversation,
    MoneyAsk,
    NegotiationPlan,
    Offer,
    OfferVersion,
    RedFlagKind,
)
from negotiation.permissions import get_plan_for

TEMPLATE = "negotiation/plan_detail.html"
# What a change to the success asks or the red flags also changes elsewhere on the page.
ASKS_CHANGED = ("red-flags", "plan-progress", "money-sequence")
FLAGS_CHANGED = ("plan-progress", "money-sequence")
# Carried from the current offer into the form for the next version: change what moved.
CARRIED = tuple(name for name in OfferForm.Meta.fields if name not in ("version", "received_on"))


def own_plan(request: HttpRequest, pk: int):
    """The user's own plan (saved the first time it is opened); 403 or 404 for anyone else."""
    plan, _ = get_plan_for(request.user, pk)
    return plan if plan.pk else services.ensure_plan(opportunity=plan.opportunity)


def new_offer_form(offers: list[Offer], data: QueryDict | None = None) -> OfferForm:
    """The form for the next version, filled in from the current offer when there is one."""
    initial = {}
    if offers:
        initial = {name: getattr(offers[0], name) for name in CARRIED}
        initial["version"] = OfferVersion.REVISED
    return OfferForm(data, initial=initial, auto_id="offer-new-%s")


def offers_context(plan: NegotiationPlan, **state) -> dict:
    """What the plan page's ``offers`` region shows; ``state`` says which form is open.

    The form for a new offer is open up front only while there is none; with offers recorded,
    "Record a new version" fetches it (``offer_create`` on GET), so the page does not build
    and render a dozen fields most visits never touch.
    """
    offers = list(plan.opportunity.offers.all())
    return {
        "plan": plan,
        "opportunity": plan.opportunity,
        "offers": offers,
        "offer_versions": offer_versions(offers),
        "current_offer": offers[0] if offers else None,
        "offer_form": None if offers else new_offer_form(offers),
        "offer_parts": PARTS,
        **state,
    }


def _part(state, keys: tuple[str, ...], load) -> dict:
    """Values another region of the same render already worked out, else ``load()`` them."""
    if all(key in state for key in keys):
        return {key: state[key] for key in keys}
    return load()


def _objectives(plan: NegotiationPlan, state) -> dict:
    return _part(
        state,
        ("objectives",),
        lambda: {
            "objectives": list(Objective.objects.filter(mission__opportunity=plan.opportunity_id))
        },
    )


def _asks(plan: NegotiationPlan, state) -> dict:
    def load():
        objectives = _objectives(plan, state)["objectives"]
        numbers = {objective.pk: n for n, objective in enumerate(objectives, start=1)}
        asks = list(plan.asks.select_related("objective"))
        for ask in asks:
            ask.objective_number = numbers.get(ask.objective_id)
        counts = Counter(ask.status for ask in asks)
        counts["raised"] = sum(ask.was_raised for ask in asks)
        return {"objectives": objectives, "asks": asks, "ask_counts": counts}

    return _part(state, ("objectives", "asks", "ask_counts"), load)


def _flags(plan: NegotiationPlan, state) -> dict:
    def load():
        flags = list(plan.red_flags.all())
        open_flags = [flag for flag in flags if flag.is_open]
        return {
            "open_flags": open_flags,
            "resolved_flags": [flag for flag in flags if not flag.is_open],
            "refused": any(f.kind == RedFlagKind.CONVERSATION_REFUSED for f in open_flags),
        }

    return _part(state, ("open_flags", "resolved_flags", "refused"), load)


def _conversations(plan: NegotiationPlan, state) -> dict:
    def load():
        people = Prefetch("conversations", Conversation.objects.prefetch_related("people"))
        prefetch_related_objects([plan], people)
        return {
            "conversations": plan.conversations.all(),
            "live_success": plan.live_success_conversation,
        }

    return _part(state, ("conversations", "live_success"), load)


def _money(plan: NegotiationPlan, state) -> dict:
    return _part(
        state, ("money_ask",), lambda: {"money_ask": MoneyAsk.objects.filter(plan=plan).first()}
    )


def _offers(plan: NegotiationPlan, state) -> dict:
    return _part(state, ("offers", "current_offer"), lambda: offers_context(plan))


def _record(request: HttpRequest, state) -> dict:
    return _part(state, ("record",), lambda: {"record": AskingRecord.of(request.user)})


def _red_flags_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    return {**_flags(plan, state), "flag_form": None}


def _progress_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    parts = (_asks, _flags, _conversations, _money, _offers)
    return {key: value for part in parts for key, value in part(plan, state).items()}


def _asks_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    asks = _asks(plan, state)
    # The form to add an ask is open up front only while there is none; otherwise a button
    # fetches it (its create URL on GET), like the folded "they refused" form.
    form = SuccessAskCreateForm(opportunity=plan.opportunity, auto_id="new-ask-%s")
    return {
        **asks,
        **_flags(plan, state),
        **_record(request, state),
        "status_choices": AskStatusForm.base_fields["status"].choices,
        "ask_form": None if asks["asks"] else form,
        "refused_form": None,
    }


def _conversations_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    conversations = _conversations(plan, state)
    form = ConversationForm(opportunity=plan.opportunity, auto_id="new-conversation-%s")
    return {
        **conversations,
        **_objectives(plan, state),
        "conversation_form": None if conversations["conversations"] else form,
    }


def _sequence_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    return {**_asks(plan, state), **_flags(plan, state)}


def _money_ask_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    """The money ask is a form until it is saved, then text with an "Edit" button that opens the
    form again (``edit_money``: money_ask_edit on GET, or right after a draft)."""
    money_ask = _money(plan, state)["money_ask"]
    form = None
    if state.get("edit_money") or not money_ask:
        current = _offers(plan, state)["current_offer"]
        blank = MoneyAsk(plan=plan, currency=current.currency if current else "")
        form = MoneyAskForm(instance=money_ask or blank, plan=plan, auto_id="money-%s")
    return {"money_ask": money_ask, "money_form": form}


def _money_outcome_region(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    money_ask = _money(plan, state)["money_ask"]
    return {
        "money_ask": money_ask,
        **_record(request, state),
        "long_run_percent": LONG_RUN_PERCENT_WHO_GET_MORE,
        "outcome_form": MoneyAskOutcomeForm(instance=money_ask, auto_id="outcome-%s"),
    }


def _whole_page(request: HttpRequest, plan: NegotiationPlan, state) -> dict:
    return {"stage_form": PlanStageForm(initial={"stage": plan.opportunity.stage})}


PLAN = Page(
    TEMPLATE,
    url=NegotiationPlan.get_absolute_url,
    shared=lambda plan: {
        "plan": plan,
        "opportunity": plan.opportunity,
        "today": timezone.localdate(),
    },
    regions={
        "red-flags": _red_flags_region,
        "plan-progress": _progress_region,
        "success-asks": _asks_region,
        "conversations": _conversations_region,
        "offers": lambda request, plan, state: _offers(plan, state),
        "money-sequence": _sequence_region,
        "money-ask": _money_ask_region,
        "money-outcome": _money_outcome_region,
    },
    whole=_whole_page,
    # What the regions show moves the opportunity's revision on, but the day (deadlines count
    # down) and the user's asking record across all their plans.
    key=lambda request, plan: (
        *plan.opportunity.cache_identity,
        timezone.localdate(),
        AskingRecord.of(request.user),
    ),
)
