"""Writes that touch several rows: keyword-only, atomic functions the views call."""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone

from negotiation import models
from negotiation.asking import draft_collaborative_ask
from negotiation.versioning import VersionedForm, claim_version


def save_if_current(form: VersionedForm) -> Model | None:
    """Save a valid model form if its row is still at the version the form was opened at.

    Returns the saved row, or None when the form has errors or the save was refused; then the
    form says why (``show_conflict``) and keeps what was typed.
    """
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            claim_version(form.instance, form.expected_version)
            return form.save()
    except ValidationError as error:
        form.show_conflict(error)
        return None


# The job mission editor.

MOVE_DIRECTIONS = ("up", "down")


def _lock_mission(mission_id: int) -> None:
    """Serialise writes to one mission so that its limits hold under concurrent requests."""
    list(models.Mission.objects.select_for_update().filter(pk=mission_id).values_list("pk"))


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _move(siblings, item, direction: str) -> None:
    """Swap ``item`` with its neighbour and renumber the siblings 0..n-1."""
    if direction not in MOVE_DIRECTIONS:
        raise ValueError(f"direction must be one of {MOVE_DIRECTIONS}, not {direction!r}")
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        sibling.position = position
    siblings.model.objects.bulk_update(ordered, ["position"])


@transaction.atomic
def add_objective(*, mission: models.Mission, title: str) -> models.Objective:
    """Append an objective to a mission, within Mission.MAX_OBJECTIVES."""
    _lock_mission(mission.pk)
    objectives = mission.objectives.all()
    if objectives.count() >= mission.MAX_OBJECTIVES:
        raise ValidationError(
            f"A mission holds at most {mission.MAX_OBJECTIVES} objectives — more than that "
            "is hard to walk through in one conversation. Merge or drop one first.",
            code="too_many_objectives",
        )
    return models.Objective.objects.create(
        mission=mission, title=title, position=_next_position(objectives)
    )


@transaction.atomic
def add_key_result(
    *, objective: models.Objective, description: str, target: str, horizon: str
) -> models.KeyResult:
    """Append a key result to an objective, within Mission.MAX_KEY_RESULTS."""
    _lock_mission(objective.mission_id)
    key_results = objective.key_results.all()
    if key_results.count() >= models.Mission.MAX_KEY_RESULTS:
        raise ValidationError(
            f"An objective holds at most {models.Mission.MAX_KEY_RESULTS} key results. "
            "Three or four strong ones say more than many.",
            code="too_many_key_results",
        )
    return models.KeyResult.objects.create(
        objective=objective,
        description=description,
        target=target,
        horizon=horizon,
        position=_next_position(key_results),
    )


@transaction.atomic
def add_question(
    *,
    mission: models.Mission,
    text: str,
    objective: models.Objective | None = None,
    answer: str = "",
) -> models.Question:
    """Append a question for the hiring team, within Mission.MAX_QUESTIONS."""
    _lock_mission(mission.pk)
    if objective is not None and objective.mission_id != mission.pk:
        raise ValidationError("Choose one of this mission's objectives.", code="foreign_objective")
    questions = mission.questions.all()
    if questions.count() >= mission.MAX_QUESTIONS:
        raise ValidationError(
            f"A mission holds at most {mission.MAX_QUESTIONS} questions. "
            "Pick the ones you most want answered and drop the rest.",
            code="too_many_questions",
        )
    return models.Question.objects.create(
        mission=mission,
        text=text,
        objective=objective,
        answer=answer,
        position=_next_position(questions),
    )


@transaction.atomic
def move_objective(*, objective: models.Objective, direction: str) -> None:
    """Move an objective one place up or down within its mission."""
    _lock_mission(objective.mission_id)
    _move(models.Objective.objects.filter(mission_id=objective.mission_id), objective, direction)


@transaction.atomic
def move_key_result(*, key_result: models.KeyResult, direction: str) -> None:
    """Move a key result one place up or down within its objective."""
    _lock_mission(key_result.objective.mission_id)
    _move(
        models.KeyResult.objects.filter(objective_id=key_result.objective_id), key_result, direction
    )


@transaction.atomic
def move_question(*, question: models.Question, direction: str) -> None:
    """Move a question one place up or down within its mission."""
    _lock_mission(question.mission_id)
    _move(models.Question.objects.filter(mission_id=question.mission_id), question, direction)


