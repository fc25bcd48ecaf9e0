"""Council content composed into pages of both apps (negotiation pages never import councils)."""

import datetime as dt
import html

from django import template
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from councils.forms import FEELING_WORDS
from councils.markdown import render_markdown
from councils.models import Debrief
from councils.shares import (
    KIND_NAMES,
    share_choices,
    share_field,
    share_item_url,
    share_title,
    share_url_of,
)
from councils.threads import anchor_counts, member_name, thread_summaries, threads_for
from missions.models import KeyResult
from opportunities.models import Interview

register = template.Library()

# Debrief reminders.

REMINDER_WINDOW = dt.timedelta(days=30)
REMINDERS_SHOWN = 5
# Interviews without a debrief, most recent first. Built once: on the dashboard, building the
# query cost more than compiling and running it; each call filters a copy.
_UNDEBRIEFED = (
    Interview.objects.filter(debriefs__isnull=True)
    .select_related("opportunity")
    .only("scheduled_at", "kind", "channel", "opportunity__company", "opportunity__role")
    .order_by("-scheduled_at", "-pk")
)


@register.inclusion_tag("councils/includes/debrief_reminders.html")
def debrief_reminders(user) -> dict:
    """Interviews of the last 30 days that passed without a debrief: one query, at most 6 rows."""
    now = timezone.now()
    waiting = list(
        _UNDEBRIEFED.filter(
            opportunity__owner_id=user.pk,
            scheduled_at__lt=now,
            scheduled_at__gte=now - REMINDER_WINDOW,
        )[: REMINDERS_SHOWN + 1]
    )
    return {"interviews": waiting[:REMINDERS_SHOWN], "more": len(waiting) > REMINDERS_SHOWN}


@register.filter
def feeling_word(value: int) -> str:
    """The word for a debrief's 1–5 feeling: 4 → "Good"."""
    return FEELING_WORDS.get(value, "")


# Sharing with councils and comment threads. On any page of shareable work (the focus, a
# mission, a negotiation plan, a debrief):
#
#   {% load councils_tags %}
#   {% include "councils/includes/share_panel.html" with item=debrief %}   (owner only)
#   {% council_threads debrief %}        one thread per council the reader shares it with
#   {% council_thread_summaries mission %}   the same, folded: each thread loads when opened
#
# and on a mission, beside each objective and key result:
#
#   {% comment_anchor_counts mission as comment_counts %}                  (once)
#   {% comment_anchor_counts mission folded=True as comment_counts %}      (beside folded threads)
#   {% anchored_comments comment_counts objective %}                        "2 comments" link


@register.filter
def markdown(text: str) -> SafeString:
    """A member's markdown as safe HTML (councils.markdown's allowlist)."""
    return render_markdown(text)


@register.filter
def shared_item_title(share) -> str:
    """The item's short name, e.g. "Job mission · Director of Product at Acme"."""
    return share_title(share)


@register.filter
def shared_item_url(share) -> str:
    """The page where the shared item is read (for a focus, the share's own page)."""
    return share_item_url(share)


@register.filter
def display_name(user) -> str:
    """A council member's name as others see it."""
    return member_name(user)


@register.inclusion_tag("councils/includes/comment_threads.html", takes_context=True)
def council_threads(context, item) -> dict:
    """The comment threads about ``item`` that the reader may see, one per council."""
    request = context["request"]
    return {
        "threads": threads_for(request.user, item),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("councils/includes/comment_thread_summaries.html", takes_context=True)
def council_thread_summaries(context, item) -> dict:
    """The comment threads about ``item`` that the reader may see, each folded to one line.

    Opening one fetches its thread with HTMX (the ``comment-thread`` partial that share_detail
    serves); without JavaScript its link opens the share's page, which shows the thread.
    """
    return {"summaries": thread_summaries(context["request"].user, item)}


@register.simple_tag(takes_context=True)
def share_panel_state(context, item) -> dict:
    """What the share panel shows: the owner's councils, ticked where shared; one query."""
    form = context.get("share_form")
    ticked = set(form.data.getlist("councils")) if form is not None else None
    rows = []
    for council in share_choices(context["request"].user, item):
        checked = str(council.pk) in ticked if ticked is not None else bool(council.share_pk)
        rows.append({"council": council, "checked": checked})
    kind = KIND_NAMES[share_field(item)]
    return {"form": form, "rows": rows, "action": share_url_of(item), "kind": kind}


@register.simple_tag(takes_context=True)
def comment_anchor_counts(context, item, folded: bool = False) -> dict:
    """Anchored comments per objective and key result of ``item`` (a mission): one query."""
    return anchor_counts(context["request"].user, item, folded=folded)


@register.simple_tag
def anchored_comments(counts: dict, anchor) -> str:
    """A small "N comments" link beside an objective or key result, jumping to the thread."""
    prefix = "key-result" if isinstance(anchor, KeyResult) else "objective"
    entry = counts.get(f"{prefix}-{anchor.pk}") if counts else None
    if not entry:
        return ""
    count, open_count = entry["count"], entry["open"]
    label = f"{count} comment{pluralize(count)}"
    state = f"{open_count} open" if open_count else "resolved"
    return format_html(
        '<a class="anchor-comments{}" href="{}">{}<span class="visually-hidden">'
        " about “{}”, {}</span></a>",
        "" if open_count else " is-resolved",
        entry["href"],
        label,
        str(anchor),
        state,
    )


# Before you go in.


@register.filter
def starts_in(when: dt.datetime) -> str:
    """How soon an interview starts, the way a person says it: "in 40 minutes", "tomorrow"."""
    now = timezone.now()
    if when <= now:
        return "already started"
    minutes = int((when - now).total_seconds() // 60)
    days = (timezone.localtime(when).date() - timezone.localdate()).days
    if minutes < 60:
        return f"in {max(minutes, 1)} minute{pluralize(max(minutes, 1))}"
    if days == 0:
        return f"today, in {minutes // 60} hour{pluralize(minutes // 60)}"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


EXCERPT_WORDS = 40


@register.filter
def comment_excerpt(body: str) -> str:
    """A comment's words without its markdown, cut to a short excerpt (escaped on output)."""
    text = html.unescape(strip_tags(render_markdown(body)))
    return Truncator(" ".join(text.split())).words(EXCERPT_WORDS)


# Debriefs beside the interviews on an opportunity's page.


@register.simple_tag
def debriefs_by_interview(opportunity) -> dict[int, int]:
    """{interview id: debrief id} for the opportunity's interviews the owner debriefed."""
    debriefs = Debrief.objects.filter(
        owner_id=opportunity.owner_id, interview__opportunity_id=opportunity.pk
    ).order_by("pk")
    return dict(debriefs.values_list("interview_id", "pk"))


@register.filter
def debrief_of(debriefs: dict[int, int], interview) -> int | None:
    """The debrief written about ``interview``, from ``debriefs_by_interview``."""
    return debriefs.get(interview.pk) if debriefs else None
