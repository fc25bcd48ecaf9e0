"""Placeholder views: being written."""

from django.http import HttpResponse


def focus_edit(request, *args, **kwargs):
    return HttpResponse("focus_edit: not built yet")
