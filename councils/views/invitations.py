"""Placeholder views: being written."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


@login_not_required
def invitation_accept(request, *args, **kwargs):
    return HttpResponse("invitation_accept: not built yet")


def invitation_create(request, *args, **kwargs):
    return HttpResponse("invitation_create: not built yet")


def invitation_resend(request, *args, **kwargs):
    return HttpResponse("invitation_resend: not built yet")


def invitation_revoke(request, *args, **kwargs):
    return HttpResponse("invitation_revoke: not built yet")
