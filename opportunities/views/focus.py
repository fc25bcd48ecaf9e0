"""The user's search focus: the candidate-market-fit statement everything is judged against."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opportunities.forms import FocusForm
from opportunities.models import Focus


@require_http_methods(["GET", "POST"])
def focus_edit(request: HttpRequest) -> HttpResponse:
    """Show and save the user's focus; the first visit starts from an empty form."""
    focus = Focus.objects.filter(owner=request.user).first()
    data = request.POST if request.method == "POST" else None
    form = FocusForm(data, instance=focus)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        form.save()
        messages.success(
            request,
            "Your focus is saved. Rate each opportunity against it to keep your search on course.",
        )
        return redirect("focus_edit")
    return render(request, "opportunities/focus_edit.html", {"form": form, "focus": focus})
