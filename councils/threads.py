"""Comment threads on shared work: one thread per share, built in a fixed number of queries.

A thread is the share's top-level comments, each with its replies (one level deep), split into
open and resolved. A comment on a shared mission may be anchored to one of its objectives or
key results; the anchors are numbered as the mission shows them (O1, KR 1.2).
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from councils.forms import CommentEditForm, CommentForm
from councils.models import Comment, Share
from councils.permissions import share_rights
from councils.shares import SHARE_RELATED, share_field, share_title, shares_of, thread_url
from missions.models import Objective
from opportunities.models import Focus
from opportunities.permissions import Rights


def member_name(user) -> str:
    """How council members see each other: the name on their focus, else their email."""
    try:
        name = user.focus.full_name
    except Focus.DoesNotExist:
        name = ""
    return name or user.get_full_name() or user.email


def mission_anchors(mission_id: int) -> list[tuple[str, str]]:
    """The objectives and key results of a mission, in its order, as (value, label) choices."""
    choices = []
    objectives = Objective.objects.filter(mission_id=mission_id).prefetch_related("key_results")
    for number, objective in enumerate(objectives, start=1):
        choices.append((f"objective-{objective.pk}", f"O{number} · {objective.title}"))
        for kr_number, key_result in enumerate(objective.key_results.all(), start=1):
            label = f"KR {number}.{kr_number} · {key_result.description}"
            choices.append((f"key-result-{key_result.pk}", label))
    return choices


def anchor_value(comment: Comment) -> str:
    """The anchor a comment is about, as a form value ("" for the whole item)."""
    if comment.key_result_id:
        return f"key-result-{comment.key_result_id}"
    if comment.objective_id:
        return f"objective-{comment.objective_id}"
    return ""


@dataclass
class Thread:
    """One share's conversation, ready to render for one reader."""

    share: Share
    title: str
    open: list[Comment]
    resolved: list[Comment]
    anchors: list[tuple[str, str]]
    can_resolve: bool  # the reader's work: they resolve and reopen its threads
    form: CommentForm
    url: str = ""
    comment_count: int = 0
    # What the view opens or marks: a reply with errors, a comment being edited or deleted,
    # the comment just written.
    reply_form: CommentForm | None = None
    reply_to: int | None = None
    edit_form: CommentEditForm | None = None
    deleting: Comment | None = None
    highlight: int | None = None

    @property
    def dom_id(self) -> str:
        return f"thread-{self.share.pk}"

    @property
    def show_resolved(self) -> bool:
        """Unfold the resolved threads while something in them is open: a reply, an edit."""
        open_ids = {self.reply_to}
        if self.edit_form is not None:
            open_ids.add(self.edit_form.instance.pk)
        if self.deleting is not None:
            open_ids.add(self.deleting.pk)
        resolved_ids = {c.pk for root in self.resolved for c in (root, *root.thread_replies)}
        return bool(resolved_ids & open_ids)


def build_threads(shares: list[tuple[Share, Rights]], *, user) -> list[Thread]:
    """The threads of ``shares``, each given with ``user``'s rights on it, as ``user`` reads
    them: 2 queries, plus 2 per mission shared."""
    if not shares:
        return []
    anchors = {}
    for share, _ in shares:
        if share.mission_id and share.mission_id not in anchors:
            anchors[share.mission_id] = mission_anchors(share.mission_id)
    comments = Comment.objects.filter(share__in=[share for share, _ in shares]).select_related(
        "author__focus"
    )
    by_share: dict[int, list[Comment]] = {share.pk: [] for share, _ in shares}
    for comment in comments:
        by_share[comment.share_id].append(comment)
    return [
        _thread(share, rights, by_share[share.pk], anchors.get(share.mission_id, []), user=user)
        for share, rights in shares
    ]


def _thread(share: Share, rights: Rights, comments: list[Comment], anchors, *, user) -> Thread:
    labels = dict(anchors)
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        comment.is_mine = comment.author_id == user.pk
        comment.author_name = "You" if comment.is_mine else member_name(comment.author)
        comment.anchor_id = anchor_value(comment)
        comment.anchor_label = labels.get(comment.anchor_id, "")
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    roots = [comment for comment in comments if not comment.parent_id]
    for root in roots:
        root.thread_replies = replies.get(root.pk, [])
    # A deleted comment stays only while replies hang on it.
    roots = [root for root in roots if not root.deleted_at or root.thread_replies]
    form = CommentForm(share=share, anchors=anchors, auto_id=f"thread-{share.pk}-%s")
    if rights.owner:
        form.fields["body"].widget.attrs["placeholder"] = "Answer your council, or add context."
    return Thread(
        share=share,
        title=share_title(share),
        open=[root for root in roots if not root.resolved_at],
        resolved=[root for root in roots if root.resolved_at],
        anchors=anchors,
        can_resolve=rights.owner,
        form=form,
        url=thread_url(share, user),
        comment_count=sum(1 for comment in comments if not comment.deleted_at),
    )


