"""Sharing the owner's work with their councils, and the page of a shared focus.

The share panel (templates/councils/includes/share_panel.html) is one region, ``council-share``,
shown on the focus, mission, plan and debrief pages. A view answers with the panel alone when
``request.htmx.target == "council-share"``; otherwise a GET or a form with errors gets the page
templates/councils/share_edit.html, and a successful plain POST redirects to the item's page.
Unticking a council deletes that share with its comments: its members lose access at once.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from councils import services
from councils.forms import ShareForm
from councils.permissions import get_debrief_for, get_share_for
from councils.shares import KIND_NAMES, item_url, share_field, thread_url
from councils.views.comments import thread_id, thread_response
from inplace.regions import announce
from missions.permissions import get_mission_for
from missions.services import ensure_mission
from negotiation.permissions import get_plan_for
from negotiation.services import ensure_plan
from opportunities.models import Focus

PAGE = "councils/share_edit.html"
PANEL = "council-share"


def _names(councils) -> str:
    names = [f"“{council.name}”" for council in councils]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sharing_message(item, added, removed) -> str:
    """Say what changed, in the owner's words: who can see it now, who no longer can."""
    kind = KIND_NAMES[share_field(item)]
    parts = []
    if added:
        parts.append(f"Shared your {kind} with {_names(added)}: members can read it and comment.")
    if removed:
        parts.append(f"Stopped sharing it with {_names(removed)}; their comments on it are gone.")
    return " ".join(parts) or f"Nothing changed: your {kind} is shared as before."


def _share(request: HttpRequest, item) -> HttpResponse:
    """Show and save the councils ``item`` is shared with."""
    data = request.POST if request.method == "POST" else None
    form = ShareForm(data, user=request.user, auto_id="share-%s")
    if form.is_valid():
        added, removed = services.set_shared_councils(
            owner=request.user, item=item, councils=form.cleaned_data["councils"]
        )
        message = _sharing_message(item, added, removed)
        if request.htmx.target != PANEL:
            messages.success(request, message)
            return redirect(f"{item_url(item)}#{PANEL}")
        context = {"item": item, "announcement": message}
        return announce(request, render(request, f"{PAGE}#{PANEL}", context), message)
    context = {
        "item": item,
        "share_form": form if form.is_bound else None,
        "kind_name": KIND_NAMES[share_field(item)],
        "item_url": item_url(item),
    }
    if request.htmx.target == PANEL:
        return announce(request, render(request, f"{PAGE}#{PANEL}", context), forms=[form])
    return render(request, PAGE, context)


def _saved(item, ensure):
    """A mission or plan its owner shares before ever opening it is saved empty first."""
    return item if item.pk else ensure(opportunity=item.opportunity)


@require_http_methods(["GET", "POST"])
def focus_share(request: HttpRequest) -> HttpResponse:
    """Choose the councils that read the user's search focus."""
    focus = Focus.objects.filter(owner=request.user).first()
    if focus is None:
        messages.info(request, "Write your focus first; then you can share it with a council.")
        return redirect("focus_edit")
    return _share(request, focus)


@require_http_methods(["GET", "POST"])
def mission_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the councils that read and comment on a job mission."""
    return _share(request, _saved(get_mission_for(request.user, pk)[0], ensure_mission))


@require_http_methods(["GET", "POST"])
def plan_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the councils that read a negotiation plan, salary figures included."""
    return _share(request, _saved(get_plan_for(request.user, pk)[0], ensure_plan))


@require_http_methods(["GET", "POST"])
def debrief_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the councils that read a debrief."""
    return _share(request, get_debrief_for(request.user, pk, edit=True)[0])


@require_safe
def share_detail(request: HttpRequest, share_pk: int) -> HttpResponse:
    """A shared focus with its comments; other shared work is read on its own page, except by
    a mission's owner, whose editor folds the thread (its HTMX GET fetches the thread alone)."""
    share, rights = get_share_for(request.user, share_pk)
    page = thread_url(share, request.user)
    if page != request.path and request.htmx.target != thread_id(share):
        return redirect(f"{page}#{thread_id(share)}")
    return thread_response(request, share, rights)
