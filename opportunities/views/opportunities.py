"""The pipeline and one opportunity, with its stage history, people and interviews.

The people, interviews and stage regions of an opportunity's page are edited in place: a view
renders ``opportunity_detail.html#<region>`` when htmx targets that region, otherwise the
whole page (GET and invalid forms) or a redirect (a plain POST that worked).
"""

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import trigger_client_event

from inplace.regions import Page, form_data
from opportunities import services
from opportunities.forms import InterviewForm, OpportunityForm, OpportunityStageForm, PersonForm
from opportunities.models import ACTIVE_STAGES, Focus, Interview, Opportunity, Stage
from opportunities.permissions import get_interview_for, get_opportunity_for, get_person_for
from opportunities.pipeline import ACTIVE, ALL, pipeline_of, pipeline_rows, stage_counts

# A focused search rarely has more; the rest are a click away.
PIPELINE_PAGE_SIZE = 50
# Whenever the people change, the interview forms offer a different choice of them.
PEOPLE_CHANGED = "people-changed"
STAGE_HINTS = {
    Stage.INTERVIEWING: "Add the interviews below and bring your job mission to them.",
    Stage.OFFER: "Ask for what you need to succeed first, then for more money.",
    Stage.ACCEPTED: "Congratulations! Thank the people who helped you get here.",
}


def _describe(interview: Interview) -> str:
    when = timezone.localtime(interview.scheduled_at)
    return f"{interview.get_kind_display()} interview on {when:%a %-d %b at %H:%M}"


def _stage(request: HttpRequest, opportunity: Opportunity, state) -> dict:
    return {
        "stage_changes": opportunity.stage_changes.order_by("-changed_at", "-pk"),
        "stage_form": OpportunityStageForm(initial={"stage": opportunity.stage}),
    }


def _people(request: HttpRequest, opportunity: Opportunity, state) -> dict:
    return {"people": opportunity.people.all(), "person_form": PersonForm(auto_id="person-new-%s")}


def _interviews(request: HttpRequest, opportunity: Opportunity, state) -> dict:
    """The interviews, and the people their forms offer to tick."""
    form = InterviewForm(opportunity=opportunity, auto_id="interview-new-%s")
    return {
        "people": state.get("people", opportunity.people.all()),
        "interviews": opportunity.interviews.prefetch_related("people"),
        "interview_form": form,
        "time_zone": timezone.get_current_timezone_name(),
    }


DETAIL = Page(
    "opportunities/opportunity_detail.html",
    url=Opportunity.get_absolute_url,
    shared=lambda opportunity: {"opportunity": opportunity},
    regions={"stage": _stage, "people": _people, "interviews": _interviews},
    cursor=False,  # the edit views put it in the field a person changes first
)


def _region_saved(
    request: HttpRequest, opportunity: Opportunity, region: str, status: str
) -> HttpResponse:
    """After a write: the fresh region with its status for htmx, a redirect to it otherwise."""
    state = {f"{region}_status": status}
    return DETAIL.saved(request, opportunity, region, anchor=region, message=status, **state)


def _people_saved(request: HttpRequest, opportunity: Opportunity, status: str) -> HttpResponse:
    response = _region_saved(request, opportunity, "people", status)
    return trigger_client_event(response, PEOPLE_CHANGED) if request.htmx else response


@require_safe
def opportunity_list(request: HttpRequest) -> HttpResponse:
    """The pipeline: active opportunities by default, or one stage, or all of them."""
    counts = stage_counts(request.user)
    selected = request.GET.get("stage", ACTIVE)
    if selected not in counts:
        selected = ACTIVE
    paginator = Paginator(pipeline_of(request.user, selected), PIPELINE_PAGE_SIZE)
    paginator.count = counts[selected]  # counted above, so not counted again
    page = paginator.get_page(request.GET.get("page"))
    filters = [(ACTIVE, "Active", counts[ACTIVE])]
    filters += [(stage, Stage(stage).label, counts[stage]) for stage in Stage.values]
    filters.append((ALL, "All", counts[ALL]))
    context = {
        "rows": pipeline_rows(page.object_list),
        "page": page,
        "filters": filters,
        "selected": selected,
        "active_stages": ACTIVE_STAGES,
        "has_any": counts[ALL] > 0,
    }
    return render(request, "opportunities/opportunity_list.html", context)


@require_http_methods(["GET", "POST"])
def opportunity_create(request: HttpRequest) -> HttpResponse:
    """Add an opportunity; the stage it starts in is recorded."""
    form = OpportunityForm(form_data(request))
    if form.is_valid():
        opportunity = services.create_opportunity(owner=request.user, **form.cleaned_data)
        messages.success(request, f"{opportunity} is in your pipeline.")
        return redirect(opportunity)
    focus = Focus.objects.filter(owner=request.user).first()
    return render(request, "opportunities/opportunity_form.html", {"form": form, "focus": focus})


