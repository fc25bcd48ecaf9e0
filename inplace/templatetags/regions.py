"""``{% region "name" %}``: where a page with a cache key (inplace.regions.Page) shows a region.

The region itself is a ``{% partialdef name %}`` (not inline) of the same template; the page's
view renders it, or takes it from the cache, and this tag puts the HTML in place.
"""

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def region(context, name: str) -> SafeString:
    try:
        return context["regions"][name]
    except KeyError:
        raise template.TemplateSyntaxError(
            f"Region {name!r} was not rendered: render this page through its inplace Page."
        ) from None
