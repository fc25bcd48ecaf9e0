"""No stale region, ever: every write moves on the revision the cached regions are keyed on.

The mission editor and the negotiation plan keep their regions' HTML in the per-process
"regions" cache, keyed on the opportunity's revision (inplace/regions.py). This walks every
write service of the four domain apps: it opens both pages (filling the cache), writes through
the service, and opens them again. What the cache gives must be what a fresh render gives, and
a write the regions show (a salary figure, an objective, a council's comments) must show.

A service added without a step here, or without a reason why those pages never show what it
writes, fails ``test_every_write_service_is_walked``.
"""

import datetime as dt
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils import services as councils
from missions import services as missions
from missions.forms import KeyResultForm, MissionSummaryForm, ObjectiveForm, QuestionForm
from missions.views.editor import EDITOR
from negotiation import services as negotiation
from negotiation.models import AskStatus, MoneyAskOutcome, OfferVersion
from negotiation.views.page import PLAN
from opportunities import services as opportunities
from opportunities.models import Stage
from tests import factories
from tests.html import select, text_of
from tests.world import build_world, client_for, invitee_for

pytestmark = pytest.mark.django_db

SERVICE_MODULES = (opportunities, missions, negotiation, councils)
BASE_URL = "http://testserver"

# Public functions of the service modules that write nothing these two pages show, and why.
NOT_ON_THESE_PAGES = {
    "opportunities.locked_stage": "a read, under a lock",
    "opportunities.bump_revision": "the bump itself",
    "opportunities.bump_revisions": "the bump itself",
    "opportunities.create_opportunity": "a new opportunity: its pages have never been cached",
    "missions.ensure_mission": "creates the empty mission the editor shows as empty already",
    "negotiation.ensure_plan": "creates the empty plan the plan page shows as empty already",
    "councils.create_council": "a new council has nothing shared with it",
    "councils.invite_members": "invitations show on the council's page only",
    "councils.resend_invitation": "invitations show on the council's page only",
    "councils.revoke_invitation": "invitations show on the council's page only",
    "councils.record_debrief": "debriefs show on the debrief and council pages",
    "councils.add_gratitude_entry": "the gratitude house is a page of its own",
    "councils.set_comment_emails": "a preference on the account page",
}


@dataclass(frozen=True)
class Step:
    service: Callable
    write: Callable  # (world) -> None, through ``service``
    shows: bool = True  # the regions show what it writes (not only the uncached share link)

    @property
    def name(self) -> str:
        return service_name(self.service)


def service_name(function) -> str:
    return f"{function.__module__.split('.')[0]}.{function.__name__}"


def _summary(w):
    data = {"purpose": "Make the platform the reason to stay.", "version": w.mission.version}
    missions.save_edit(form=MissionSummaryForm(data, instance=w.mission))


def _objective(w):
    data = {"title": "Halve the time to first deploy", "version": w.objective.version}
    missions.save_edit(form=ObjectiveForm(data, instance=w.objective))


def _key_result(w):
    data = {
        "description": "Deploys a day",
        "target": "from 2 to 20",
        "horizon": "12m",
        "status": "confirmed",
        "manager_note": "She wants this one first.",
        "version": w.key_result.version,
    }
    form = KeyResultForm(data, instance=w.key_result)
    assert missions.save_edit(form=form), form.errors


def _question(w):
    data = {"text": "Who owns the pipeline?", "answer": "", "version": w.question.version}
    form = QuestionForm(data, instance=w.question, mission=w.mission)
    assert missions.save_edit(form=form), form.errors


def _correct_offer(w):
    w.offer.base_salary = Decimal("212345")  # a salary figure the offers region shows
    negotiation.correct_offer(offer=w.offer)


def _new_offer(w):
    offer = factories.OfferFactory.build(
        opportunity=w.opportunity, version=OfferVersion.REVISED, base_salary=Decimal("199999")
    )
    negotiation.record_offer(offer=offer)


MONEY = {
    "currency": "USD",
    "target_base": Decimal("234000"),
    "target_total": None,
    "walk_away": Decimal("190000"),
    "deal_breakers": "",
    "reasons": "The role carries the platform's reliability, which the offer does not price.",
    "script": "",
}


def _outcome(w):
    negotiation.record_money_outcome(
        plan=w.plan,
        asked_on=timezone.localdate(),
        asked_amount=Decimal("234000"),
        offered_before=Decimal("180000"),
        offered_after=Decimal("201000"),
        outcome=MoneyAskOutcome.MOVED,
    )


def _comment(w, **anchor):
    councils.post_comment(
        share=w.share,
        author=w.member,
        body="What would make this a yes?",
        base_url=BASE_URL,
        **anchor,
    )


def _accept(w):
    councils.accept_invitation(invitation=w.invitation, user=invitee_for(w))