# Opportunities: every stage an opportunity moves into is recorded with its time.


def _stored_stage(opportunity: models.Opportunity) -> str:
    """The stage as the database holds it, locked for the rest of the transaction."""
    return (
        models.Opportunity.objects.select_for_update()
        .values_list("stage", flat=True)
        .get(pk=opportunity.pk)
    )


@transaction.atomic
def create_opportunity(*, owner, **fields) -> models.Opportunity:
    """Create an opportunity and record the stage it starts in."""
    opportunity = models.Opportunity.objects.create(owner=owner, **fields)
    models.StageChange.objects.create(opportunity=opportunity, to_stage=opportunity.stage)
    return opportunity


@transaction.atomic
def update_opportunity(*, opportunity: models.Opportunity, **fields) -> models.Opportunity:
    """Save changes to an opportunity, recording a stage change if there is one."""
    stored_stage = _stored_stage(opportunity)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.save()
    if opportunity.stage != stored_stage:
        models.StageChange.objects.create(
            opportunity=opportunity, from_stage=stored_stage, to_stage=opportunity.stage
        )
    return opportunity


@transaction.atomic
def change_stage(*, opportunity: models.Opportunity, stage: str) -> bool:
    """Move an opportunity to ``stage``; return False when it already was there."""
    stored_stage = _stored_stage(opportunity)
    opportunity.stage = stage
    if stage == stored_stage:
        return False
    opportunity.save(update_fields=["stage", "updated_at"])
    models.StageChange.objects.create(
        opportunity=opportunity, from_stage=stored_stage, to_stage=stage
    )
    return True


@transaction.atomic
def save_interview(
    *, interview: models.Interview, people: Iterable[models.Person]
) -> models.Interview:
    """Save an interview together with the people it is with."""
    interview.save()
    interview.people.set(people)
    return interview


# Share links: one live read-only link per mission for the hiring manager.


@transaction.atomic
def create_share_link(*, mission: models.Mission) -> str:
    """Give the mission a new live share link, revoking the current one; return the new token."""
    _lock_mission(mission.pk)
    revoke_share_link(mission=mission)
    salt = secrets.token_urlsafe(32)
    token = models.share_token_from_salt(salt)
    models.ShareLink.objects.create(
        mission=mission, token_salt=salt, token_digest=models.digest_token(token)
    )
    return token


@transaction.atomic
def revoke_share_link(*, mission: models.Mission) -> bool:
    """Revoke the mission's live share link; return False when there was none."""
    _lock_mission(mission.pk)
    revoked = models.ShareLink.objects.live().filter(mission=mission)
    return revoked.update(revoked_at=timezone.now()) > 0


def record_share_view(*, link: models.ShareLink) -> None:
    """Count one opening of a share link; F() keeps concurrent openings from losing a count."""
    models.ShareLink.objects.filter(pk=link.pk).update(
        open_count=F("open_count") + 1, last_opened_at=timezone.now()
    )


# Offers: recording one means the opportunity has reached the offer stage.

BEFORE_OFFER = (models.Stage.EXPLORING, models.Stage.APPLIED, models.Stage.INTERVIEWING)


@transaction.atomic
def record_offer(*, offer: models.Offer) -> bool:
    """Save a new offer version; move its opportunity to the offer stage if it was before it.

    Returns True when the stage moved.
    """
    # Serialise offers of one opportunity, so two posts at once cannot both pass the count.
    list(
        models.Opportunity.objects.select_for_update()
        .filter(pk=offer.opportunity_id)
        .values_list("pk")
    )
    _check_room(
        models.Offer.objects.filter(opportunity_id=offer.opportunity_id),
        models.NegotiationPlan.MAX_OFFERS,
        "An opportunity holds at most {limit} offer versions. Correct the latest one instead of "
        "recording another.",
    )
    offer.save()
    if _stored_stage(offer.opportunity) not in BEFORE_OFFER:
        return False
    return change_stage(opportunity=offer.opportunity, stage=models.Stage.OFFER)


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
    """Serialise writes to one plan, so a red flag is raised once however often a form is sent."""
    list(models.NegotiationPlan.objects.select_for_update().filter(pk=plan_id).values_list("pk"))


