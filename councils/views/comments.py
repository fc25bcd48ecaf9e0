"""Comments on shared work, posted and changed in place.

A share's conversation is one region: ``<section id="thread-<share pk>">``, rendered from the
``comment-thread`` partial of templates/councils/share_detail.html wherever the thread shows (a
mission, a plan, a debrief, a shared focus). Every form in it targets the section, so a view here
answers with that partial, plus a line for screen readers out of band, only when
``request.htmx.target`` is exactly that section's id; a plain POST redirects back to where the
user reads the thread (the item, or the share's page for a mission's owner, whose editor folds
it: ``thread_url``), and a GET or a form with errors without HTMX gets the share's page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from councils import services
from councils.emails import site_root, user_id_from_unsubscribe_token
from councils.forms import CommentEditForm, CommentForm
from councils.models import NotificationPreference, Share
from councils.permissions import get_comment_for, get_share_for
from councils.shares import KIND_NAMES, share_item_url, share_title, thread_url
from councils.threads import build_threads, mission_anchors
from inplace.regions import announce, focus_on
from opportunities.permissions import Rights

PAGE = "councils/share_detail.html"


def thread_id(share: Share) -> str:
    return f"thread-{share.pk}"


def thread_response(
    request: HttpRequest, share: Share, rights: Rights, *, announcement: str = "", **state
) -> HttpResponse:
    """The share's thread for HTMX (with ``state``: an open or invalid form), else its page."""
    (thread,) = build_threads([(share, rights)], user=request.user)
    for name, value in state.items():
        setattr(thread, name, value)
    roots = {root.pk for root in (*thread.open, *thread.resolved)}
    if thread.reply_form is not None and thread.reply_to not in roots:
        thread.form, thread.reply_form = thread.reply_form, None  # keep the words typed
    context = {"share": share, "thread": thread, "announcement": announcement}
    if request.htmx.target != thread_id(share):
        focus = share.focus if share.kind == "focus" else None
        context |= {
            "title": share_title(share),
            "kind_name": KIND_NAMES[share.kind],
            "item_url": share_item_url(share),
            "focus": focus,
            "rights": rights,
        }
        return render(request, PAGE, context)
    region = render_to_string(f"{PAGE}#comment-thread", context, request)
    forms = (thread.form, getattr(thread, "reply_form", None), *state.values())
    return announce(request, HttpResponse(region), announcement, forms=forms)


def _changed(
    request: HttpRequest, share: Share, rights: Rights, *, anchor: str, message: str, **state
) -> HttpResponse:
    """After a successful write: the fresh thread for HTMX, else back to where the user reads it
    (the shared item, or the share's page where the item's page folds the thread)."""
    if request.htmx.target == thread_id(share):
        response = thread_response(request, share, rights, announcement=message, **state)
        return focus_on(response, anchor)
    messages.success(request, message)
    return redirect(f"{thread_url(share, request.user)}#{anchor}")


def _reply_to(request: HttpRequest) -> int | None:
    parent = request.POST.get("parent", "")
    return int(parent) if parent.isdigit() and len(parent) < 19 else None


@require_POST
def comment_create(request: HttpRequest, share_pk: int) -> HttpResponse:
    """Post a comment, or a reply, on work shared with one of the user's councils."""
    share, rights = get_share_for(request.user, share_pk)
    reply_to = _reply_to(request)
    auto_id = f"reply-{reply_to}-%s" if reply_to else f"{thread_id(share)}-%s"
    anchors = mission_anchors(share.mission_id) if share.mission_id and not reply_to else ()
    form = CommentForm(request.POST, share=share, anchors=anchors, auto_id=auto_id)
    if form.is_valid():
        try:
            comment = services.post_comment(
                share=share, author=request.user, base_url=site_root(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = "Posted your reply." if reply_to else "Posted your comment."
            anchor = f"comment-{comment.pk}"
            return _changed(
                request, share, rights, anchor=anchor, message=message, highlight=comment.pk
            )
    if reply_to:
        return thread_response(request, share, rights, reply_form=form, reply_to=reply_to)
    return thread_response(request, share, rights, form=form)


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """Open one's own comment for editing in place (GET) and save the new words (POST)."""
    comment, rights = get_comment_for(request.user, comment_pk, edit=True)
    data = request.POST if request.method == "POST" else None
    form = CommentEditForm(data, instance=comment, auto_id=f"edit-{comment.pk}-%s")
    if form.is_valid():
        services.edit_comment(comment=comment, body=form.cleaned_data["body"])
        anchor = f"comment-{comment.pk}"
        message = "Saved your comment."
        return _changed(
            request, comment.share, rights, anchor=anchor, message=message, highlight=comment.pk
        )
    return thread_response(request, comment.share, rights, edit_form=form)


@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """Ask first (GET), then delete one's own comment (POST)."""
    comment, rights = get_comment_for(request.user, comment_pk, edit=True)
    if request.method != "POST":
        return thread_response(request, comment.share, rights, deleting=comment)
    services.delete_comment(comment=comment)
    anchor = thread_id(comment.share)
    message = "Deleted your comment."
    return _changed(request, comment.share, rights, anchor=anchor, message=message)


@require_POST
def comment_resolve(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """Resolve a thread on the user's own shared work (it folds away), or reopen it."""
    comment, rights = get_comment_for(request.user, comment_pk, resolve=True)
    resolved = request.POST.get("resolved", "1") != "0"
    root = services.resolve_comment(comment=comment, by=request.user, resolved=resolved)
    if resolved:
        message = "Resolved. The thread is folded away under “Resolved”; reopen it any time."
    else:
        message = "Reopened the thread."
    anchor = f"comment-{root.pk}"
    return _changed(
        request, comment.share, rights, anchor=anchor, message=message, highlight=root.pk
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Turn comment emails off (or back on) from the link in one: no sign-in; GET only asks."""
    user_id = user_id_from_unsubscribe_token(token) if len(token) < 200 else None
    if user_id is None:
        raise Http404
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if request.method == "POST":
        enabled = request.POST.get("comment_emails") == "on"
        services.set_comment_emails(user=user, enabled=enabled)
        return redirect(request.path)
    preference = NotificationPreference.objects.filter(user=user).first()
    context = {
        "enabled": preference is None or preference.comment_emails,
        "masked_email": _masked(user.email),
    }
    response = render(request, "councils/notification_unsubscribe.html", context)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _masked(email: str) -> str:
    """m•••@example.com: enough to recognise one's address, not to harvest it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "your address"
