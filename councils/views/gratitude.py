"""The gratitude house: the people who got the user here, edited in place on one page.

The page (templates/councils/gratitude_list.html) has one swappable region,
``gratitude-house``; a view renders it alone when ``request.htmx.target`` names it, else the
whole page, and a successful plain POST redirects back to the page. A GET on an edit or delete
URL is the page with that form (or the "are you sure?" step) open in place, so everything
works without JavaScript. A short text for screen readers goes out of band to the page's live
region (``announce`` in negotiation/regions.py).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from councils import services
from councils.forms import GratitudeEntryForm
from councils.models import GratitudeEntry
from councils.permissions import get_gratitude_entry_for
from inplace.regions import announce, focus_on, form_data

TEMPLATE = "councils/gratitude_list.html"
REGION = "gratitude-house"
NEW = "gratitude-new-%s"


def _respond(request: HttpRequest, *, announcement: str = "", **state) -> HttpResponse:
    """The region when htmx asks for it (with the status out of band), else the whole page."""
    context = {
        "entries": GratitudeEntry.objects.filter(owner=request.user),
        "form": GratitudeEntryForm(auto_id=NEW),
        **state,
    }
    if request.htmx.target != REGION:
        return render(request, TEMPLATE, context)
    region = render_to_string(f"{TEMPLATE}#{REGION}", context, request)
    return announce(request, HttpResponse(region), announcement, forms=state.values())


def _saved(request: HttpRequest, message: str, *, anchor: str) -> HttpResponse:
    """After a write: the fresh region for htmx, a redirect back to the page for a plain post."""
    if request.htmx.target == REGION:
        return focus_on(_respond(request, announcement=message), anchor)
    messages.success(request, message)
    return redirect(f"{reverse('gratitude_list')}#{anchor}")


@require_http_methods(["GET", "POST"])
def gratitude_list(request: HttpRequest) -> HttpResponse:
    """The gratitude house; a POST adds someone to it."""
    if request.method != "POST":
        return _respond(request)
    form = GratitudeEntryForm(request.POST, auto_id=NEW)
    if not form.is_valid():
        return _respond(request, form=form)
    entry = services.add_gratitude_entry(owner=request.user, **form.cleaned_data)
    return _saved(request, f"{entry.name} is in your gratitude house.", anchor=f"person-{entry.pk}")


@require_http_methods(["GET", "POST"])
def gratitude_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Open (GET) and save (POST) one person's entry in place."""
    entry = get_gratitude_entry_for(request.user, pk)
    form = GratitudeEntryForm(
        form_data(request), instance=entry, auto_id=f"gratitude-{entry.pk}-%s"
    )
    if form.is_valid():
        form.save()
        return _saved(request, f"Saved what {entry.name} did.", anchor=f"person-{entry.pk}")
    return _respond(request, editing=entry.pk, edit_form=form)


@require_http_methods(["GET", "POST"])
def gratitude_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then take someone out of the gratitude house (POST)."""
    entry = get_gratitude_entry_for(request.user, pk)
    if request.method != "POST":
        return _respond(request, deleting=entry.pk)
    entry.delete()
    return _saved(request, f"Took {entry.name} out of your gratitude house.", anchor=REGION)
