"""Our PDFs, whatever they hold: WeasyPrint only ever sees HTML from our autoescaped templates,
and its URL fetcher serves our own static files (the stylesheet and its fonts) and refuses
everything else: no file system paths, no network, no data: URLs, no redirects.
"""

import atexit
import functools
import hashlib
import threading
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

# WeasyPrint resolves the template's `/static/...` URLs against this base. The .invalid top-level
# domain never resolves (RFC 2606), and the fetcher maps these URLs to files on disk.
PDF_BASE_URL = "https://jobmission.invalid/"
PRINT_STYLESHEET = "css/pdf.css"

# What a mission document may load: its stylesheet, fonts and images; nothing executable.
STATIC_CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


class RefusedURL(ValueError):
    """WeasyPrint asked for something that is not one of our own static files."""


def static_prefix() -> str:
    """The absolute URL under which the PDF's HTML refers to our static files."""
    return urljoin(PDF_BASE_URL, settings.STATIC_URL)


def resolve_static_url(url: str) -> tuple[Path, str]:
    """Map a URL under our static prefix to (file on disk, content type); refuse anything else."""
    prefix = static_prefix()
    if not url.startswith(prefix) or urlsplit(url).query:
        raise RefusedURL(f"Only our own static files are served to the PDF, not {url[:200]!r}")
    name = unquote(url[len(prefix) :].partition("#")[0])
    segments = name.split("/")
    if any(s in ("", ".", "..") for s in segments) or "\\" in name or "\x00" in name:
        raise RefusedURL(f"Not a static file name: {name[:200]!r}")
    content_type = STATIC_CONTENT_TYPES.get(PurePosixPath(name).suffix.lower())
    path = _find_static_file(name) if content_type else None
    if path is None:
        raise RefusedURL(f"No such static file for the PDF: {name[:200]!r}")
    return path, content_type


def _find_static_file(name: str) -> Path | None:
    """Find a static file: collected (hashed names) when DEBUG is off, else through the finders."""
    if settings.STATIC_ROOT and not settings.DEBUG:
        root = Path(settings.STATIC_ROOT).resolve()
        collected = (root / name).resolve()
        if collected.is_relative_to(root) and collected.is_file():
            return collected
    found = finders.find(name)
    return Path(found) if isinstance(found, str) and Path(found).is_file() else None


@functools.cache
def _static_files_fetcher_class() -> type:
    # Built on first use: importing WeasyPrint takes most of a second.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serve our own static files to WeasyPrint from disk; refuse every other URL."""

        def fetch(self, url, headers=None):
            path, content_type = resolve_static_url(url)
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesFetcher


@functools.cache
def static_files_fetcher():
    """A WeasyPrint URL fetcher that only ever reads our static files.

    One per process: it holds no state, and building urllib's openers costs ~20 ms a render.
    """
    return _static_files_fetcher_class()(allowed_protocols=("https",), allow_redirects=False)


# Parsing the stylesheet and loading its fonts is a third of a render: keep them per thread
# (WeasyPrint's font configuration is not shared across threads) while the file is unchanged.
_parsed = threading.local()


@atexit.register
def _forget_print_stylesheet() -> None:
    # Let WeasyPrint remove its temporary font folder while the interpreter can still do it.
    _parsed.__dict__.clear()


def _stylesheet_key() -> tuple[str, int]:
    """The print stylesheet's URL and when its file last changed."""
    url = urljoin(PDF_BASE_URL, static(PRINT_STYLESHEET))
    path, _ = resolve_static_url(url)
    return url, path.stat().st_mtime_ns


def _print_stylesheet():
    """Our print stylesheet and the font configuration holding its fonts, parsed once per thread."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    key = _stylesheet_key()
    url = key[0]
    cached = getattr(_parsed, "stylesheet", None)
    if cached is None or cached[0] != key:
        font_config = FontConfiguration()
        css = CSS(url=url, url_fetcher=static_files_fetcher(), font_config=font_config)
        cached = _parsed.stylesheet = (key, css, font_config)
    return cached[1], cached[2]


def render_html_to_pdf(html: str) -> bytes:
    """Render HTML from our templates with our print stylesheet, loading nothing but our files."""
    import weasyprint

    stylesheet, font_config = _print_stylesheet()
    document = weasyprint.HTML(
        string=html, base_url=PDF_BASE_URL, url_fetcher=static_files_fetcher()
    )
    return document.write_pdf(
        stylesheets=[stylesheet], font_config=font_config, presentational_hints=False
    )


def cached_html_to_pdf(html: str) -> bytes:
    """``render_html_to_pdf``, kept per process under a key made of the whole input: the HTML
    itself and the stylesheet's version. The same HTML always gives the same document, so a
    cached one can never be stale; a change to anything the document shows changes the HTML.
    For documents that many people download unchanged (the mission a hiring manager opens from
    a share link and its owner downloads); not for ones that hold salary figures."""
    stylesheet_key = _stylesheet_key()
    digest = hashlib.sha256(repr(stylesheet_key).encode() + b"\0" + html.encode()).hexdigest()
    key = f"pdf:{digest}"
    cache = caches["documents"]
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_html_to_pdf(html)
        cache.set(key, pdf)
    return pdf


class DocumentTooLarge(Exception):
    """A document beyond the limits its editor keeps; ``problems`` say which, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def document_filenames(kind: str, *names: str) -> tuple[str, str]:
    """A PDF's file name as (ASCII fallback, Unicode), e.g. mission-acme-head-of-product.pdf
    from ("mission", "Acme", "Head of product")."""

    def build(allow_unicode: bool) -> str:
        parts = [slugify(text, allow_unicode=allow_unicode)[:60].strip("-") for text in names]
        return "-".join([kind, *(part for part in parts if part)]) + ".pdf"

    return build(allow_unicode=False), build(allow_unicode=True)


def content_disposition(ascii_name: str, unicode_name: str) -> str:
    """An RFC 6266 attachment header: an ASCII filename plus filename* in UTF-8 when it differs."""
    header = f'attachment; filename="{ascii_name}"'
    if unicode_name != ascii_name:
        header += f"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    return header


def pdf_download(pdf: bytes, filenames: tuple[str, str]) -> HttpResponse:
    """A PDF as a download that no cache keeps, under a server-built file name."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(*filenames)
    add_never_cache_headers(response)
    return response
