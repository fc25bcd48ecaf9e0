"""Nothing lost between tabs: every edit form carries the version of the row it was opened at.

The design, the same for every edited row:

- Each row a form edits has its own ``version`` (``Versioned``): the mission for its own
  fields (purpose, responsibilities, the PDF choice), each objective, key result and question,
  each success ask and conversation. The negotiation plan's version guards the plan's own
  fields — the money ask's targets, reasons and script, which live in a one-to-one row created
  on the first save (so two tabs creating it conflict too); the money ask's own version guards
  how the ask went, a separate form beside it.
- An edit form carries the version it was opened at in a hidden input (``VersionedForm``).
  A save locks the row, compares, and bumps the version (``claim_version``), in the same
  transaction as the write: a stale version raises ``EditConflict`` and nothing is written.
- So two tabs editing the same row conflict, while one tab editing several things never does:
  a save bumps only the version of the row it wrote, and the region it re-renders carries the
  new one. A parent's version does not move when its children change, and re-ordering rows
  (positions only) bumps nothing.
- On a conflict the form comes back with what the user typed, a message, what is saved now,
  and the fresh version in its hidden input: sending it again saves over deliberately.
- A post without a version (a script, a page opened before versions existed) is not checked.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Model
from django.utils.formats import number_format

CONFLICT_MESSAGE = (
    "This was changed in another tab or by another device since you opened it — your text is "
    "kept below; here is what is saved now:"
)
GONE_MESSAGE = (
    "This was deleted in another tab or by another device since you opened it, so it could not "
    "be saved."
)


class Versioned(models.Model):
    """A row edited through forms that carry the version they were opened at."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(ValidationError):
    """A save based on a version older than the stored one; ``current`` is the row as stored."""

    def __init__(self, current: Versioned) -> None:
        super().__init__(CONFLICT_MESSAGE, code="stale")
        self.current = current


def claim_version(instance: Versioned, expected_version: int | None) -> None:
    """Lock ``instance``'s row and move it to the next version; call it inside the write's
    transaction, before writing.

    Raises EditConflict when ``expected_version`` (the one the form was opened at) is not the
    stored one, and ValidationError (code "gone") when the row was deleted meanwhile.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_version() must run inside the write's transaction")
    model = type(instance)
    current = model.objects.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise ValidationError(GONE_MESSAGE, code="gone")
    if expected_version is not None and expected_version != current.version:
        raise EditConflict(current)
    model.objects.filter(pk=instance.pk).update(version=F("version") + 1)
    instance.version = current.version + 1


def _shown(instance: models.Model | None, name: str) -> str:
    """How a saved field reads to the user."""
    if instance is None:
        return "(empty)"
    field = instance._meta.get_field(name)
    if field.many_to_many:
        names = [str(item) for item in getattr(instance, name).all()]
        return ", ".join(names) or "(empty)"
    if field.choices:
        return getattr(instance, f"get_{name}_display")() or "(empty)"
    value = getattr(instance, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):  # 201,000 rather than 201000.00, as the page shows figures
        places = 0 if value == value.to_integral_value() else 2
        return number_format(value, decimal_pos=places, force_grouping=True)
    return "(empty)" if value in (None, "") else str(value)


def _comparable(value) -> object:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, models.QuerySet)):
        return sorted(_comparable(item) for item in value)
    return "" if value is None else value


class VersionField(forms.CharField):
    """The hidden version; anything but a whole number counts as stale, so it shows a conflict
    rather than an error on a field nobody can see."""

    widget = forms.HiddenInput

    def to_python(self, value) -> int | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return int(value) if value.isdecimal() and len(value) < 10 else -1


class VersionedForm(forms.Form):
    """A form that carries the version of the row it edits, opened at ``version``.

    Mix in before the form class. Without ``version`` it is read from the form's instance.
    """

    version = VersionField(required=False)

    def __init__(self, *args, version: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if version is None:
            version = getattr(getattr(self, "instance", None), "version", None)
        if not self.is_bound:
            self.initial["version"] = version
        self.conflicted = False
        self.saved_now: list[tuple[str, str]] = []

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def show_conflict(self, error: ValidationError, saved: models.Model | None = None) -> None:
        """Keep the typed text; say why nothing was saved and, for a conflict, what is saved
        now (the fields where it differs from the typed text), with the fresh version in the
        hidden input so that sending the form again saves over it."""
        self.add_error(None, error)
        if not isinstance(error, EditConflict):
            return
        self.conflicted = True
        saved = error.current if saved is None else saved
        for name, field in self.fields.items():
            if name == "version":
                continue
            stored = getattr(saved, name, None) if saved is not None else None
            if saved is not None and saved._meta.get_field(name).many_to_many:
                stored = list(getattr(saved, name).all())
            typed = self.cleaned_data.get(name, self.data.get(name))
            if _comparable(stored) != _comparable(typed):
                self.saved_now.append((str(field.label), _shown(saved, name)))
        data = self.data.copy()
        data["version"] = error.current.version
        self.data = data


def save_if_current(form: VersionedForm) -> Model | None:
    """Save a valid model form if its row is still at the version the form was opened at.

    Returns the saved row, or None when the form has errors or the save was refused; then the
    form says why (``show_conflict``) and keeps what was typed.
    """
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            claim_version(form.instance, form.expected_version)
            return form.save()
    except ValidationError as error:
        form.show_conflict(error)
        return None
