"""Debriefs written right after an interview, and the page to read before the next one.

A debrief is its owner's to write, edit and delete; when it is shared with a council, its
members may read it (``get_debrief_for`` decides, and gives them 403 on edit and delete).
"""

from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from councils import services
from councils.forms import DebriefForm
from councils.models import Comment, Debrief, GratitudeEntry
from councils.permissions import find_own_interview, get_debrief_for
from councils.shares import SHARE_RELATED
from inplace.regions import form_data
from missions.models import Mission, Question
from opportunities.models import Interview
from opportunities.permissions import get_opportunity_for

FORM = "councils/debrief_form.html"
ENCOURAGEMENTS_SHOWN = 3


def _started_from(interview: Interview | None) -> dict:
    """What a debrief started from an interview already knows."""
    if interview is None:
        return {}
    return {
        "interview": interview.pk,
        "opportunity": interview.opportunity_id,
        "happened_on": timezone.localtime(interview.scheduled_at).date(),
    }


@require_safe
def debrief_list(request: HttpRequest) -> HttpResponse:
    """The user's debriefs, newest first, with how each felt and where it happened."""
    debriefs = (
        Debrief.objects.filter(owner=request.user)
        .select_related("opportunity", "interview")
        .defer("opportunity__posting_text", "opportunity__notes")
        .annotate(council_count=Count("council_shares"))
        .order_by("-happened_on", "-pk")  # Meta.ordering is not applied once annotated
    )
    return render(request, "councils/debrief_list.html", {"debriefs": debriefs})


@require_http_methods(["GET", "POST"])
def debrief_create(request: HttpRequest) -> HttpResponse:
    """Write a debrief, started from one of the user's interviews (``?interview=``) or not."""
    interview = find_own_interview(request.user, request.GET.get("interview"))
    form = DebriefForm(form_data(request), owner=request.user, initial=_started_from(interview))
    if form.is_valid():
        debrief = services.record_debrief(owner=request.user, **form.cleaned_data)
        messages.success(request, "Your debrief is saved. Well done for writing it while fresh.")
        return redirect(debrief)
    return render(request, FORM, {"form": form, "interview": interview})


@require_safe
def debrief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One debrief: its owner's to change, its council's to read when shared with them."""
    debrief, rights = get_debrief_for(request.user, pk)
    context = {"debrief": debrief, "rights": rights}
    return render(request, "councils/debrief_detail.html", context)


@require_http_methods(["GET", "POST"])
def debrief_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a debrief of the user's own."""
    debrief, _ = get_debrief_for(request.user, pk, edit=True)
    form = DebriefForm(form_data(request), instance=debrief, owner=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Your debrief is saved.")
        return redirect(debrief)
    debrief.refresh_from_db()  # the page's title shows what is stored, not the rejected input
    return render(request, FORM, {"form": form, "debrief": debrief})


@require_http_methods(["GET", "POST"])
def debrief_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete a debrief with its shares and their comments (POST)."""
    debrief, _ = get_debrief_for(request.user, pk, edit=True)
    if request.method == "POST":
        debrief.delete()
        messages.success(request, f"Deleted the debrief of {debrief.happened_on:%-d %B %Y}.")
        return redirect("debrief_list")
    context = {
        "debrief": debrief,
        "council_count": debrief.council_shares.count(),
        "comment_count": Comment.objects.visible().filter(share__debrief=debrief).count(),
    }
    return render(request, "councils/debrief_confirm_delete.html", context)


def _questions_unanswered_first(mission: Mission | None):
    if mission is None:
        return Question.objects.none()
    answered = Case(When(answer="", then=Value(0)), default=Value(1), output_field=IntegerField())
    return mission.questions.annotate(answered=answered).order_by("answered", "position", "pk")


def _encouragement(user):
    """The newest words of other people on the work the user shared with their councils."""
    return (
        Comment.objects.visible()
        .filter(share__shared_by_id=user.pk)
        .exclude(author_id=user.pk)
        .select_related("author__focus", *(f"share__{name}" for name in SHARE_RELATED))
        .order_by("-created_at", "-pk")[:ENCOURAGEMENTS_SHOWN]
    )


@require_safe
def prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Before you go in: the people behind you, the mission, your questions, your council."""
    opportunity = get_opportunity_for(request.user, pk)
    chosen = find_own_interview(request.user, request.GET.get("interview"), opportunity=opportunity)
    mission = Mission.objects.filter(opportunity=opportunity).first()
    context = {
        "opportunity": opportunity,
        "interview": chosen or opportunity.interviews.upcoming().first(),
        "gratitude_entries": GratitudeEntry.objects.filter(owner=request.user),
        "mission": mission,
        "objectives": mission.objectives.prefetch_related("key_results") if mission else [],
        "questions": _questions_unanswered_first(mission),
        "encouragement": _encouragement(request.user),
    }
    return render(request, "councils/prepare.html", context)