STEPS = [
    # The pipeline: the plan names the opportunity's people and follows its stage.
    Step(
        opportunities.update_opportunity,
        lambda w: opportunities.update_opportunity(opportunity=w.opportunity, stage=Stage.OFFER),
        shows=False,  # the stage shows in the page's header, outside the regions
    ),
    Step(
        opportunities.change_stage,
        lambda w: opportunities.change_stage(opportunity=w.opportunity, stage=Stage.ACCEPTED),
        shows=False,  # the stage shows in the page's header, outside the regions
    ),
    Step(
        opportunities.save_interview,
        lambda w: opportunities.save_interview(interview=w.interview, people=[]),
        shows=False,
    ),
    Step(
        opportunities.delete_interview,
        lambda w: opportunities.delete_interview(interview=w.interview),
        shows=False,
    ),
    Step(
        opportunities.save_person,
        lambda w: opportunities.save_person(person=rename(w.person, "Dana Okafor-Lee")),
    ),
    Step(opportunities.delete_person, lambda w: opportunities.delete_person(person=w.person)),
    # The mission.
    Step(missions.save_edit, _summary),
    Step(missions.save_edit, _objective),
    Step(missions.save_edit, _key_result),
    Step(missions.save_edit, _question),
    Step(missions.delete_row, lambda w: missions.delete_row(row=w.key_result)),
    Step(missions.delete_row, lambda w: missions.delete_row(row=w.objective)),
    Step(missions.delete_row, lambda w: missions.delete_row(row=w.question)),
    Step(missions.add_objective, lambda w: missions.add_objective(mission=w.mission, title="Ship")),
    Step(
        missions.add_key_result,
        lambda w: missions.add_key_result(
            objective=w.objective, description="Uptime", target="99.9%", horizon="6m"
        ),
    ),
    Step(
        missions.add_question,
        lambda w: missions.add_question(
            mission=w.mission, text="What broke last year?", objective=w.objective, answer=""
        ),
    ),
    Step(
        missions.move_objective,
        lambda w: missions.move_objective(objective=w.objective, direction="down"),
    ),
    Step(
        missions.move_key_result,
        lambda w: missions.move_key_result(key_result=w.key_result, direction="down"),
    ),
    Step(
        missions.move_question,
        lambda w: missions.move_question(question=w.question, direction="down"),
    ),
    Step(
        missions.create_share_link,
        lambda w: missions.create_share_link(mission=w.mission),
        shows=False,
    ),
    Step(
        missions.revoke_share_link,
        lambda w: missions.revoke_share_link(mission=w.mission),
        shows=False,
    ),
    Step(
        missions.record_share_view,
        lambda w: missions.record_share_view(link=w.mission.share_links.get()),
        shows=False,
    ),
    # The negotiation plan: asks, red flags, conversations, offers, money.
    Step(negotiation.record_offer, _new_offer),
    Step(negotiation.correct_offer, _correct_offer),
    Step(negotiation.delete_offer, lambda w: negotiation.delete_offer(offer=w.offer)),
    Step(
        negotiation.add_success_ask,
        lambda w: negotiation.add_success_ask(
            plan=w.plan, category="headcount", description="Two engineers", priority="must"
        ),
    ),
    Step(
        negotiation.update_success_ask,
        lambda w: negotiation.update_success_ask(ask=w.ask, description="A platform budget"),
    ),
    Step(
        negotiation.set_ask_status,
        lambda w: negotiation.set_ask_status(
            ask=w.ask, status=AskStatus.DECLINED, would_not_discuss=True
        ),
    ),
    Step(
        negotiation.record_refused_conversation,
        lambda w: negotiation.record_refused_conversation(plan=w.plan),
    ),
    Step(
        negotiation.note_red_flag,
        lambda w: negotiation.note_red_flag(plan=w.plan, title="Vague scope", explanation="Why"),
    ),
    Step(
        negotiation.resolve_red_flag,
        lambda w: negotiation.resolve_red_flag(flag=w.red_flag, note="Ok"),
    ),
    Step(
        negotiation.record_conversation,
        lambda w: negotiation.record_conversation(
            conversation=factories.ConversationFactory.build(plan=w.plan, summary="Budget agreed"),
            people=[w.person],
        ),
    ),
    Step(negotiation.delete_plan_row, lambda w: negotiation.delete_plan_row(row=w.ask)),
    Step(negotiation.delete_plan_row, lambda w: negotiation.delete_plan_row(row=w.conversation)),
    Step(negotiation.save_money_ask, lambda w: negotiation.save_money_ask(plan=w.plan, **MONEY)),
    Step(
        negotiation.draft_money_script,
        lambda w: negotiation.draft_money_script(plan=w.plan, **MONEY),
    ),
    Step(negotiation.record_money_outcome, _outcome),
    # The council: the editor shows how many comments each objective has, and which are open.
    Step(councils.post_comment, lambda w: _comment(w, objective=w.objective)),
    Step(
        councils.edit_comment,
        lambda w: councils.edit_comment(comment=w.comment, body="Later"),
        shows=False,
    ),
    Step(councils.delete_comment, lambda w: councils.delete_comment(comment=w.comment)),
    Step(
        councils.resolve_comment, lambda w: councils.resolve_comment(comment=w.comment, by=w.owner)
    ),
    Step(
        councils.set_shared_councils,
        lambda w: councils.set_shared_councils(owner=w.owner, item=w.mission, councils=[]),
    ),
    Step(councils.delete_council, lambda w: councils.delete_council(council=w.council)),
    Step(
        councils.leave_council,
        lambda w: councils.leave_council(council=w.council, user=w.member),
        shows=False,
    ),
    Step(
        councils.remove_member,
        lambda w: councils.remove_member(membership=w.membership),
        shows=False,
    ),
    Step(councils.accept_invitation, _accept, shows=False),
]


