"""Placeholder views: being written."""

from django.http import HttpResponse


def interview_create(request, *args, **kwargs):
    return HttpResponse("interview_create: not built yet")


def interview_delete(request, *args, **kwargs):
    return HttpResponse("interview_delete: not built yet")


def interview_edit(request, *args, **kwargs):
    return HttpResponse("interview_edit: not built yet")


def opportunity_create(request, *args, **kwargs):
    return HttpResponse("opportunity_create: not built yet")


def opportunity_delete(request, *args, **kwargs):
    return HttpResponse("opportunity_delete: not built yet")


def opportunity_detail(request, *args, **kwargs):
    return HttpResponse("opportunity_detail: not built yet")


def opportunity_edit(request, *args, **kwargs):
    return HttpResponse("opportunity_edit: not built yet")


def opportunity_list(request, *args, **kwargs):
    return HttpResponse("opportunity_list: not built yet")


def opportunity_stage(request, *args, **kwargs):
    return HttpResponse("opportunity_stage: not built yet")


def person_create(request, *args, **kwargs):
    return HttpResponse("person_create: not built yet")


def person_delete(request, *args, **kwargs):
    return HttpResponse("person_delete: not built yet")


def person_edit(request, *args, **kwargs):
    return HttpResponse("person_edit: not built yet")
