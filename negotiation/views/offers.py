"""Placeholder views: being written."""

from django.http import HttpResponse


def offer_compare(request, *args, **kwargs):
    return HttpResponse("offer_compare: not built yet")


def offer_create(request, *args, **kwargs):
    return HttpResponse("offer_create: not built yet")


def offer_delete(request, *args, **kwargs):
    return HttpResponse("offer_delete: not built yet")


def offer_edit(request, *args, **kwargs):
    return HttpResponse("offer_edit: not built yet")
