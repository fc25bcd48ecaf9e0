"""Placeholder views: being written."""

from django.http import HttpResponse


def debrief_share(request, *args, **kwargs):
    return HttpResponse("debrief_share: not built yet")


def focus_share(request, *args, **kwargs):
    return HttpResponse("focus_share: not built yet")


def mission_share(request, *args, **kwargs):
    return HttpResponse("mission_share: not built yet")


def plan_share(request, *args, **kwargs):
    return HttpResponse("plan_share: not built yet")


def share_detail(request, *args, **kwargs):
    return HttpResponse("share_detail: not built yet")
