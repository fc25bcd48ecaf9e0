"""Placeholder views: being written."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


def mission_pdf(request, *args, **kwargs):
    return HttpResponse("mission_pdf: not built yet")


def share_link_create(request, *args, **kwargs):
    return HttpResponse("share_link_create: not built yet")


def share_link_revoke(request, *args, **kwargs):
    return HttpResponse("share_link_revoke: not built yet")


@login_not_required
def share_page(request, *args, **kwargs):
    return HttpResponse("share_page: not built yet")


@login_not_required
def share_pdf(request, *args, **kwargs):
    return HttpResponse("share_pdf: not built yet")
