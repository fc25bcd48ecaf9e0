"""Forms rendered faster: Django's common widgets and crispy's plain field, written in Python.

Each field's widget is a small template (``django/forms/widgets/input.html`` and friends), and
rendering one through the template engine costs ~0.4 ms: on the negotiation plan, with ~40
fields, that was a third of the page. For the widgets our forms use (inputs, textareas,
selects) this renderer builds exactly the markup those templates produce, escaping as they do;
any other template (radios, an app's own widget) goes through the templates as before.
tests/test_form_rendering.py renders every field of every form both ways and compares.
"""

from pathlib import Path

import django.forms
from django import forms, template
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "search",
        "tel",
        "color",
    )
}
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
FAST_TEMPLATES = {*INPUT_TEMPLATES, TEXTAREA, SELECT}
DJANGO_FORM_TEMPLATES = Path(django.forms.__file__).parent / "templates"


def _text(value) -> str:
    """``{{ value }}`` in a template: local time, localized, escaped unless already safe."""
    if isinstance(value, str):  # most values: localizing a string leaves it as it is
        return conditional_escape(value)
    return conditional_escape(localize(template_localtime(value)))


def _string(value) -> str:
    """``{{ value|stringformat:'s' }}``: str() of the value, escaped unless it was safe."""
    text = "%s" % value  # noqa: UP031 - the template filter's exact semantics
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: True is a bare attribute, False leaves it out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_string(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_string(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option: dict) -> str:
    return (
        f'<option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None  # a custom option template: let the engine render it
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastWidgetRenderer(DjangoTemplates):
    """The default form renderer; inputs, textareas and selects skip the template engine."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if template_name in FAST_TEMPLATES and widget and self._is_django_template(template_name):
            if template_name in INPUT_TEMPLATES:
                html = _input(widget)
            elif template_name == TEXTAREA:
                html = _textarea(widget)
            elif template_name == SELECT:
                html = _select(widget)
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()

    def _is_django_template(self, template_name: str) -> bool:
        """True unless an installed app overrides Django's own widget template."""
        cache = self.__dict__.setdefault("_django_templates", {})
        if template_name not in cache:
            origin = self.get_template(template_name).origin.name
            cache[template_name] = str(origin).startswith(str(DJANGO_FORM_TEMPLATES))
        return cache[template_name]


# crispy-forms' Bootstrap 5 field (templates/bootstrap5/field.html overrides the pack's file with
# a call to the tag below). The pack's template is ~80 lines of nested conditions and includes
# and cost ~0.5 ms a field; the plain case (a label, the widget, errors, help text) is written
# out here with the same markup, and every other case (checkboxes, radios, files, fieldsets,
# horizontal forms, helper-set classes) still renders the pack's own template.

register = template.Library()
FIELD_TEMPLATE = "bootstrap5/field.html"


def _crispy_widget(field, css: str) -> str:
    """``{% crispy_field field 'class' css %}``: the widget with crispy's classes added."""
    widget = field.field.widget
    converters = getattr(settings, "CRISPY_CLASS_CONVERTERS", {})
    class_name = widget.__class__.__name__.lower()
    class_name = converters.get(class_name, class_name)
    classes = widget.attrs.get("class", "")
    if classes:
        if classes.find(class_name) == -1:
            classes += f" {class_name}"
    else:
        classes = class_name
    for name in css.split():
        if name not in classes.split():
            classes += f" {name}"
    widget.attrs["class"] = classes
    return str(field)


def _is_plain(context, field) -> bool:
    """The field and its context take the pack's simplest branch, and nothing else."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.FileInput):
        return False
    if isinstance(widget, forms.MultiWidget) or hasattr(widget, "widget"):
        return False
    if getattr(field, "use_fieldset", False):
        return False
    if "form-horizontal" in (context.get("form_class") or ""):
        return False
    unusual = ("tag", "label_class", "field_class", "wrapper_class", "help_text_inline")
    if any(context.get(name) for name in unusual) or context.get("error_text_inline"):
        return False
    return bool(context.get("form_show_labels"))


def _plain_field(context, field) -> str:
    errors = field.errors if context.get("form_show_errors") else []
    css = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    widget = _crispy_widget(field, f"{css} is-invalid" if field.errors else css)
    required = field.field.required
    css_classes = field.css_classes()
    parts = [
        f'<div id="div_{_text(field.auto_id)}" class="mb-3'
        f'{" " + _text(css_classes) if css_classes else ""}">'
    ]
    if field.label:
        label_for = f' for="{_text(field.id_for_label)}"' if field.id_for_label else ""
        asterisk = '<span class="asteriskField">*</span>' if required else ""
        parts.append(
            f'<label{label_for} class="form-label{" requiredField" if required else ""}"> '
            f"{_text(field.label)}{asterisk} </label>"
        )
    parts.append(widget)
    if errors:
        parts.append(f'<div id="{_text(field.errors.field_id)}_error" class="invalid-feedback">')
        parts += [
            f'<p id="error_{n}_{_text(field.auto_id)}"><strong>{_text(error)}</strong></p>'
            for n, error in enumerate(errors, start=1)
        ]
        parts.append("</div>")
    if field.help_text:
        help_id = f'id="{_text(field.auto_id)}_helptext" ' if field.auto_id else ""
        parts.append(f'<div {help_id}class="form-text">{field.help_text}</div>')
    parts.append("</div>")
    return " ".join(parts)


@register.simple_tag(takes_context=True)
def bootstrap5_field(context) -> str:
    """One crispy field: the plain case in Python, anything else through the pack's template."""
    field = context.get("field")
    if field is None:
        return ""
    if field.is_hidden:
        return mark_safe(str(field))  # noqa: S308 - Django's own widget markup
    if _is_plain(context, field):
        return mark_safe(_plain_field(context, field))  # noqa: S308 - built from escaped parts
    return pack_field_template(context.template.engine).render(context)


def pack_field_template(engine):
    """crispy-bootstrap5's own field.html, found past our override of it."""
    ours = engine.find_template(FIELD_TEMPLATE)[1]
    return engine.find_template(FIELD_TEMPLATE, skip=[ours])[0]
