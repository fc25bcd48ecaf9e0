"""Placeholder views: being written."""

from django.http import HttpResponse


def council_create(request, *args, **kwargs):
    return HttpResponse("council_create: not built yet")


def council_delete(request, *args, **kwargs):
    return HttpResponse("council_delete: not built yet")


def council_detail(request, *args, **kwargs):
    return HttpResponse("council_detail: not built yet")


def council_edit(request, *args, **kwargs):
    return HttpResponse("council_edit: not built yet")


def council_leave(request, *args, **kwargs):
    return HttpResponse("council_leave: not built yet")


def council_list(request, *args, **kwargs):
    return HttpResponse("council_list: not built yet")


def member_remove(request, *args, **kwargs):
    return HttpResponse("member_remove: not built yet")


def views(request, *args, **kwargs):
    return HttpResponse("views: not built yet")
