"""Placeholder views: being written."""

from django.http import HttpResponse


def debrief_create(request, *args, **kwargs):
    return HttpResponse("debrief_create: not built yet")


def debrief_delete(request, *args, **kwargs):
    return HttpResponse("debrief_delete: not built yet")


def debrief_detail(request, *args, **kwargs):
    return HttpResponse("debrief_detail: not built yet")


def debrief_edit(request, *args, **kwargs):
    return HttpResponse("debrief_edit: not built yet")


def debrief_list(request, *args, **kwargs):
    return HttpResponse("debrief_list: not built yet")


def prepare(request, *args, **kwargs):
    return HttpResponse("prepare: not built yet")
