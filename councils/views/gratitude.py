"""The gratitude house: the people who got the user here, edited in place on one page.

The page (templates/councils/gratitude_list.html) has one swappable region,
``gratitude-house``; a view renders it alone when ``request.htmx.target`` names it, else the
whole page, and a successful plain POST redirects back to the page. A GET on an edit or delete
URL is the page with that form (or the "are you sure?" step) open in place, so everything
works without JavaScript. A short text for screen readers goes out of band to the page's live
region (``announce`` in inplace/regions.py). ``HOUSE`` declares the page.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from councils import services
from councils.forms import GratitudeEntryForm
from councils.models import GratitudeEntry
from councils.permissions import get_gratitude_entry_for
from inplace.regions import Page, form_data

NEW = "gratitude-new-%s"
REGION = "gratitude-house"


def _house(request: HttpRequest, user, state) -> dict:
    return {
        "entries": GratitudeEntry.objects.filter(owner=user),
        "form": GratitudeEntryForm(auto_id=NEW),
    }


HOUSE = Page(
    "councils/gratitude_list.html",
    url=lambda user: reverse("gratitude_list"),
    regions={REGION: _house},
    cursor=False,  # the edit form puts it in the field a person changes first
)


@require_http_methods(["GET", "POST"])
def gratitude_list(request: HttpRequest) -> HttpResponse:
    """The gratitude house; a POST adds someone to it."""
    if request.method != "POST":
        return HOUSE.respond(request, request.user, REGION)
    form = GratitudeEntryForm(request.POST, auto_id=NEW)
    if not form.is_valid():
        return HOUSE.respond(request, request.user, REGION, form=form)
    entry = services.add_gratitude_entry(owner=request.user, **form.cleaned_data)
    message = f"{entry.name} is in your gratitude house."
    return HOUSE.saved(request, request.user, REGION, anchor=f"person-{entry.pk}", message=message)


@require_http_methods(["GET", "POST"])
def gratitude_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Open (GET) and save (POST) one person's entry in place."""
    entry = get_gratitude_entry_for(request.user, pk)
    form = GratitudeEntryForm(
        form_data(request), instance=entry, auto_id=f"gratitude-{entry.pk}-%s"
    )
    if form.is_valid():
        form.save()
        message = f"Saved what {entry.name} did."
        return HOUSE.saved(
            request, request.user, REGION, anchor=f"person-{entry.pk}", message=message
        )
    return HOUSE.respond(request, request.user, REGION, editing=entry.pk, edit_form=form)


@require_http_methods(["GET", "POST"])
def gratitude_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then take someone out of the gratitude house (POST)."""
    entry = get_gratitude_entry_for(request.user, pk)
    if request.method != "POST":
        return HOUSE.respond(request, request.user, REGION, deleting=entry.pk)
    entry.delete()
    message = f"Took {entry.name} out of your gratitude house."
    return HOUSE.saved(request, request.user, REGION, anchor=REGION, message=message)