@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an opportunity; a new stage is recorded in its history."""
    opportunity = get_opportunity_for(request.user, pk)
    as_stored = copy.copy(opportunity)  # the form writes typed values into its instance
    form = OpportunityForm(form_data(request), instance=opportunity)
    if form.is_valid():
        services.update_opportunity(opportunity=opportunity, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect(opportunity)
    focus = Focus.objects.filter(owner=request.user).first()
    context = {"form": form, "focus": focus, "opportunity": as_stored}
    return render(request, "opportunities/opportunity_form.html", context)


@require_http_methods(["GET", "POST"])
def opportunity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then delete an opportunity and everything recorded under it."""
    opportunity = get_opportunity_for(request.user, pk)
    if request.method == "POST":
        opportunity.delete()
        messages.success(request, f"{opportunity} and everything under it is deleted.")
        return redirect("opportunity_list")
    context = {
        "opportunity": opportunity,
        "people_count": opportunity.people.count(),
        "interview_count": opportunity.interviews.count(),
    }
    return render(request, "opportunities/opportunity_delete.html", context)


@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one opportunity, or just the region htmx asks for."""
    opportunity = get_opportunity_for(request.user, pk)
    return DETAIL.respond(request, opportunity, request.htmx.target)


@require_POST
def opportunity_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an opportunity to another stage and record when."""
    opportunity = get_opportunity_for(request.user, pk)
    form = OpportunityStageForm(request.POST)
    if not form.is_valid():
        return DETAIL.respond(request, opportunity, "stage", stage_form=form)
    stage = form.cleaned_data["stage"]
    if services.change_stage(opportunity=opportunity, stage=stage):
        status = f"Moved to {Stage(stage).label}. {STAGE_HINTS.get(stage, '')}".strip()
    else:
        status = f"It is already at {Stage(stage).label}: nothing changed."
    return _region_saved(request, opportunity, "stage", status)


@require_POST
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add someone at the company."""
    opportunity = get_opportunity_for(request.user, pk)
    form = PersonForm(request.POST, auto_id="person-new-%s")
    if not form.is_valid():
        return DETAIL.respond(request, opportunity, "people", person_form=form)
    form.instance.opportunity = opportunity
    person = services.save_person(person=form.save(commit=False))
    return _people_saved(request, opportunity, f"Added {person.name}.")


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """Edit one person in place."""
    person = get_person_for(request.user, pk, person_pk)
    opportunity = get_opportunity_for(request.user, pk)
    form = PersonForm(form_data(request), instance=person, auto_id=f"person-{person.pk}-%s")
    form.fields["name"].widget.attrs["autofocus"] = True
    if form.is_valid():
        services.save_person(person=form.save(commit=False))
        return _people_saved(request, opportunity, f"Saved {person.name}.")
    context = {"editing_person_pk": person.pk, "person_edit_form": form}
    return DETAIL.respond(request, opportunity, "people", **context)


@require_POST
def person_delete(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """Remove someone from the opportunity (and from its interviews)."""
    person = get_person_for(request.user, pk, person_pk)
    opportunity = get_opportunity_for(request.user, pk)
    services.delete_person(person=person)
    return _people_saved(request, opportunity, f"Removed {person.name}.")


@require_POST
def interview_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Schedule an interview with some of the opportunity's people."""
    opportunity = get_opportunity_for(request.user, pk)
    form = InterviewForm(request.POST, opportunity=opportunity, auto_id="interview-new-%s")
    if not form.is_valid():
        return DETAIL.respond(request, opportunity, "interviews", interview_form=form)
    interview = form.save(commit=False)
    interview.opportunity = opportunity
    services.save_interview(interview=interview, people=form.cleaned_data["people"])
    return _region_saved(request, opportunity, "interviews", f"Added the {_describe(interview)}.")


@require_http_methods(["GET", "POST"])
def interview_edit(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Edit one interview in place."""
    interview = get_interview_for(request.user, pk, interview_pk)
    opportunity = get_opportunity_for(request.user, pk)
    auto_id = f"interview-{interview.pk}-%s"
    form = InterviewForm(
        form_data(request), instance=interview, opportunity=opportunity, auto_id=auto_id
    )
    form.fields["scheduled_at"].widget.attrs["autofocus"] = True
    if form.is_valid():
        services.save_interview(
            interview=form.save(commit=False), people=form.cleaned_data["people"]
        )
        return _region_saved(
            request, opportunity, "interviews", f"Saved the {_describe(interview)}."
        )
    context = {"editing_interview_pk": interview.pk, "interview_edit_form": form}
    return DETAIL.respond(request, opportunity, "interviews", **context)


@require_POST
def interview_delete(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Delete one interview."""
    interview = get_interview_for(request.user, pk, interview_pk)
    opportunity = get_opportunity_for(request.user, pk)
    services.delete_interview(interview=interview)
    return _region_saved(request, opportunity, "interviews", f"Deleted the {_describe(interview)}.")
