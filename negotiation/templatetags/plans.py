"""Negotiation content composed into pages of the apps to its left (the dashboard), which never
import negotiation."""

from django import template

from negotiation.standings import negotiation_standings, open_red_flags

register = template.Library()

SHOWN_RED_FLAGS = 5
# Soonest deadline first; the rest are one click away in the pipeline's offer stage.
SHOWN_NEGOTIATIONS = 6


@register.inclusion_tag("negotiation/includes/dashboard_red_flags.html")
def dashboard_red_flags(user) -> dict:
    """The open red flags of the user's active opportunities, newest first."""
    return {"red_flags": open_red_flags(user, limit=SHOWN_RED_FLAGS)}


@register.inclusion_tag("negotiation/includes/dashboard_negotiations.html")
def offers_in_negotiation(user) -> dict:
    """Each offer-stage opportunity: success conversation live? money asked? the deadline."""
    negotiations, count = negotiation_standings(user, limit=SHOWN_NEGOTIATIONS)
    return {"negotiations": negotiations, "negotiation_count": count}
