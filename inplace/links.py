"""Links for many rows at the price of one ``reverse()``.

A page of fifty rows links each row to the same URL pattern with a different id; fifty calls to
``reverse()`` (or ``{% url %}`` and ``get_absolute_url`` in a loop) were a fifth of a row's
rendering. ``link_to`` reverses the pattern once, then puts each id in its place.
"""

from collections.abc import Callable

from django.urls import reverse

# Stands in for the id while reversing: any integer the patterns accept, whose digits appear
# nowhere else in our paths.
_STAND_IN = 9_876_543_210_123


def link_to(name: str, *args: object) -> Callable[[int], str]:
    """A function of an id giving ``reverse(name, args=[*args, id])``, with the one reverse
    done now; the id is the pattern's last argument."""
    stand_in = str(_STAND_IN)
    url = reverse(name, args=[*args, _STAND_IN])
    if url.count(stand_in) != 1:
        raise ValueError(f"{name!r} does not reverse to a path with one id in it: {url}")
    head, _, tail = url.partition(stand_in)
    return lambda pk: f"{head}{int(pk)}{tail}"
