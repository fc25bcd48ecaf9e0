"""Pages edited in place: one template per page, one ``{% partialdef %}`` per swappable region.

The rule every such view keeps: answer with a region only when htmx targets it by its DOM id
(which is also the partial's name), else with the whole page; out-of-band regions ride along
with ``oob`` set in their context. These helpers are shared by the editors of both apps.

Screen readers hear what an in-place write did through ONE polite live region on every page,
``#announcer`` (templates/inplace/announcer.html, in base.html): an htmx response carries it
out of band with the server's sentence ("Added the objective …"), or, when the form came back
with errors, "Please fix the highlighted field." (see ``announce``).
"""

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string

from inplace.versions import VersionedForm


def form_data(request: HttpRequest) -> QueryDict | None:
    """The posted data to bind a form to, or None for a fresh form on GET."""
    return request.POST if request.method == "POST" else None


def focus_first_field(form: BaseForm) -> BaseForm:
    """Put the cursor in the first field with an error, or in the first field of a fresh form."""
    names = [name for name in form.fields if name in form.errors] or list(form.fields)
    if names:
        form.fields[names[0]].widget.attrs["autofocus"] = True
    return form


ANNOUNCER = "inplace/announcer.html"


def invalid_form_message(forms: Iterable) -> str:
    """What to tell a screen-reader user when a submitted form came back with field errors."""
    bound = {id(form): form for form in forms if isinstance(form, BaseForm) and form.is_bound}
    fields = sum(
        len([name for name in form.errors if name != NON_FIELD_ERRORS]) for form in bound.values()
    )
    if not fields:
        return ""  # a form-wide error is a role="alert" box, read out on its own
    if fields == 1:
        return "Please fix the highlighted field."
    return f"Please fix the {fields} highlighted fields."


def announce(
    request: HttpRequest, response: HttpResponse, message: str = "", *, forms: Iterable = ()
) -> HttpResponse:
    """Add the live region, out of band, to an htmx response: ``message`` when a write worked,
    else a prompt to fix the fields of ``forms`` that have errors; when only a form-wide error
    (a role="alert" box, read out on its own) refused the write, an empty region, so that the
    previous success is not left there to be read."""
    message = message or invalid_form_message(forms)
    refused = any(isinstance(f, BaseForm) and f.is_bound and f.errors for f in forms)
    if request.htmx and (message or refused):  # a refusal clears the last success's sentence
        context = {"announcement": message, "oob": True}
        response.write(render_to_string(ANNOUNCER, context, request))
    return response


def focus_on(response: HttpResponse, anchor: str) -> HttpResponse:
    """After an in-place write, tell static/js/app.js where attention belongs when nothing in the
    swap has autofocus: the element with id ``anchor``, where a plain POST would redirect to."""
    response["JM-Focus"] = anchor
    return response


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

    Forms among ``focus`` (the ones the user just opened or submitted) get the cursor; the
    context's ``announcement`` (or the forms' errors) goes to the live region.
    """
    focus = list(focus)
    for value in focus:
        if isinstance(value, BaseForm):
            focus_first_field(value)
    if region not in regions or request.htmx.target != region:
        return render(request, template, context)
    parts = [render_to_string(f"{template}#{region}", context, request)]
    parts += [
        render_to_string(f"{template}#{name}", {**context, "oob": True}, request) for name in oob
    ]
    response = HttpResponse("".join(parts))
    return announce(request, response, context.get("announcement", ""), forms=focus)


def save_with(form: BaseForm, write, **kwargs):
    """Call the service ``write`` with the form's data; a refused write becomes a form error.

    A form that carries a version (negotiation/versioning.py) passes it as ``expected_version``,
    and a stale one comes back as a conflict that keeps the typed text.
    Returns what the service returned, or None when the form or the service said no.
    """
    if not form.is_valid():
        return None
    fields = dict(form.cleaned_data)
    if "version" in fields:
        kwargs["expected_version"] = fields.pop("version")
    try:
        return write(**kwargs, **fields)
    except ValidationError as error:
        if isinstance(form, VersionedForm):
            form.show_conflict(error)
        else:
            form.add_error(None, error)
        return None


def deleted_meanwhile(
    request: HttpRequest, what: str, form_class: type[BaseForm], page: Callable[[], HttpResponse]
) -> HttpResponse:
    """Editing a row deleted meanwhile (in another tab, say): a 404 that says so, with ``page``
    as it is now, and gives back the text the user sent for it, so that nothing typed is lost."""
    typed = []
    if request.method == "POST":
        for name, field in form_class.base_fields.items():
            value = request.POST.get(name, "").strip()
            if value and isinstance(field, forms.CharField) and not field.widget.is_hidden:
                typed.append(f"{field.label or name.capitalize()}: {value}")
    message = f"That {what} was deleted in another tab or on another device, so nothing was saved."
    if typed:
        message += " What you typed — " + " · ".join(typed)
    messages.warning(request, message)
    response = page()
    response.status_code = 404
    return response
