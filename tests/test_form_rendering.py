"""inplace.form_rendering writes the common widgets and crispy's plain field in Python; the
markup must stay what Django's and crispy's templates produce.

Every field of every form in the project is rendered both ways, with awkward values and with
errors: widgets must be identical, crispy fields identical up to whitespace.
"""

import copy
import datetime as dt
import inspect
import re
from decimal import Decimal

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template import Context, engines
from django.utils.safestring import mark_safe
from pytest_django.asserts import assertInHTML

import accounts.forms
import councils.forms
import missions.forms
import negotiation.forms
import opportunities.forms
from inplace.form_rendering import FastWidgetRenderer, pack_field_template
from tests.html import one, select, text_of

TEMPLATES = DjangoTemplates()
FAST = FastWidgetRenderer()
VALUES = [
    None,
    "",
    "plain words",
    'quotes " and <b>tags</b> & ampersands',
    mark_safe("<em>already safe</em>"),
    0,
    12,
    Decimal("1234.50"),
    dt.date(2026, 11, 26),
    True,
    False,
    ["a", "b"],
]


def both_ways(widget, name, value, attrs):
    """(ours, Django's) rendering; (None, None) for a value the widget itself cannot take."""
    try:
        expected = widget.render(name, value, attrs=attrs, renderer=TEMPLATES)
    except TypeError:
        return None, None
    return widget.render(name, value, attrs=attrs, renderer=FAST), expected


def project_form_fields():
    modules = (
        opportunities.forms,
        missions.forms,
        negotiation.forms,
        councils.forms,
        accounts.forms,
    )
    for module in modules:
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__.startswith(
                module.__name__
            ):
                for field_name, field in form_class.base_fields.items():
                    yield pytest.param(field, id=f"{name}.{field_name}")


def test_the_project_uses_the_fast_renderer():
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


@pytest.mark.django_db
@pytest.mark.parametrize("field", list(project_form_fields()))
def test_every_project_field_renders_as_django_renders_it(field):
    for value in VALUES:
        ours, django_s = both_ways(field.widget, "name", value, {"id": "id_name"})
        assert ours == django_s, value


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(attrs={"class": "form-control", "placeholder": 'a "b" <c>'}),
        forms.NumberInput(attrs={"step": "0.01", "min": 0, "disabled": True, "hidden": False}),
        forms.EmailInput(),
        forms.URLInput(),
        forms.PasswordInput(render_value=True),
        forms.HiddenInput(),
        forms.DateInput(attrs={"type": "date"}),
        forms.DateTimeInput(),
        forms.TimeInput(),
        forms.CheckboxInput(),
        forms.Textarea(attrs={"rows": 3, "aria-describedby": "x y"}),
        forms.Select(choices=[("", "---"), ("a", "A & B"), (1, 1), ("G", [("c", "<C>")])]),
        forms.SelectMultiple(choices=[("a", "A"), ("b", "B")]),
        forms.NullBooleanSelect(),
        forms.RadioSelect(choices=[("a", "A"), ("b", "B")]),
        forms.CheckboxSelectMultiple(choices=[("a", "A")]),
    ],
    ids=lambda widget: type(widget).__name__,
)
def test_each_kind_of_widget_renders_as_django_renders_it(widget):
    for value in [*VALUES, "a", "c", 1]:
        attrs = {"id": "w", "required": True, "data-x": mark_safe("&amp;")}
        ours, django_s = both_ways(widget, "w", value, attrs)
        assert ours == django_s, value


# crispy's Bootstrap 5 field: ours (the plain case in Python) against the pack's template.


def normalized(html: str) -> str:
    """Markup with each run of whitespace as one space: how a browser reads it."""
    return re.sub(r"\s+", " ", str(html)).strip()


def pack_render(bound_field) -> str:
    engine = engines["django"].engine
    context = {
        "field": bound_field,
        "form_show_errors": True,
        "form_show_labels": True,
        "label_class": "",
        "field_class": "",
    }
    return pack_field_template(engine).render(Context(context))


def one_field_form(field, data=None):
    form_class = type("OneFieldForm", (forms.Form,), {"name": copy.deepcopy(field)})
    return form_class(data=data, auto_id="f-%s")


@pytest.mark.django_db
@pytest.mark.parametrize("field", list(project_form_fields()))
@pytest.mark.parametrize("data", [None, {}, {"name": "x" * 20000}], ids=["fresh", "empty", "huge"])
def test_every_project_field_looks_as_crispy_renders_it(field, data):
    ours = as_crispy_field(one_field_form(field, data)["name"])
    assert normalized(ours) == normalized(pack_render(one_field_form(field, data)["name"]))


def test_the_plain_case_skips_the_pack_template(monkeypatch):
    def refuse(engine):
        raise AssertionError("the pack's field.html was rendered")

    monkeypatch.setattr("inplace.form_rendering.pack_field_template", refuse)
    form = one_field_form(forms.CharField(label="Title <b>", help_text="Say <i>it</i>"), {})
    html = as_crispy_field(form["name"])
    label = one(html, "label", for_="f-name", class_="form-label requiredField")
    assert text_of(label).startswith("Title <b>") and not select(label, "b")  # escaped
    assert select(html, "input", class_="textinput form-control is-invalid")
    assertInHTML('<p id="error_1_f-name"><strong>This field is required.</strong></p>', html)
    assertInHTML('<div id="f-name_helptext" class="form-text">Say <i>it</i></div>', html)


def test_other_fields_still_render_the_pack_template(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "inplace.form_rendering.pack_field_template",
        lambda engine: calls.append(engine) or pack_field_template(engine),
    )
    as_crispy_field(one_field_form(forms.BooleanField(label="Agree"))["name"])
    assert calls
