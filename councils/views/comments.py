"""Placeholder views: being written."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


def comment_create(request, *args, **kwargs):
    return HttpResponse("comment_create: not built yet")


def comment_delete(request, *args, **kwargs):
    return HttpResponse("comment_delete: not built yet")


def comment_edit(request, *args, **kwargs):
    return HttpResponse("comment_edit: not built yet")


def comment_resolve(request, *args, **kwargs):
    return HttpResponse("comment_resolve: not built yet")


@login_not_required
def notification_unsubscribe(request, *args, **kwargs):
    return HttpResponse("notification_unsubscribe: not built yet")
