"""Rows the user puts in order (objectives, key results, questions, asks): a position each,
moved one place up or down by the row controls (templates/inplace/move_controls.html)."""

MOVE_DIRECTIONS = ("up", "down")


def next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def move(siblings, item, direction: str) -> None:
    """Swap ``item`` with its neighbour and renumber the siblings 0..n-1."""
    if direction not in MOVE_DIRECTIONS:
        raise ValueError(f"direction must be one of {MOVE_DIRECTIONS}, not {direction!r}")
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        sibling.position = position
    siblings.model.objects.bulk_update(ordered, ["position"])
