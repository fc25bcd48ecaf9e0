"""The mission PDF against two one-line documents, in the benchmark's warm process.

- WeasyPrint's defaults: one line of HTML, no stylesheet or fonts of ours. Its URL fetcher is
  built once, outside the timed loop: building one creates an SSL context
  (``ssl.create_default_context()``), which was two-thirds of this baseline as issue 5 measured
  it, and is a cost of the fetcher, not of rendering. The figure with a new fetcher per document
  is printed beside it, for comparison with the older tables.
- Our pipeline: one line through templates/pdf/base.html and documents.pdf.render_html_to_pdf
  (our print stylesheet and fonts, parsed once per thread, our static-files fetcher).
- The mission: GET /opportunities/<id>/mission.pdf through the test client, the view and all.
  "Uncached" empties every cache before each GET (the render a changed mission costs), after
  a first render of the process that is left out (imports, fonts). "Cached" is the GET again;
  when the app does not cache the PDF, the two are the same render.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.template import engines
from django.test import Client

from bench.inprocess import empty_caches
from bench.stats import median

ONE_LINE = "<!doctype html><html><body><p>One line.</p></body></html>"
ONE_LINE_OURS = (
    '{% extends "pdf/base.html" %}{% block stylesheets %}{% endblock %}'
    "{% block content %}<p>One line.</p>{% endblock %}"
)


@dataclass
class PdfFigures:
    one_line_defaults_ms: float
    one_line_defaults_new_fetcher_ms: float
    one_line_ours_ms: float
    mission_uncached_ms: float
    mission_cached_ms: float
    cached_by_app: bool  # the second of two GETs took under half the first
    first_get_ms: float
    second_get_ms: float
    kb: float


def _timed_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _median_ms(fn: Callable[[], object], repeats: int, *, before=None) -> float:
    fn()  # warm
    samples = []
    for _ in range(repeats):
        if before is not None:
            before()
        samples.append(_timed_ms(fn))
    return median(samples)


def measure_pdfs(client: Client, path: str, *, repeats: int) -> PdfFigures:
    import weasyprint
    from weasyprint.urls import URLFetcher

    from documents.pdf import render_html_to_pdf

    def mission_pdf() -> bytes:
        response = client.get(path)
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise SystemExit(f"{path} answered {response.status_code}, not a PDF")
        return response.content

    fetcher = URLFetcher()  # its SSL context, once
    one_line_ours = engines["django"].from_string(ONE_LINE_OURS)
    defaults = _median_ms(
        lambda: weasyprint.HTML(string=ONE_LINE, url_fetcher=fetcher).write_pdf(), repeats * 2
    )
    new_fetcher = _median_ms(lambda: weasyprint.HTML(string=ONE_LINE).write_pdf(), repeats * 2)
    ours = _median_ms(lambda: render_html_to_pdf(one_line_ours.render({})), repeats * 2)

    kb = len(mission_pdf()) / 1024  # the process's first mission render, left out
    empty_caches()
    first, second = _timed_ms(mission_pdf), _timed_ms(mission_pdf)
    cached_by_app = second < 0.5 * first
    uncached = _median_ms(mission_pdf, repeats, before=empty_caches)
    cached = _median_ms(mission_pdf, repeats * 3)
    return PdfFigures(
        defaults, new_fetcher, ours, uncached, cached, cached_by_app, first, second, kb
    )
