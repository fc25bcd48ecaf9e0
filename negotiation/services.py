"""Writes to negotiation plans and offers: keyword-only, atomic functions the views call."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from inplace.ordering import next_position
from inplace.versions import claim_version
from missions.models import Objective
from negotiation.asking import draft_collaborative_ask
from negotiation.models import (
    AskStatus,
    Conversation,
    MoneyAsk,
    NegotiationPlan,
    Offer,
    RedFlag,
    RedFlagKind,
    SuccessAsk,
)
from opportunities.models import Opportunity, Person, Stage
from opportunities.services import bump_revision, change_stage, locked_stage

# Offers: recording one means the opportunity has reached the offer stage.

BEFORE_OFFER = (Stage.EXPLORING, Stage.APPLIED, Stage.INTERVIEWING)


@transaction.atomic
def record_offer(*, offer: Offer) -> bool:
    """Save a new offer version; move its opportunity to the offer stage if it was before it.

    Returns True when the stage moved.
    """
    # Serialise offers of one opportunity, so two posts at once cannot both pass the count.
    list(Opportunity.objects.select_for_update().filter(pk=offer.opportunity_id).values_list("pk"))
    _check_room(
        Offer.objects.filter(opportunity_id=offer.opportunity_id),
        NegotiationPlan.MAX_OFFERS,
        "An opportunity holds at most {limit} offer versions. Correct the latest one instead of "
        "recording another.",
    )
    offer.save()
    bump_revision(offer.opportunity_id)
    if locked_stage(offer.opportunity) not in BEFORE_OFFER:
        return False
    return change_stage(opportunity=offer.opportunity, stage=Stage.OFFER)


@transaction.atomic
def correct_offer(*, offer: Offer) -> Offer:
    """Save a correction to a recorded offer version."""
    offer.save()
    bump_revision(offer.opportunity_id)
    return offer


@transaction.atomic
def delete_offer(*, offer: Offer) -> None:
    offer.delete()
    bump_revision(offer.opportunity_id)


# Negotiation plans: first what it takes to succeed, then money. Red flags are raised here, from
# what the user records, never in save() or a signal.

SUCCESS_ASK_FIELDS = (
    "category",
    "description",
    "amount",
    "currency",
    "objective",
    "priority",
    "status",
    "would_not_discuss",
    "employer_response",
)
MONEY_ASK_FIELDS = (
    "currency",
    "target_base",
    "target_total",
    "walk_away",
    "deal_breakers",
    "reasons",
    "script",
)
MONEY_OUTCOME_FIELDS = ("asked_on", "asked_amount", "offered_before", "offered_after", "outcome")

ASK_NOT_DISCUSSED_WHY = (
    "An employer who will not even talk about what the role needs to succeed may not back you "
    "once you start. Ask once more, live, what would make it possible, and weigh the answer "
    "before you talk about money."
)
CONVERSATION_REFUSED_TITLE = "They would not talk about what it takes to succeed"
CONVERSATION_REFUSED_WHY = (
    "You asked to talk through what the role needs — budget, people, time — and they declined "
    "the conversation altogether. Take it seriously: the support you get before you sign is "
    "usually the most you will get after. Ask once more, live, and talk it over with your council."
)


def _lock_plan(plan_id: int) -> None:
    """Serialise writes to one plan, so a red flag is raised once however often a form is sent;
    every write to a plan starts here, so it also moves the opportunity's revision on."""
    locked = NegotiationPlan.objects.select_for_update().filter(pk=plan_id)
    for opportunity_id in locked.values_list("opportunity_id", flat=True):
        bump_revision(opportunity_id)


def _check_room(rows: QuerySet, limit: int, message: str) -> None:
    """Refuse to add a row beyond ``limit``; ``message`` says so in plain words."""
    if rows.count() >= limit:
        raise ValidationError(message.format(limit=limit), code="limit")


def _check_objective(plan: NegotiationPlan, objective: Objective | None) -> None:
    if objective is None:
        return
    if not Objective.objects.filter(
        pk=objective.pk, mission__opportunity_id=plan.opportunity_id
    ).exists():
        raise ValidationError(
            {"objective": "Choose one of this opportunity's objectives."}, code="foreign_objective"
        )


def _ask_red_flag(ask: SuccessAsk) -> RedFlag:
    serves = f"It serves “{ask.objective.title}”. " if ask.objective_id else ""
    return RedFlag(
        plan_id=ask.plan_id,
        ask=ask,
        kind=RedFlagKind.ASK_NOT_DISCUSSED,
        title=f"They would not discuss: {ask.description}"[:200],
        explanation=f"You asked for “{ask.description.rstrip('.')}”. {serves}They would not "
        f"even discuss it. {ASK_NOT_DISCUSSED_WHY}",
    )


