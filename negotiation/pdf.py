"""The negotiation plan's prep sheet: private, one page to read before the call. Never reachable
through a share link; it has its own owner-only URL."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from documents.pdf import document_filenames, pdf_download, render_html_to_pdf
from missions.models import Objective, Question
from negotiation.models import AskPriority, MoneyAsk, NegotiationPlan


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
    opportunity = plan.opportunity
    names = document_filenames("prep-sheet", opportunity.company, opportunity.role)
    return pdf_download(render_html_to_pdf(html), names)
