"""Placeholder views: being written."""

from django.http import HttpResponse


def key_result_create(request, *args, **kwargs):
    return HttpResponse("key_result_create: not built yet")


def key_result_delete(request, *args, **kwargs):
    return HttpResponse("key_result_delete: not built yet")


def key_result_edit(request, *args, **kwargs):
    return HttpResponse("key_result_edit: not built yet")


def key_result_move(request, *args, **kwargs):
    return HttpResponse("key_result_move: not built yet")


def mission_edit(request, *args, **kwargs):
    return HttpResponse("mission_edit: not built yet")


def objective_create(request, *args, **kwargs):
    return HttpResponse("objective_create: not built yet")


def objective_delete(request, *args, **kwargs):
    return HttpResponse("objective_delete: not built yet")


def objective_edit(request, *args, **kwargs):
    return HttpResponse("objective_edit: not built yet")


def objective_move(request, *args, **kwargs):
    return HttpResponse("objective_move: not built yet")


def question_create(request, *args, **kwargs):
    return HttpResponse("question_create: not built yet")


def question_delete(request, *args, **kwargs):
    return HttpResponse("question_delete: not built yet")


def question_edit(request, *args, **kwargs):
    return HttpResponse("question_edit: not built yet")


def question_move(request, *args, **kwargs):
    return HttpResponse("question_move: not built yet")
