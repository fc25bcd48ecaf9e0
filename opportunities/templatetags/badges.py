"""An opportunity's stage and fit as small badges: ``{% load badges %}``.

``{% stage_badge opportunity %}`` and ``{% fit_badge opportunity %}``, for pages that show one
(templates/opportunities/includes/*_badge.html call these). Pages of many rows (the pipeline,
the dashboard's stage columns) take the badge from ``stage_badge_html`` and ``fit_badge_html``
when they build their rows: a badge depends only on the stage or the fit, so each is built
once per process, not once per row.
"""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from opportunities.models import Fit, Stage

register = template.Library()

FIT_SYMBOLS = {Fit.STRONG: "●", Fit.PARTIAL: "◐"}  # colour, symbol and words, never colour alone
FIT_LABELS = dict(Fit.choices)
STAGE_LABELS = dict(Stage.choices)


@lru_cache(maxsize=64)
def fit_badge_html(fit: str) -> SafeString:
    """The badge of a fit ("strong", "partial" or "off")."""
    return format_html(
        '<span class="fit-badge fit-{}"><span aria-hidden="true">{}</span> {}</span>',
        fit,
        FIT_SYMBOLS.get(fit, "○"),
        FIT_LABELS.get(fit, fit),
    )


@lru_cache(maxsize=64)
def stage_badge_html(stage: str, label: str = "") -> SafeString:
    """The badge of a stage, under its own label unless ``label`` is given."""
    return format_html(
        '<span class="badge stage-badge stage-{}">{}</span>',
        stage,
        label or STAGE_LABELS.get(stage, stage),
    )


@register.simple_tag
def fit_badge(opportunity) -> SafeString:
    """The fit of an opportunity with the focus."""
    return fit_badge_html(opportunity.fit)


@register.simple_tag
def stage_badge(opportunity=None, stage: str = "", label: str = "") -> SafeString:
    """The stage of an opportunity; ``stage`` and ``label`` override it (stage history rows)."""
    return stage_badge_html(stage or opportunity.stage, label)