def _check_room(rows: QuerySet, limit: int, message: str) -> None:
    """Refuse to add a row beyond ``limit``; ``message`` says so in plain words."""
    if rows.count() >= limit:
        raise ValidationError(message.format(limit=limit), code="limit")


def _check_objective(plan: models.NegotiationPlan, objective: models.Objective | None) -> None:
    if objective is None:
        return
    if not models.Objective.objects.filter(
        pk=objective.pk, mission__opportunity_id=plan.opportunity_id
    ).exists():
        raise ValidationError(
            {"objective": "Choose one of this opportunity's objectives."}, code="foreign_objective"
        )


def _ask_red_flag(ask: models.SuccessAsk) -> models.RedFlag:
    serves = f"It serves “{ask.objective.title}”. " if ask.objective_id else ""
    return models.RedFlag(
        plan_id=ask.plan_id,
        ask=ask,
        kind=models.RedFlagKind.ASK_NOT_DISCUSSED,
        title=f"They would not discuss: {ask.description}"[:200],
        explanation=f"You asked for “{ask.description.rstrip('.')}”. {serves}They would not "
        f"even discuss it. {ASK_NOT_DISCUSSED_WHY}",
    )


def _sync_ask_red_flag(ask: models.SuccessAsk) -> models.RedFlag | None:
    """Raise the ask's red flag when it was refused outright; close it when that is no longer so.

    Return the flag when one was raised just now.
    """
    open_flag = models.RedFlag.objects.open().filter(ask=ask).first()
    if ask.refused_outright:
        if open_flag is not None:
            return None
        flag = _ask_red_flag(ask)
        flag.save()
        return flag
    if open_flag is not None and open_flag.kind == models.RedFlagKind.ASK_NOT_DISCUSSED:
        if ask.status == models.AskStatus.DECLINED:
            note = "Closed when you noted that they did discuss this ask after all."
        else:
            note = f"Closed when you changed this ask to “{ask.get_status_display()}”."
        open_flag.resolved_at = timezone.now()
        open_flag.resolution_note = note
        open_flag.save(update_fields=["resolved_at", "resolution_note"])
    return None


@transaction.atomic
def get_or_create_plan(*, opportunity: models.Opportunity) -> models.NegotiationPlan:
    """The opportunity's negotiation plan, created empty the first time."""
    plan, _ = models.NegotiationPlan.objects.get_or_create(opportunity=opportunity)
    return plan


@transaction.atomic
def add_success_ask(*, plan: models.NegotiationPlan, **fields) -> models.SuccessAsk:
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
    ask = models.SuccessAsk.objects.create(
        plan=plan, position=_next_position(plan.asks.all()), **fields
    )
    _sync_ask_red_flag(ask)
    return ask


@transaction.atomic
def update_success_ask(
    *, ask: models.SuccessAsk, expected_version: int | None = None, **fields
) -> models.RedFlag | None:
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
    if ask.status != models.AskStatus.DECLINED:
        ask.would_not_discuss = False
    ask.save()
    return _sync_ask_red_flag(ask)


def set_ask_status(
    *, ask: models.SuccessAsk, status: str, would_not_discuss: bool = False
) -> models.RedFlag | None:
    """Move a success ask to ``status``; declined without discussion raises a red flag."""
    if status not in models.AskStatus.values:
        raise ValueError(f"unknown status {status!r}")
    return update_success_ask(ask=ask, status=status, would_not_discuss=would_not_discuss)


@transaction.atomic
def record_refused_conversation(
    *, plan: models.NegotiationPlan, note: str = ""
) -> tuple[models.RedFlag, bool]:
    """Raise the red flag for an employer who refused the success conversation altogether.

    Return (flag, created): while such a flag is open, recording it again adds nothing.
    """
    _lock_plan(plan.pk)
    kind = models.RedFlagKind.CONVERSATION_REFUSED
    if existing := plan.red_flags.open().filter(kind=kind).first():
        return existing, False
    explanation = f"What they said: {note.strip()}\n\n" if note.strip() else ""
    flag = models.RedFlag.objects.create(
        plan=plan,
        kind=kind,
        title=CONVERSATION_REFUSED_TITLE,
        explanation=explanation + CONVERSATION_REFUSED_WHY,
    )
    return flag, True