def _sync_ask_red_flag(ask: SuccessAsk) -> RedFlag | None:
    """Raise the ask's red flag when it was refused outright; close it when that is no longer so.

    Return the flag when one was raised just now.
    """
    open_flag = RedFlag.objects.open().filter(ask=ask).first()
    if ask.refused_outright:
        if open_flag is not None:
            return None
        flag = _ask_red_flag(ask)
        flag.save()
        return flag
    if open_flag is not None and open_flag.kind == RedFlagKind.ASK_NOT_DISCUSSED:
        if ask.status == AskStatus.DECLINED:
            note = "Closed when you noted that they did discuss this ask after all."
        else:
            note = f"Closed when you changed this ask to “{ask.get_status_display()}”."
        open_flag.resolved_at = timezone.now()
        open_flag.resolution_note = note
        open_flag.save(update_fields=["resolved_at", "resolution_note"])
    return None


@transaction.atomic
def ensure_plan(*, opportunity: Opportunity) -> NegotiationPlan:
    """The opportunity's negotiation plan, created empty the first time its owner opens it."""
    plan, _ = NegotiationPlan.objects.get_or_create(opportunity=opportunity)
    plan.opportunity = opportunity
    return plan


@transaction.atomic
def add_success_ask(*, plan: NegotiationPlan, **fields) -> SuccessAsk:
    """Add a success ask at the end of the plan; one declined outright raises a red flag."""
    _lock_plan(plan.pk)
    if unknown := set(fields) - set(SUCCESS_ASK_FIELDS):
        raise TypeError(f"not success-ask fields: {sorted(unknown)}")
    _check_room(
        plan.asks.all(),
        plan.MAX_SUCCESS_ASKS,
        "A plan holds at most {limit} success asks: the few that matter most make the strongest "
        "case. Merge or delete one first.",
    )
    _check_objective(plan, fields.get("objective"))
    ask = SuccessAsk.objects.create(plan=plan, position=next_position(plan.asks.all()), **fields)
    _sync_ask_red_flag(ask)
    return ask


@transaction.atomic
def update_success_ask(
    *, ask: SuccessAsk, expected_version: int | None = None, **fields
) -> RedFlag | None:
    """Save changes to a success ask; return the red flag this raised, if it raised one.

    With ``expected_version`` (the ask's version its form was opened at), a save over a change
    made elsewhere meanwhile raises EditConflict and writes nothing.
    """
    _lock_plan(ask.plan_id)
    if unknown := set(fields) - set(SUCCESS_ASK_FIELDS):
        raise TypeError(f"not success-ask fields: {sorted(unknown)}")
    _check_objective(ask.plan, fields.get("objective"))
    claim_version(ask, expected_version)
    for name, value in fields.items():
        setattr(ask, name, value)
    if ask.status != AskStatus.DECLINED:
        ask.would_not_discuss = False
    ask.save()
    return _sync_ask_red_flag(ask)


def set_ask_status(
    *, ask: SuccessAsk, status: str, would_not_discuss: bool = False
) -> RedFlag | None:
    """Move a success ask to ``status``; declined without discussion raises a red flag."""
    if status not in AskStatus.values:
        raise ValueError(f"unknown status {status!r}")
    return update_success_ask(ask=ask, status=status, would_not_discuss=would_not_discuss)


@transaction.atomic
def record_refused_conversation(*, plan: NegotiationPlan, note: str = "") -> tuple[RedFlag, bool]:
    """Raise the red flag for an employer who refused the success conversation altogether.

    Return (flag, created): while such a flag is open, recording it again adds nothing.
    """
    _lock_plan(plan.pk)
    kind = RedFlagKind.CONVERSATION_REFUSED
    if existing := plan.red_flags.open().filter(kind=kind).first():
        return existing, False
    explanation = f"What they said: {note.strip()}\n\n" if note.strip() else ""
    flag = RedFlag.objects.create(
        plan=plan,
        kind=kind,
        title=CONVERSATION_REFUSED_TITLE,
        explanation=explanation + CONVERSATION_REFUSED_WHY,
    )
    return flag, True


@transaction.atomic
def note_red_flag(*, plan: NegotiationPlan, title: str, explanation: str) -> RedFlag:
    """Note a red flag by hand: a warning sign about the employer."""
    _lock_plan(plan.pk)
    _check_room(
        plan.red_flags.filter(kind=RedFlagKind.MANUAL),
        plan.MAX_MANUAL_RED_FLAGS,
        "A plan holds at most {limit} red flags noted by hand. Resolve or merge some: this many "
        "is a pattern worth talking over with your council.",
    )
    return RedFlag.objects.create(
        plan=plan, kind=RedFlagKind.MANUAL, title=title, explanation=explanation
    )


