"""The job mission editor: one page, /opportunities/<id>/mission/, edited in place.

The page (templates/missions/mission_edit.html) has four regions, each a
``{% partialdef %}`` whose name is the DOM id of its root element: ``mission-summary``,
``objectives``, ``questions`` and ``share-link``. The swap rule, kept by every view here:

- every objective and key-result action targets the whole ``objectives`` region, every
  question action the ``questions`` region, the summary form ``mission-summary``;
- a view answers with a region only when ``request.htmx.target`` names it, and otherwise
  with the whole page; changes to objectives also refresh ``questions`` out of band (its
  objective picker and labels list them), the summary's PDF choice refreshes ``questions``
  and ``share-link``, and a short text for screen readers goes to the page's live region
  (``announce`` in inplace/regions.py); ``EDITOR`` below declares the regions;
- a GET on a create, edit or delete URL is the editor with that form (or the "are you
  sure?" step) open in place, so every action works without JavaScript; a successful
  plain POST redirects back to the editor, anchored at what changed.
"""

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
)
from django.shortcuts import render

from inplace.ordering import MOVE_DIRECTIONS
from inplace.regions import Page, form_data, save_with
from missions import services
from missions.forms import (
    KeyResultCreateForm,
    KeyResultForm,
    MissionSummaryForm,
    ObjectiveCreateForm,
    ObjectiveForm,
    QuestionCreateForm,
    QuestionForm,
)
from missions.models import Mission
from missions.pdf import mission_document_context
from missions.permissions import (
    get_key_result_for,
    get_mission_for,
    get_objective_for,
    get_question_for,
)

READ_OR_WRITE = ("GET", "HEAD", "POST")


def _summary(request: HttpRequest, mission: Mission, state) -> dict:
    return {"summary_form": MissionSummaryForm(instance=mission, auto_id="mission-%s")}


def _objectives(request: HttpRequest, mission: Mission, state) -> dict:
    return {
        "objectives": mission.objectives.prefetch_related("key_results"),
        "objective_form": ObjectiveCreateForm(auto_id="new-objective-%s"),
    }


def _questions(request: HttpRequest, mission: Mission, state) -> dict:
    return {
        "questions": mission.questions.select_related("objective"),
        "question_form": QuestionCreateForm(mission=mission, auto_id="new-question-%s"),
    }


def _share_link(request: HttpRequest, mission: Mission, state) -> dict:
    return {"share_link": mission.share_links.live().first()}


EDITOR = Page(
    "missions/mission_edit.html",
    url=Mission.get_absolute_url,
    shared=lambda mission: {"mission": mission, "opportunity": mission.opportunity},
    regions={
        "mission-summary": _summary,
        "objectives": _objectives,
        "questions": _questions,
        "share-link": _share_link,
    },
    # Everything the regions show moves the opportunity's revision on, but the share link
    # (its open count, the host it is read on, the name in the focus).
    key=lambda request, mission: mission.opportunity.cache_identity,
    uncached=frozenset({"share-link"}),
)


def _own_mission(request: HttpRequest, pk: int):
    """The user's own mission (saved the first time it is opened); 403 or 404 for anyone else."""
    mission, _ = get_mission_for(request.user, pk)
    return mission if mission.pk else services.ensure_mission(opportunity=mission.opportunity)


def _direction(request: HttpRequest) -> str | None:
    direction = request.POST.get("direction")
    return direction if direction in MOVE_DIRECTIONS else None


