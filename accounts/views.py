"""Your account: take all your data with you, or delete the account and everything in it.

Both pages ask for the password (or an authenticator code) again unless the user confirmed it
in the last few minutes: allauth's reauthentication, whose middleware sends them to
"Confirm it's you" and back.
"""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import DeleteAccountForm


@require_http_methods(["GET", "POST"])
@reauthentication_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Explain what the export holds (GET); download it as a JSON file (POST)."""
    if request.method != "POST":
        return render(request, "accounts/account_export.html")
    response = HttpResponse(
        services.export_json(user=request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{services.export_filename()}"'
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
@reauthentication_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Say what deleting takes with it (GET); delete the account once the email is typed (POST)."""
    data = request.POST if request.method == "POST" else None  # an empty POST gets its errors
    form = DeleteAccountForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        messages.success(
            request, "Your account and everything in it are deleted. Good luck out there."
        )
        return redirect("dashboard")
    context = {"form": form, **services.deletion_summary(user=request.user)}
    return render(request, "accounts/account_delete.html", context)