@transaction.atomic
def resolve_red_flag(*, flag: RedFlag, note: str) -> bool:
    """Close a red flag with a note on what changed; return False if it was already closed."""
    _lock_plan(flag.plan_id)
    closed = RedFlag.objects.open().filter(pk=flag.pk)
    if not closed.update(resolved_at=timezone.now(), resolution_note=note.strip()):
        return False
    flag.refresh_from_db()
    return True


@transaction.atomic
def record_conversation(
    *,
    conversation: Conversation,
    people: Iterable[Person],
    expected_version: int | None = None,
) -> Conversation:
    """Save a conversation of the plan together with the people it was with.

    Editing a logged one with ``expected_version`` (the version its form was opened at), a save
    over a change made elsewhere meanwhile raises EditConflict and writes nothing.
    """
    people = list(people)
    opportunity_id = NegotiationPlan.objects.values_list("opportunity_id", flat=True).get(
        pk=conversation.plan_id
    )
    if any(person.opportunity_id != opportunity_id for person in people):
        raise ValidationError(
            {"people": "Choose people from this opportunity only."}, code="foreign_person"
        )
    _lock_plan(conversation.plan_id)
    if conversation.pk is not None:
        claim_version(conversation, expected_version)
    else:
        _check_room(
            Conversation.objects.filter(plan_id=conversation.plan_id),
            NegotiationPlan.MAX_CONVERSATIONS,
            "A plan holds at most {limit} conversations. Add to the notes of a recent one instead.",
        )
    conversation.save()
    conversation.people.set(people)
    return conversation


@transaction.atomic
def save_money_ask(
    *, plan: NegotiationPlan, expected_version: int | None = None, **fields
) -> MoneyAsk:
    """Save the money ask's targets, limits, reasons and script.

    ``expected_version`` is the plan version the form was opened at (the plan's version guards
    its own fields, the money ask): if another tab saved since, nothing is saved and
    EditConflict says so.
    """
    _lock_plan(plan.pk)
    if unknown := set(fields) - set(MONEY_ASK_FIELDS):
        raise TypeError(f"not money-ask fields: {sorted(unknown)}")
    claim_version(plan, expected_version)
    NegotiationPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    money_ask, _ = MoneyAsk.objects.update_or_create(plan=plan, defaults=fields)
    return money_ask


@transaction.atomic
def draft_money_script(
    *, plan: NegotiationPlan, expected_version: int | None = None, **fields
) -> MoneyAsk:
    """Save the money ask and draft its collaborative script from the user's reasons.

    Without honest reasons or a target nothing is saved: a ValidationError names what is missing.
    """
    money_ask = save_money_ask(plan=plan, expected_version=expected_version, **fields)
    errors = {}
    if not money_ask.reasons.strip():
        errors["reasons"] = "Write your honest reasons first: the ask rests on them."
    if money_ask.target_base is None and money_ask.target_total is None:
        errors["target_base"] = "Add the base salary or the yearly total you will ask for."
    if errors:
        raise ValidationError(errors, code="cannot_draft")
    agreed = plan.asks.filter(status=AskStatus.AGREED).order_by("priority", "position")
    money_ask.script = draft_collaborative_ask(
        company=plan.opportunity.company,
        currency=money_ask.currency,
        target_base=money_ask.target_base,
        target_total=money_ask.target_total,
        reasons=money_ask.reasons,
        agreed=[ask.description for ask in agreed],
    )
    money_ask.save(update_fields=["script", "updated_at"])
    return money_ask


@transaction.atomic
def record_money_outcome(
    *, plan: NegotiationPlan, expected_version: int | None = None, **fields
) -> MoneyAsk:
    """Record when the user asked, for how much, and what the employer offered before and after.

    ``expected_version`` is the money ask's version the form was opened at: if another tab
    recorded the outcome since, nothing is saved and EditConflict says so.
    """
    _lock_plan(plan.pk)
    if unknown := set(fields) - set(MONEY_OUTCOME_FIELDS):
        raise TypeError(f"not money-outcome fields: {sorted(unknown)}")
    money_ask = MoneyAsk.objects.filter(plan=plan).first()
    if money_ask is None:
        raise ValidationError(
            "Save your target and reasons first; then record how the ask went.", code="no_ask"
        )
    claim_version(money_ask, expected_version)
    for name, value in fields.items():
        setattr(money_ask, name, value)
    money_ask.save(update_fields=[*fields, "version", "updated_at"])
    return money_ask


@transaction.atomic
def delete_plan_row(*, row: SuccessAsk | Conversation) -> None:
    """Delete a success ask (its red flag with it) or a logged conversation."""
    _lock_plan(row.plan_id)
    row.delete()
