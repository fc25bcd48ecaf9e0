"""Placeholder views: being written."""

from django.http import HttpResponse


def gratitude_delete(request, *args, **kwargs):
    return HttpResponse("gratitude_delete: not built yet")


def gratitude_edit(request, *args, **kwargs):
    return HttpResponse("gratitude_edit: not built yet")


def gratitude_list(request, *args, **kwargs):
    return HttpResponse("gratitude_list: not built yet")
