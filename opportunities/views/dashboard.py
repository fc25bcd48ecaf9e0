"""The front page: the user's search at a glance, or the method explained to a visitor."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from opportunities.models import Focus
from opportunities.pipeline import FitShare, active_overview, upcoming_interviews

SHOWN_PER_STAGE = 5
SHOWN_INTERVIEWS = 6
DUE_WITHIN = dt.timedelta(days=7)


@login_not_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's pipeline, focus share, interviews and due steps (with the negotiations
    and councils composed in by their template tags); else the landing."""
    if not request.user.is_authenticated:
        return render(request, "opportunities/landing.html")
    overview = active_overview(request.user, shown=SHOWN_PER_STAGE, within=DUE_WITHIN)
    context = {
        "focus": Focus.objects.filter(owner=request.user).first(),
        "active_count": sum(overview.counts.values()),
        "fit_share": FitShare.of_counts(overview.counts),
        "by_stage": overview.columns,
        "due_steps": overview.due_steps,
        "interviews": upcoming_interviews(request.user, limit=SHOWN_INTERVIEWS),
        "today": timezone.localdate(),
    }
    return render(request, "opportunities/dashboard.html", context)