@transaction.atomic
def note_red_flag(*, plan: models.NegotiationPlan, title: str, explanation: str) -> models.RedFlag:
    """Note a red flag by hand: a warning sign about the employer."""
    _lock_plan(plan.pk)
    _check_room(
        plan.red_flags.filter(kind=models.RedFlagKind.MANUAL),
        plan.MAX_MANUAL_RED_FLAGS,
        "A plan holds at most {limit} red flags noted by hand. Resolve or merge some: this many "
        "is a pattern worth talking over with your council.",
    )
    return models.RedFlag.objects.create(
        plan=plan, kind=models.RedFlagKind.MANUAL, title=title, explanation=explanation
    )


@transaction.atomic
def resolve_red_flag(*, flag: models.RedFlag, note: str) -> bool:
    """Close a red flag with a note on what changed; return False if it was already closed."""
    _lock_plan(flag.plan_id)
    closed = models.RedFlag.objects.open().filter(pk=flag.pk)
    if not closed.update(resolved_at=timezone.now(), resolution_note=note.strip()):
        return False
    flag.refresh_from_db()
    return True


@transaction.atomic
def record_conversation(
    *,
    conversation: models.Conversation,
    people: Iterable[models.Person],
    expected_version: int | None = None,
) -> models.Conversation:
    """Save a conversation of the plan together with the people it was with.

    Editing a logged one with ``expected_version`` (the version its form was opened at), a save
    over a change made elsewhere meanwhile raises EditConflict and writes nothing.
    """
    people = list(people)
    opportunity_id = models.NegotiationPlan.objects.values_list("opportunity_id", flat=True).get(
        pk=conversation.plan_id
    )
    if any(person.opportunity_id != opportunity_id for person in people):
        raise ValidationError(
            {"people": "Choose people from this opportunity only."}, code="foreign_person"
        )
    if conversation.pk is not None:
        claim_version(conversation, expected_version)
    else:
        _lock_plan(conversation.plan_id)
        _check_room(
            models.Conversation.objects.filter(plan_id=conversation.plan_id),
            models.NegotiationPlan.MAX_CONVERSATIONS,
            "A plan holds at most {limit} conversations. Add to the notes of a recent one instead.",
        )
    conversation.save()
    conversation.people.set(people)
    return conversation


@transaction.atomic
def save_money_ask(
    *, plan: models.NegotiationPlan, expected_version: int | None = None, **fields
) -> models.MoneyAsk:
    """Save the money ask's targets, limits, reasons and script.

    ``expected_version`` is the plan version the form was opened at (the plan's version guards
    its own fields, the money ask): if another tab saved since, nothing is saved and
    EditConflict says so.
    """
    _lock_plan(plan.pk)
    if unknown := set(fields) - set(MONEY_ASK_FIELDS):
        raise TypeError(f"not money-ask fields: {sorted(unknown)}")
    claim_version(plan, expected_version)
    models.NegotiationPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    money_ask, _ = models.MoneyAsk.objects.update_or_create(plan=plan, defaults=fields)
    return money_ask


@transaction.atomic
def draft_money_script(
    *, plan: models.NegotiationPlan, expected_version: int | None = None, **fields
) -> models.MoneyAsk:
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
    agreed = plan.asks.filter(status=models.AskStatus.AGREED).order_by("priority", "position")
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
    *, plan: models.NegotiationPlan, expected_version: int | None = None, **fields
) -> models.MoneyAsk:
    """Record when the user asked, for how much, and what the employer offered before and after.

    ``expected_version`` is the money ask's version the form was opened at: if another tab
    recorded the outcome since, nothing is saved and EditConflict says so.
    """
    _lock_plan(plan.pk)
    if unknown := set(fields) - set(MONEY_OUTCOME_FIELDS):
        raise TypeError(f"not money-outcome fields: {sorted(unknown)}")
    money_ask = models.MoneyAsk.objects.filter(plan=plan).first()
    if money_ask is None:
        raise ValidationError(
            "Save your target and reasons first; then record how the ask went.", code="no_ask"
        )
    claim_version(money_ask, expected_version)
    for name, value in fields.items():
        setattr(money_ask, name, value)
    money_ask.save(update_fields=[*fields, "version", "updated_at"])
    return money_ask
