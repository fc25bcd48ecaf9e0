"""Placeholder views: being written."""

from django.http import HttpResponse


def conversation_create(request, *args, **kwargs):
    return HttpResponse("conversation_create: not built yet")


def conversation_delete(request, *args, **kwargs):
    return HttpResponse("conversation_delete: not built yet")


def conversation_edit(request, *args, **kwargs):
    return HttpResponse("conversation_edit: not built yet")


def money_ask_draft(request, *args, **kwargs):
    return HttpResponse("money_ask_draft: not built yet")


def money_ask_edit(request, *args, **kwargs):
    return HttpResponse("money_ask_edit: not built yet")


def money_ask_outcome(request, *args, **kwargs):
    return HttpResponse("money_ask_outcome: not built yet")


def plan_detail(request, *args, **kwargs):
    return HttpResponse("plan_detail: not built yet")


def plan_pdf(request, *args, **kwargs):
    return HttpResponse("plan_pdf: not built yet")


def plan_stage(request, *args, **kwargs):
    return HttpResponse("plan_stage: not built yet")


def red_flag_create(request, *args, **kwargs):
    return HttpResponse("red_flag_create: not built yet")


def red_flag_resolve(request, *args, **kwargs):
    return HttpResponse("red_flag_resolve: not built yet")


def success_ask_create(request, *args, **kwargs):
    return HttpResponse("success_ask_create: not built yet")


def success_ask_delete(request, *args, **kwargs):
    return HttpResponse("success_ask_delete: not built yet")


def success_ask_edit(request, *args, **kwargs):
    return HttpResponse("success_ask_edit: not built yet")


def success_ask_status(request, *args, **kwargs):
    return HttpResponse("success_ask_status: not built yet")


def success_conversation_refused(request, *args, **kwargs):
    return HttpResponse("success_conversation_refused: not built yet")
