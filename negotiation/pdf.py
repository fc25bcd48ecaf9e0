"""The mission as a document: the PDF a hiring manager receives and the share page's content;
and the negotiation plan's private prep sheet, which only its owner can download.

WeasyPrint only ever sees HTML from our autoescaped templates, and its URL fetcher serves our own
static files (the stylesheet and its fonts) and refuses everything else: no file system paths, no
network, no data: URLs, no redirects.
"""

import atexit
import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

from negotiation.models import (
    AskPriority,
    Focus,
    Horizon,
    KeyResult,
    KeyResultStatus,
    Mission,
    MoneyAsk,
    NegotiationPlan,
    Objective,
    Opportunity,
    Question,
)

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

BULLET = re.compile(r"^\s*[-*•]\s+")


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


@dataclass(frozen=True)
class TextBlock:
    """A paragraph, or a bulleted list when every line starts with -, * or •."""

    lines: tuple[str, ...]
    is_list: bool


@dataclass(frozen=True)
class ProseSection:
    """A titled stretch of the user's own words: the purpose, or what they will own."""

    title: str
    slug: str
    blocks: tuple[TextBlock, ...]


def text_blocks(text: str) -> tuple[TextBlock, ...]:
    """Split the user's plain text at blank lines into paragraphs and bulleted lists."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            blocks.append(TextBlock(tuple(BULLET.sub("", line) for line in lines), is_list=True))
        else:
            blocks.append(TextBlock(tuple(lines), is_list=False))
    return tuple(blocks)


def _horizon_span(horizons: set[str]) -> str:
    """Say how far the key results reach: "all on a 90-day horizon", "on horizons from … to …"."""
    labels = [label for value, label in Horizon.choices if value in horizons]
    if not labels:
        return ""
    if len(labels) == 1:
        adjective = labels[0].replace(" days", "-day").replace(" months", "-month")
        return f"all on a {adjective} horizon"
    return f"on horizons from {labels[0]} to {labels[-1]}"


def mission_document_context(mission: Mission, *, via_link: bool) -> dict:
    """What the document shows: the mission and its author, never notes, answers or figures.

    Opened through a share link, the contact line comes only from the user's focus; the owner's own
    download falls back to their account email.
    """
    opportunity = mission.opportunity
    focus = Focus.objects.filter(owner_id=opportunity.owner_id).first()
    objectives = list(mission.objectives.prefetch_related("key_results"))
    key_results = [kr for objective in objectives for kr in objective.key_results.all()]
    questions = []
    if mission.include_questions:
        numbers = {objective.pk: n for n, objective in enumerate(objectives, start=1)}
        questions = list(mission.questions.select_related("objective"))
        for question in questions:
            question.objective_number = numbers.get(question.objective_id)
    contact = focus.contact if focus else ""
    if not contact and not via_link:
        contact = opportunity.owner.email
    prose = [
        ProseSection("Purpose of the role", "purpose", text_blocks(mission.purpose)),
        ProseSection("What I will own", "responsibilities", text_blocks(mission.responsibilities)),
    ]
    return {
        "mission": mission,
        "opportunity": opportunity,
        "author_name": focus.full_name if focus else "",
        "author_contact": contact,
        "issued_on": timezone.localdate(),
        "prose_sections": [section for section in prose if section.blocks],
        "objectives": objectives,
        "key_result_count": len(key_results),
        "horizon_span": _horizon_span({kr.horizon for kr in key_results}),
        "show_status": any(kr.status != KeyResultStatus.PROPOSED for kr in key_results),
        "questions": questions,
    }


# Parsing the stylesheet and loading its fonts is a third of a render: keep them per thread
# (WeasyPrint's font configuration is not shared across threads) while the file is unchanged.
_parsed = threading.local()


@atexit.register
def _forget_print_stylesheet() -> None:
    # Let WeasyPrint remove its temporary font folder while the interpreter can still do it.
    _parsed.__dict__.clear()


def _print_stylesheet():
    """Our print stylesheet and the font configuration holding its fonts, parsed once per thread."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    url = urljoin(PDF_BASE_URL, static(PRINT_STYLESHEET))
    path, _ = resolve_static_url(url)
    key = (url, path.stat().st_mtime_ns)
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


# How large a document we render. A web worker renders a PDF while the user waits, so its time
# must be bounded: WeasyPrint's time grows with the text and the boxes it lays out. The bound is
# what the editors let anyone write (Mission.MAX_OBJECTIVES objectives of MAX_KEY_RESULTS key
# results, MAX_QUESTIONS questions, every text within its column's max_length): about 50,000
# characters, some 20 pages, a few seconds of one core. Anything larger can only come from the
# admin, an import or a bug, and is refused *before* rendering, in milliseconds.