def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the mission editor; a POST saves the purpose, responsibilities and PDF choice.

    A member of a council the mission is shared with reads it here, as its PDF shows it, with
    the council's comments (templates/missions/mission_read.html); their POST is a 403.
    """
    mission, rights = get_mission_for(request.user, pk, edit=request.method not in ("GET", "HEAD"))
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if not rights.owner:
        context = mission_document_context(mission, via_link=True)
        return render(request, "missions/mission_read.html", context)
    mission = mission if mission.pk else services.ensure_mission(opportunity=mission.opportunity)
    if request.method != "POST":
        return EDITOR.respond(request, mission, request.htmx.target)
    form = MissionSummaryForm(request.POST, instance=mission, auto_id="mission-%s")
    if services.save_edit(form=form):
        return EDITOR.saved(
            request,
            mission,
            "mission-summary",
            anchor="mission-summary",
            message="Saved the role in your words.",
            summary_saved=True,
            oob=("questions", "share-link"),
        )
    mission.refresh_from_db()  # the rest of the page shows what is saved, not the rejected input
    return EDITOR.respond(request, mission, "mission-summary", summary_form=form)


def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an objective at the end of the mission."""
    mission = _own_mission(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = ObjectiveCreateForm(form_data(request), auto_id="new-objective-%s")
    if objective := save_with(form, services.add_objective, mission=mission):
        return EDITOR.saved(
            request,
            mission,
            "objectives",
            anchor=f"objective-{objective.pk}",
            message=f"Added the objective “{objective.title}”.",
            objective_form=ObjectiveCreateForm(auto_id="new-objective-%s"),
            oob=("questions",),
        )
    return EDITOR.respond(request, mission, "objectives", objective_form=form)


def objective_edit(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    """Rename an objective in place."""
    try:
        objective = get_objective_for(request.user, pk, objective_pk)
    except Http404:
        return EDITOR.deleted(request, _own_mission(request, pk), "objective", ObjectiveForm)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = ObjectiveForm(
        form_data(request), instance=objective, auto_id=f"objective-{objective.pk}-%s"
    )
    if services.save_edit(form=form):
        return EDITOR.saved(
            request,
            objective.mission,
            "objectives",
            anchor=f"objective-{objective.pk}",
            message="Saved the objective.",
            oob=("questions",),
        )
    return EDITOR.respond(request, objective.mission, "objectives", edit_objective_form=form)


def objective_delete(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    """Ask first (GET), then delete an objective and its key results (POST)."""
    objective = get_objective_for(request.user, pk, objective_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if request.method != "POST":
        return EDITOR.respond(request, objective.mission, "objectives", delete_objective=objective)
    services.delete_row(row=objective)
    return EDITOR.saved(
        request,
        objective.mission,
        "objectives",
        anchor="objectives",
        message=f"Deleted the objective “{objective.title}”.",
        oob=("questions",),
    )


def objective_move(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    """Move an objective one place up or down."""
    objective = get_objective_for(request.user, pk, objective_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (direction := _direction(request)):
        return HttpResponseBadRequest("Move up or down.")
    services.move_objective(objective=objective, direction=direction)
    return EDITOR.saved(
        request,
        objective.mission,
        "objectives",
        anchor=f"objective-{objective.pk}",
        message=f"Moved “{objective.title}” {direction}.",
        moved=objective,
        moved_direction=direction,
        oob=("questions",),
    )


def key_result_create(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    """Open the form for a new key result (GET) and add it to its objective (POST)."""
    objective = get_objective_for(request.user, pk, objective_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    auto_id = f"new-key-result-{objective.pk}-%s"
    form = KeyResultCreateForm(form_data(request), auto_id=auto_id)
    if key_result := save_with(form, services.add_key_result, objective=objective):
        # The form stays open for the next one, while the objective has room for it.
        room = objective.key_results.count() < Mission.MAX_KEY_RESULTS
        return EDITOR.saved(
            request,
            objective.mission,
            "objectives",
            anchor=f"key-result-{key_result.pk}",
            message=f"Added the key result “{key_result.description}”.",
            new_key_result_form=KeyResultCreateForm(auto_id=auto_id) if room else None,
            new_key_result_objective=objective if room else None,
        )
    return EDITOR.respond(
        request,
        objective.mission,
        "objectives",
        new_key_result_form=form,
        new_key_result_objective=objective,
    )


def key_result_edit(request: HttpRequest, pk: int, key_result_pk: int) -> HttpResponse:
    """Edit a key result in place, including what the hiring manager said about it."""
    try:
        key_result = get_key_result_for(request.user, pk, key_result_pk)
    except Http404:
        return EDITOR.deleted(request, _own_mission(request, pk), "key result", KeyResultForm)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    auto_id = f"key-result-{key_result.pk}-%s"
    form = KeyResultForm(form_data(request), instance=key_result, auto_id=auto_id)
    mission = key_result.objective.mission
    if services.save_edit(form=form):
        return EDITOR.saved(
            request,
            mission,
            "objectives",
            anchor=f"key-result-{key_result.pk}",
            message="Saved the key result.",
        )
    return EDITOR.respond(request, mission, "objectives", edit_key_result_form=form)


def key_result_delete(request: HttpRequest, pk: int, key_result_pk: int) -> HttpResponse:
    """Ask first (GET), then delete a key result (POST)."""
    key_result = get_key_result_for(request.user, pk, key_result_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    mission = key_result.objective.mission
    if request.method != "POST":
        return EDITOR.respond(request, mission, "objectives", delete_key_result=key_result)
    services.delete_row(row=key_result)
    return EDITOR.saved(
        request,
        mission,
        "objectives",
        anchor=f"objective-{key_result.objective_id}",
        message=f"Deleted the key result “{key_result.description}”.",
    )


def key_result_move(request: HttpRequest, pk: int, key_result_pk: int) -> HttpResponse:
    """Move a key result one place up or down within its objective."""
    key_result = get_key_result_for(request.user, pk, key_result_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (direction := _direction(request)):
        return HttpResponseBadRequest("Move up or down.")
    services.move_key_result(key_result=key_result, direction=direction)
    return EDITOR.saved(
        request,
        key_result.objective.mission,
        "objectives",
        anchor=f"key-result-{key_result.pk}",
        message=f"Moved “{key_result.description}” {direction}.",
        moved=key_result,
        moved_direction=direction,
    )


def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a question for the hiring team at the end of the list."""
    mission = _own_mission(request, pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = QuestionCreateForm(form_data(request), mission=mission, auto_id="new-question-%s")
    if question := save_with(form, services.add_question, mission=mission):
        return EDITOR.saved(
            request,
            mission,
            "questions",
            anchor=f"question-{question.pk}",
            message="Added your question.",
            question_form=QuestionCreateForm(mission=mission, auto_id="new-question-%s"),
        )
    return EDITOR.respond(request, mission, "questions", question_form=form)


def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Edit a question in place, and note the answer you heard."""
    try:
        question = get_question_for(request.user, pk, question_pk)
    except Http404:
        return EDITOR.deleted(request, _own_mission(request, pk), "question", QuestionForm)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    form = QuestionForm(
        form_data(request),
        instance=question,
        mission=question.mission,
        auto_id=f"question-{question.pk}-%s",
    )
    if services.save_edit(form=form):
        return EDITOR.saved(
            request,
            question.mission,
            "questions",
            anchor=f"question-{question.pk}",
            message="Saved the question.",
        )
    return EDITOR.respond(request, question.mission, "questions", edit_question_form=form)


def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Ask first (GET), then delete a question (POST)."""
    question = get_question_for(request.user, pk, question_pk)
    if request.method not in READ_OR_WRITE:
        return HttpResponseNotAllowed(READ_OR_WRITE)
    if request.method != "POST":
        return EDITOR.respond(request, question.mission, "questions", delete_question=question)
    services.delete_row(row=question)
    return EDITOR.saved(
        request,
        question.mission,
        "questions",
        anchor="questions",
        message="Deleted the question.",
    )


def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Move a question one place up or down."""
    question = get_question_for(request.user, pk, question_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (direction := _direction(request)):
        return HttpResponseBadRequest("Move up or down.")
    services.move_question(question=question, direction=direction)
    return EDITOR.saved(
        request,
        question.mission,
        "questions",
        anchor=f"question-{question.pk}",
        message=f"Moved the question {direction}.",
        moved=question,
        moved_direction=direction,
    )