def visible_shares(user, item):
    """The shares of ``item`` in councils ``user`` belongs to, oldest first."""
    return (
        shares_of(item)
        .filter(council__memberships__user_id=user.pk)
        .select_related(*SHARE_RELATED, "shared_by")
        .order_by("created_at", "pk")
    )


def threads_for(user, item) -> list[Thread]:
    """Every thread about ``item`` that ``user`` may read: one per council it is shared with."""
    shares = [(share, share_rights(user, share)) for share in visible_shares(user, item)]
    return build_threads(shares, user=user)


@dataclass
class ThreadSummary:
    """One share's conversation folded to a line; opening it loads the thread (``url``)."""

    share: Share
    comment_count: int
    open_count: int
    latest: Comment | None
    url: str

    @property
    def dom_id(self) -> str:
        return f"thread-{self.share.pk}"


def thread_summaries(user, item) -> list[ThreadSummary]:
    """The threads about ``item`` that ``user`` may read, folded: 3 queries however long.

    Kept to plain queries on purpose: grouping the shares themselves (with the related rows
    ``visible_shares`` loads) cost more to compile than the threads save.
    """
    latest = Comment.objects.filter(share=OuterRef("pk"), deleted_at=None).order_by(
        "-created_at", "-pk"
    )
    shares = list(
        shares_of(item)
        .filter(council__memberships__user_id=user.pk)
        .select_related("council")
        .annotate(latest_id=Subquery(latest.values("pk")[:1]))
        .order_by("created_at", "pk")
    )
    if not shares:
        return []
    counts = {
        share_id: (count, open_count)
        for share_id, count, open_count in Comment.objects.filter(share__in=shares, deleted_at=None)
        .order_by()
        .values("share_id")
        .annotate(count=Count("pk"), open=Count("pk", filter=Q(parent=None, resolved_at=None)))
        .values_list("share_id", "count", "open")
    }
    ids = [share.latest_id for share in shares if share.latest_id]
    latest_comments = Comment.objects.select_related("author__focus").in_bulk(ids)
    for comment in latest_comments.values():
        comment.author_name = "You" if comment.author_id == user.pk else member_name(comment.author)
    return [
        ThreadSummary(
            share=share,
            comment_count=counts.get(share.pk, (0, 0))[0],
            open_count=counts.get(share.pk, (0, 0))[1],
            latest=latest_comments.get(share.latest_id),
            url=reverse("share_detail", args=[share.pk]),
        )
        for share in shares
    ]


def anchor_counts(user, item, *, folded: bool = False) -> dict[str, dict]:
    """Anchored comments per objective and key result, for the small links beside them.

    Keys are anchor values ("objective-3", "key-result-7"); each value holds ``count`` and the
    ``href`` of the comment to jump to: the first open one, else the first. On a page that shows
    the threads, that is an anchor in the page; where they are ``folded``, the share's page.
    """
    anchored = (
        Comment.objects.filter(
            **{f"share__{share_field(item)}": item},
            share__council__memberships__user_id=user.pk,
            parent=None,
            deleted_at=None,
        )
        .filter(Q(objective__isnull=False) | Q(key_result__isnull=False))
        .order_by("created_at", "pk")
        .values_list("pk", "share_id", "objective_id", "key_result_id", "resolved_at")
    )
    counts: dict[str, dict] = {}
    for pk, share_id, objective_id, key_result_id, resolved_at in anchored:
        key = f"key-result-{key_result_id}" if key_result_id else f"objective-{objective_id}"
        target = (pk, share_id)
        entry = counts.setdefault(key, {"count": 0, "open": 0, "target": target})
        entry["count"] += 1
        if resolved_at is None:
            entry["open"] += 1
            entry.setdefault("open_target", target)
    for entry in counts.values():
        pk, share_id = entry.pop("open_target", entry["target"])
        entry["target"] = pk
        page = reverse("share_detail", args=[share_id]) if folded else ""
        entry["href"] = f"{page}#comment-{pk}"
    return counts
