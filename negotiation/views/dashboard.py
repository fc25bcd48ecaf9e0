"""Placeholder views: being written."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


@login_not_required
def dashboard(request, *args, **kwargs):
    return HttpResponse("dashboard: not built yet")