def rename(person, name: str):
    person.name = name
    return person


def the_world():
    """The owner's work, shared with their council, where a member has commented on an
    objective; two of each row that can move."""
    w = build_world(everything=True, share=("mission", "plan"), share_link=True)
    factories.ObjectiveFactory(mission=w.mission, title="Grow the platform team")
    factories.KeyResultFactory(objective=w.objective, description="Hires made")
    factories.QuestionFactory(mission=w.mission, text="What does the team need?")
    w.comment = factories.CommentFactory(share=w.share, author=w.member, objective=w.objective)
    return w


def pages(client: Client, w) -> dict[str, str]:
    """The mission editor and the plan as the owner sees them; the responses' own tokens and
    nonces (which differ on every request) taken out."""
    got = {}
    for name in ("mission_edit", "plan_detail"):
        response = client.get(reverse(name, args=[w.opportunity.pk]))
        assert response.status_code == 200, name
        got[name] = re.sub(PER_REQUEST, r"\1…", response.content.decode())
    return got


def without_relative_times(page: str) -> str:
    """The page with "now" and "2 minutes ago" taken out of its <time> elements: those are
    rendered afresh on every request outside the cached regions, and move on between two
    requests a second apart. The absolute time in their datetime attribute stays."""
    return re.sub(RELATIVE_TIME, r"\1…\2", page)


PER_REQUEST = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": "|nonce=")[^"]+')
RELATIVE_TIME = re.compile(r"(<time [^>]*>)[^<]*(</time>)")


CACHED = {"mission_edit": EDITOR, "plan_detail": PLAN}


def regions(page: dict[str, str]) -> dict[str, str]:
    """The cached regions of both pages, as parsed markup."""
    return {
        f"{name}#{region}": str(select(page[name], id=region)[0])
        for name, declared in CACHED.items()
        for region in declared.regions
        if region not in declared.uncached
    }


def assert_same(got: dict[str, str], expected: dict[str, str], what: str) -> None:
    """The cached regions exactly the same; the rest of both pages the same but for how long
    ago things happened."""
    assert regions(got) == regions(expected), what
    for name in CACHED:
        assert without_relative_times(got[name]) == without_relative_times(expected[name]), what


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"{step.name}-{STEPS.index(step)}")
def test_after_every_write_the_cached_regions_are_the_fresh_ones(step):
    w = the_world()
    owner = client_for(w.owner)
    before = pages(owner, w)
    assert_same(pages(owner, w), before, "the second time, from the cache")

    step.write(w)
    served = pages(owner, w)
    caches["regions"].clear()
    fresh = pages(owner, w)

    assert_same(served, fresh, f"{step.name} left a stale region")
    if step.shows:
        assert regions(fresh) != regions(before), f"{step.name} changed nothing the regions show"


def test_no_cached_region_says_how_long_ago():
    """A cached "now" would still say "now" an hour later: the relative times ("Latest by Sam,
    2 minutes ago") live outside the cached regions."""
    w = the_world()
    owner = client_for(w.owner)
    pages(owner, w)
    page = pages(owner, w)
    assert "ago</time>" in page["mission_edit"] or "now</time>" in page["mission_edit"]
    for name, markup in regions(page).items():
        times = [text_of(element) for element in select(markup, "time")]
        assert not [text for text in times if text == "now" or text.endswith("ago")], name


def test_the_cache_is_used():
    """Without this, the test above would pass with no cache at all."""
    w = the_world()
    owner = client_for(w.owner)
    pages(owner, w)
    factories.ObjectiveFactory(mission=w.mission, title="Written behind the services' back")
    assert "Written behind the services" not in pages(owner, w)["mission_edit"]
    caches["regions"].clear()
    assert "Written behind the services" in pages(owner, w)["mission_edit"]


def test_every_write_service_is_walked():
    walked = {step.name for step in STEPS}
    public = {
        service_name(function)
        for module in SERVICE_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }
    assert public - walked - set(NOT_ON_THESE_PAGES) == set()
    assert walked & set(NOT_ON_THESE_PAGES) == set()
    assert set(NOT_ON_THESE_PAGES) <= public


def test_a_deadline_counts_down_with_the_day(monkeypatch):
    """The plan's regions are keyed on the day too: "due in 3 days" moves at midnight."""
    w = the_world()
    w.offer.deadline = timezone.localdate() + dt.timedelta(days=3)
    negotiation.correct_offer(offer=w.offer)
    owner = client_for(w.owner)
    today = pages(owner, w)["plan_detail"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert pages(owner, w)["plan_detail"] != today
