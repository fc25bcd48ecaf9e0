"""Demo content goes through the same forms a user types it into."""

from django.forms import BaseForm


def valid(form: BaseForm) -> BaseForm:
    """``form``, bound to demo content and checked: content it refuses is a bug in the demo."""
    if not form.is_valid():
        raise ValueError(f"{type(form).__name__} refuses the demo's content: {form.errors}")
    return form
