"""Council members' markdown, rendered so that nothing they write can run or restyle the page.

Two layers: Python-Markdown with raw HTML turned off (a typed ``<b>`` stays visible text), then
nh3 with a small allowlist as the guarantee — whatever the first layer lets through, only
these tags, ``href`` on links with a web or mail scheme, and no attributes anywhere else.
"""

import functools

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow ugc"


class _NoRawHtml(Extension):
    """Treat HTML typed into a comment as text, not markup."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
)


# A pure function of the text, and a comment is read far more often than written: a thread of
# 50 comments spent most of its render time here (Python-Markdown builds a parser per call).
# At most ~1,000 bodies of up to 5,000 characters (and their HTML) per worker.
@functools.lru_cache(maxsize=1024)
def render_markdown(text: str) -> SafeString:
    """Render a member's markdown to HTML that is safe to put in any page or email."""
    html = markdown_lib.markdown(
        text or "",
        extensions=[_NoRawHtml(), "fenced_code", "nl2br", "sane_lists"],
        output_format="html",
    )
    return mark_safe(_cleaner.clean(html))  # noqa: S308 (nh3 has just sanitised it)