class DocumentTooLarge(Exception):
    """A document beyond the limits its editor keeps; ``problems`` say which, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _too_long(label: str, value: str, model, field: str) -> list[str]:
    limit = model._meta.get_field(field).max_length
    if limit is None or len(value) <= limit:
        return []
    return [f"{label} is {len(value):,} characters long; a PDF takes at most {limit:,}."]


def _too_many(count: int, limit: int, what: str, where: str = "") -> list[str]:
    if count <= limit:
        return []
    return [f"{where}{count:,} {what}; a PDF takes at most {limit:,}."]


def mission_size_problems(context: dict) -> list[str]:
    """What makes a mission document larger than its editor allows; [] when it may be rendered.

    Reads only what ``mission_document_context`` already loaded: no query, no rendering.
    """
    mission, opportunity = context["mission"], context["opportunity"]
    objectives = context["objectives"]
    problems = [
        *_too_long("The purpose of the role", mission.purpose, Mission, "purpose"),
        *_too_long("“What I will own”", mission.responsibilities, Mission, "responsibilities"),
        *_too_long("The company name", opportunity.company, Opportunity, "company"),
        *_too_long("The role", opportunity.role, Opportunity, "role"),
        *_too_long("Your name", context["author_name"], Focus, "full_name"),
        *_too_long("Your contact line", context["author_contact"], Focus, "contact"),
        *_too_many(len(objectives), Mission.MAX_OBJECTIVES, "objectives", "The mission has "),
        *_too_many(len(context["questions"]), Mission.MAX_QUESTIONS, "questions", "It has "),
    ]
    crowded = [o for o in objectives if len(o.key_results.all()) > Mission.MAX_KEY_RESULTS]
    if crowded:
        most = max(len(objective.key_results.all()) for objective in crowded)
        problems.append(
            f"{len(crowded):,} objective{'s have' if len(crowded) > 1 else ' has'} more than "
            f"{Mission.MAX_KEY_RESULTS} key results (up to {most:,}); a PDF takes at most "
            f"{Mission.MAX_KEY_RESULTS} per objective."
        )
    texts = [(o.title, Objective, "title", "An objective") for o in objectives]
    for objective in objectives:
        for key_result in objective.key_results.all():
            texts.append((key_result.description, KeyResult, "description", "A key result"))
            texts.append((key_result.target, KeyResult, "target", "A key result's target"))
    texts += [(q.text, Question, "text", "A question") for q in context["questions"]]
    for value, model, field, label in texts:
        if found := _too_long(label, value, model, field):
            problems += found
            break  # one is enough to say what to shorten
    return problems


def render_mission_pdf(mission: Mission, *, via_link: bool = False) -> bytes:
    """Render the mission as a PDF: a draft for discussion, for the hiring manager.

    Raises DocumentTooLarge, before any rendering, for a mission beyond the editor's limits.
    """
    context = mission_document_context(mission, via_link=via_link)
    if problems := mission_size_problems(context):
        raise DocumentTooLarge(problems)
    return render_html_to_pdf(render_to_string("pdf/mission.html", context))


def document_filenames(kind: str, opportunity: Opportunity) -> tuple[str, str]:
    """A PDF's file name as (ASCII fallback, Unicode), e.g. mission-acme-head-of-product.pdf."""

    def build(allow_unicode: bool) -> str:
        parts = [
            slugify(text, allow_unicode=allow_unicode)[:60].strip("-")
            for text in (opportunity.company, opportunity.role)
        ]
        return "-".join([kind, *(part for part in parts if part)]) + ".pdf"

    return build(allow_unicode=False), build(allow_unicode=True)


def mission_pdf_filenames(mission: Mission) -> tuple[str, str]:
    """The mission PDF's file name, e.g. mission-acme-head-of-product.pdf."""
    return document_filenames("mission", mission.opportunity)


def content_disposition(ascii_name: str, unicode_name: str) -> str:
    """An RFC 6266 attachment header: an ASCII filename plus filename* in UTF-8 when it differs."""
    header = f'attachment; filename="{ascii_name}"'
    if unicode_name != ascii_name:
        header += f"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    return header


def mission_pdf_response(mission: Mission, *, via_link: bool = False) -> HttpResponse:
    """The mission's PDF as a download that no cache keeps."""
    response = HttpResponse(
        render_mission_pdf(mission, via_link=via_link), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition(*mission_pdf_filenames(mission))
    add_never_cache_headers(response)
    return response


# The negotiation plan's prep sheet: private, one page to read before the call. Never reachable
# through a share link; it has its own owner-only URL.


def plan_document_context(plan: NegotiationPlan) -> dict:
    """What the prep sheet shows: asks by priority, the money ask, open red flags and questions."""
    opportunity = plan.opportunity
    numbers = {
        pk: n
        for n, pk in enumerate(
            Objective.objects.filter(mission__opportunity=opportunity).values_list("pk", flat=True),
            start=1,
        )
    }
    asks = list(plan.asks.select_related("objective"))
    for ask in asks:
        ask.objective_number = numbers.get(ask.objective_id)
    open_questions = Question.objects.filter(mission__opportunity=opportunity, answer="")
    return {
        "plan": plan,
        "opportunity": opportunity,
        "issued_on": timezone.localdate(),
        "ask_groups": [
            (label, group)
            for value, label in AskPriority.choices
            if (group := [ask for ask in asks if ask.priority == value])
        ],
        "money_ask": MoneyAsk.objects.filter(plan=plan).first(),
        "current_offer": opportunity.offers.first(),
        "red_flags": list(plan.red_flags.open()),
        "live_success": plan.conversations.about_success().live().order_by("happened_on").first(),
        "open_questions": list(open_questions.select_related("objective")),
    }


def plan_pdf_response(plan: NegotiationPlan) -> HttpResponse:
    """The prep sheet as a download that no cache keeps."""
    html = render_to_string("pdf/plan.html", plan_document_context(plan))
    response = HttpResponse(render_html_to_pdf(html), content_type="application/pdf")
    filenames = document_filenames("prep-sheet", plan.opportunity)
    response["Content-Disposition"] = content_disposition(*filenames)
    add_never_cache_headers(response)
    return response
