"""The mission as a document: the PDF a hiring manager receives and the share page's content.
How any of our PDFs is rendered (and what WeasyPrint may load) is in documents/pdf.py."""

import re
from dataclasses import dataclass

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from documents.pdf import DocumentTooLarge, cached_html_to_pdf, document_filenames, pdf_download
from missions.models import Horizon, KeyResult, KeyResultStatus, Mission, Objective, Question
from opportunities.models import Focus, Opportunity

BULLET = re.compile(r"^\s*[-*•]\s+")


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


# How large a document we render. A web worker renders a PDF while the user waits, so its time
# must be bounded: WeasyPrint's time grows with the text and the boxes it lays out. The bound is
# what the editors let anyone write (Mission.MAX_OBJECTIVES objectives of MAX_KEY_RESULTS key
# results, MAX_QUESTIONS questions, every text within its column's max_length): about 50,000
# characters, some 20 pages, a few seconds of one core. Anything larger can only come from the
# admin, an import or a bug, and is refused *before* rendering, in milliseconds.


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
    The same HTML gives the same bytes, so they are kept (documents.pdf.cached_html_to_pdf):
    the owner and the hiring manager download the one render until the mission changes.
    """
    context = mission_document_context(mission, via_link=via_link)
    if problems := mission_size_problems(context):
        raise DocumentTooLarge(problems)
    return cached_html_to_pdf(render_to_string("pdf/mission.html", context))


def mission_pdf_filenames(mission: Mission) -> tuple[str, str]:
    """The mission PDF's file name, e.g. mission-acme-head-of-product.pdf."""
    opportunity = mission.opportunity
    return document_filenames("mission", opportunity.company, opportunity.role)


def mission_pdf_response(mission: Mission, *, via_link: bool = False) -> HttpResponse:
    """The mission's PDF as a download that no cache keeps."""
    return pdf_download(
        render_mission_pdf(mission, via_link=via_link), mission_pdf_filenames(mission)
    )
