"""An opportunity's stage and fit as small badges: ``{% load badges %}``.

``{% stage_badge opportunity %}`` and ``{% fit_badge opportunity %}``; the pipeline shows two
per row, so they are built here rather than as included templates (an ``{% include %}`` per
badge was a third of the pipeline's render time). templates/includes/*_badge.html call these
too, for pages that show one.
"""

from django import template
from django.utils.html import format_html

from opportunities.models import Fit, Stage

register = template.Library()

FIT_SYMBOLS = {Fit.STRONG: "●", Fit.PARTIAL: "◐"}  # colour, symbol and words, never colour alone
FIT_LABELS = dict(Fit.choices)
STAGE_LABELS = dict(Stage.choices)


@register.simple_tag
def fit_badge(opportunity) -> str:
    """The fit of an opportunity with the focus."""
    fit = opportunity.fit
    return format_html(
        '<span class="fit-badge fit-{}"><span aria-hidden="true">{}</span> {}</span>',
        fit,
        FIT_SYMBOLS.get(fit, "○"),
        FIT_LABELS.get(fit, fit),
    )


@register.simple_tag
def stage_badge(opportunity=None, stage: str = "", label: str = "") -> str:
    """The stage of an opportunity; ``stage`` and ``label`` override it (stage history rows)."""
    stage = stage or opportunity.stage
    return format_html(
        '<span class="badge stage-badge stage-{}">{}</span>',
        stage,
        label or STAGE_LABELS.get(stage, stage),
    )
