"""The front page: the user's search at a glance, or the method explained to a visitor."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from negotiation.models import ACTIVE_STAGES, Focus, Interview
from negotiation.pipeline import (
    FitShare,
    active_counts,
    negotiation_standings,
    open_red_flags,
    stage_columns,
    steps_due,
)

SHOWN_PER_STAGE = 5
SHOWN_INTERVIEWS = 6
SHOWN_RED_FLAGS = 5
# Soonest deadline first; the rest are one click away in the pipeline's offer stage.
SHOWN_NEGOTIATIONS = 6
DUE_WITHIN = dt.timedelta(days=7)


@login_not_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's pipeline, focus share, interviews and due steps; else the landing."""
    if not request.user.is_authenticated:
        return render(request, "negotiation/landing.html")
    counts = active_counts(request.user)
    interviews = (
        Interview.objects.filter(
            opportunity__owner=request.user, opportunity__stage__in=ACTIVE_STAGES
        )
        .upcoming()
        .select_related("opportunity")
        .defer("opportunity__posting_text", "opportunity__notes")
        .prefetch_related("people")[:SHOWN_INTERVIEWS]
    )
    negotiations = negotiation_standings(request.user)
    context = {
        "focus": Focus.objects.filter(owner=request.user).first(),
        "active_count": sum(counts.values()),
        "fit_share": FitShare.of_counts(counts),
        "by_stage": stage_columns(request.user, counts, shown=SHOWN_PER_STAGE),
        "due_steps": steps_due(request.user, within=DUE_WITHIN),
        "interviews": interviews,
        "red_flags": open_red_flags(request.user, limit=SHOWN_RED_FLAGS),
        "negotiations": negotiations[:SHOWN_NEGOTIATIONS],
        "negotiation_count": len(negotiations),
        "today": timezone.localdate(),
    }
    return render(request, "negotiation/dashboard.html", context)
