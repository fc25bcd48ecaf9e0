"""Pages edited in place: one template per page, one ``{% partialdef %}`` per swappable region.

The rule every such view keeps: answer with a region only when htmx targets it by its DOM id
(which is also the partial's name), else with the whole page; out-of-band regions ride along
with ``oob`` set in their context. These helpers are shared by the editors of both apps.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data to bind a form to, or None for a fresh form on GET."""
    return request.POST if request.method == "POST" else None


def focus_first_field(form: BaseForm) -> BaseForm:
    """Put the cursor in the first field with an error, or in the first field of a fresh form."""
    names = [name for name in form.fields if name in form.errors] or list(form.fields)
    if names:
        form.fields[names[0]].widget.attrs["autofocus"] = True
    return form


def render_region(
    request: HttpRequest,
    template: str,
    context: dict,
    region: str | None,
    *,
    regions: tuple[str, ...],
    oob: tuple[str, ...] = (),
    focus: Iterable = (),
) -> HttpResponse:
    """``template#region`` (plus out-of-band regions) when htmx targets it, else the page.

    Forms among ``focus`` (the ones the user just opened or submitted) get the cursor.
    """
    for value in focus:
        if isinstance(value, BaseForm):
            focus_first_field(value)
    if region not in regions or request.htmx.target != region:
        return render(request, template, context)
    parts = [render_to_string(f"{template}#{region}", context, request)]
    parts += [
        render_to_string(f"{template}#{name}", {**context, "oob": True}, request) for name in oob
    ]
    return HttpResponse("".join(parts))


def save_with(form: BaseForm, write, **kwargs):
    """Call the service ``write`` with the form's data; a refused write becomes a form error.

    Returns what the service returned, or None when the form or the service said no.
    """
    if not form.is_valid():
        return None
    try:
        return write(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None
