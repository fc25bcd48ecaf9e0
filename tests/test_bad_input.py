"""Bad input at scale: every form of the app, fuzzed field by field, plain and through htmx.

For each form a table row says where it posts, what a valid post looks like and which
strategy fuzzes each field. Each Hypothesis example starts from the valid post, replaces one
to three fields with hostile values (NUL bytes, RTL marks, emoji, 10k–1M characters, boundary
numbers, impossible dates, unknown choices, other people's ids) and asserts what a user would
notice:

- never a server error;
- a refused form (a plain post answered 200, or any answer that marks a field invalid)
  leaves every row of our apps as it was;
- an accepted one stores what was typed (text, choices, dates, amounts), allowing only the
  normalisations a person expects (surrounding spaces trimmed, "185,000" read as 185000).

Every example runs in a savepoint that is rolled back, so one accepted post does not use up
a limit (five objectives…) for the next. Hypothesis is derandomized and keeps no example
database, so CI sees the same examples every run; FUZZ_EXAMPLES raises the count locally.
"""

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councils import models as council_models
from councils.emails import unsubscribe_token
from missions.models import KeyResult, Objective, Question
from negotiation.models import Conversation, Offer, RedFlag, SuccessAsk
from opportunities.models import Interview, Opportunity, Person
from tests.world import World, client_for, database_fingerprint, fingerprint_difference

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Hostile values, by what a field expects.

TEXT = [
    "\x00",
    "before\x00after",
    "\u202eevil.exe\u202c",
    "\u200f\u200e\u061c",
    "مرحبا بالعالم",
    "👩\u200d👩\u200d👧\u200d👦 🇺🇳 🏳️\u200d🌈",
    "\ufeffzero width\u200b",
    "e\u0301" * 150,
    "   ",
    "\r\n\r\n",
    "  padded  ",
    "%s %(name)s {0} {{ x }}",
    "'; DROP TABLE negotiation_mission; --",
    "\\",
    "x" * 10_001,
    "é" * 100_000,
    "𝕏" * 1_000_000,
]
LENGTHS = [1, 119, 120, 121, 199, 200, 201, 299, 300, 301, 499, 500, 501, 1999, 2000, 2001]
LENGTHS += [3999, 4000, 4001, 4999, 5000, 5001, 7999, 8000, 8001, 20_001, 50_001]
NUMBERS = [
    "-1",
    "0",
    "-0",
    "100000000000000000000",
    "1e309",
    "-1e309",
    "1e-309",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "12,5",
    "0." + "1" * 30,
    "1." + "0" * 30,
    "9" * 40,
    "1_000",
    "١٢٣",
    "0x1A",
    "185,000",
    "185 000",
    "1,000,000,000.01",
    "1000000000",
    "4e2",
    "",
    "\x00",
]
DATES = [
    "2026-13-45",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "-2026-01-01",
    "2026-1-1",
    "20260101",
    "today",
    "1e309",
    "",
    "\x00",
]
DATETIMES = [
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2026-01-01T25:61",
    "2026-13-45T10:00",
    "0000-00-00T00:00",
    "2026-06-01 12:00:00.999999999",
    "",
    "\x00",
]
CHOICES = ["", "bogus", "x" * 1000, "\x00", "None", "0", "-1", "__all__"]
BOOLEANS = ["on", "off", "0", "1", "false", "", "\x00", "True"]
EMAILS = ["a@b", "@", "a" * 300 + "@example.com", "x@example.com\x00", "ü@bücher.example"]
EMAILS += ["<sam@example.com>", "sam@example.com, " * 30, "a@b.c" * 2000]
URLS = ["javascript:alert(1)", "http://", "https://" + "a" * 3000 + ".com", "ftp://x.example"]
URLS += ["http://[::1", "http://exa mple.com", "//evil.example", "data:text/html,<script>"]
BAD_IDS = ["abc", "-1", "0", str(2**63), str(10**30), "1.5", " 1", "\x00", ""]

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

# The packages whose views are ours to check.
VIEW_PACKAGES = tuple(
    f"{app}.views" for app in ("opportunities", "missions", "negotiation", "councils")
)


def text() -> st.SearchStrategy:
    """Hostile and random text, and strings just under, at and over every max_length we use."""
    return st.one_of(
        st.sampled_from(TEXT),
        unicode_text,
        st.builds(
            lambda c, n: c * n, st.sampled_from(["a", "ß", "😀", " "]), st.sampled_from(LENGTHS)
        ),
    )


def number() -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.integers().map(str),
        st.floats().map(str),
    )


def date() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(DATES), st.dates().map(dt.date.isoformat), unicode_text)


def datetime() -> st.SearchStrategy:
    local = st.datetimes().map(lambda when: when.strftime("%Y-%m-%dT%H:%M"))
    return st.one_of(st.sampled_from(DATETIMES), local, unicode_text)


def choice(*valid) -> st.SearchStrategy:
    return st.sampled_from([*CHOICES, *valid])


def boolean() -> st.SearchStrategy:
    return st.sampled_from(BOOLEANS)


def ids(*valid) -> st.SearchStrategy:
    """Other people's ids, malformed ids and ids too large for any database, beside valid ones."""
    return st.sampled_from([*BAD_IDS, *(str(pk) for pk in valid)])


def id_lists(*valid) -> st.SearchStrategy:
    return st.lists(ids(*valid), max_size=3)


def email() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(EMAILS), unicode_text)


def url() -> st.SearchStrategy:
    return st.one_of(st.sampled_from(URLS), text())


# How a value the user typed should come back from the database.

SPACES = re.compile(r"[\s\u00a0\u202f]")
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def expected_amount(typed: str) -> Decimal | None:
    """An amount as a person means it: spaces dropped, "185,000" read as 185000."""
    value = SPACES.sub("", typed)
    if THOUSANDS.match(value):
        value = value.replace(",", "")
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def assert_round_trip(name: str, kind: str, typed, stored) -> None:
    if isinstance(typed, list):
        return
    if kind == "text":
        assert stored == typed.strip(), f"{name}: typed {typed[:80]!r}, stored {stored!r:.80}"
    elif kind == "choice":
        assert str(stored) == typed.strip(), f"{name}: chose {typed!r}, stored {stored!r}"
    elif kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed.strip()):
        assert stored.isoformat() == typed.strip(), f"{name}: typed {typed!r}, stored {stored}"
    elif kind == "amount" and (amount := expected_amount(typed)) is not None:
        assert stored == amount, f"{name}: typed {typed!r}, stored {stored}"


@dataclass
class Form:
    """One form: where it posts, a valid post, and how each field is fuzzed."""

    url: str
    kwargs: Callable[[World], dict]
    valid: Callable[[World], dict]
    fields: Callable[[World], dict[str, st.SearchStrategy]]
    # The region htmx swaps with the answer (None: the form is on a page of its own).
    target: Callable[[World], str | None] = lambda w: None
    # The row an accepted post writes, and how each round-tripped field should read back.
    stored: Callable[[World], object] | None = None
    round_trip: dict[str, str] = field(default_factory=dict)
    client: str = "owner"


def today() -> str:
    return timezone.localdate().isoformat()


def yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def in_two_days() -> str:
    return (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def newest(model) -> Callable[[World], object]:
    return lambda w: model.objects.order_by("-pk").first()


def fresh(attribute: str) -> Callable[[World], object]:
    def stored(w: World):
        instance = getattr(w, attribute)
        return type(instance).objects.get(pk=instance.pk)

    return stored


def opp(w: World) -> dict:
    return {"pk": w.opportunity.pk}


# A post without a version is judged on its content (inplace/versions.py); a hostile
# version is one more field to fuzz, and a stale one must be refused without a change.
VERSIONS = ["", "abc", "-1", "0", "999999", str(2**63), "1e309", "1.5", "\x00"]


def version() -> st.SearchStrategy:
    return st.sampled_from(VERSIONS)


FOCUS = {
    "attribute_1": "Product leader for developer tools",
    "attribute_2": "Series B to D",
    "attribute_3": "Platform debt into speed",
    "level": "director",
    "full_name": "Alex Rivera",
}
OPPORTUNITY = {"company": "Initech", "role": "Head of Product", "stage": "applied", "fit": "strong"}
KEY_RESULT = {"description": "Time to first deploy", "target": "3 days to 1 hour", "horizon": "90d"}
ASK = {"category": "budget", "description": "A platform budget", "priority": "must"}
MONEY = {"currency": "USD", "target_base": "200000", "reasons": "Scope grew."}
OFFER = {
    "version": "revised",
    "currency": "USD",
    "base_salary": "190000",
    "bonus_target_percent": "10",
    "vesting_years": "4",
    "cliff_months": "12",
    "sign_on_bonus": "0",
}
COUNCIL = {"name": "Friday peers", "kind": "fast"}
DEBRIEF = {"what_happened": "We talked.", "feeling": "3"}

OPPORTUNITY_FIELDS = lambda w: {  # noqa: E731
    "company": text(),
    "role": text(),
    "posting_url": url(),
    "location": text(),
    "stage": choice("exploring", "offer"),
    "fit": choice("off"),
    "next_step": text(),
    "next_step_due": date(),
    "posting_text": text(),
    "notes": text(),
}
OPPORTUNITY_ROUND_TRIP = {
    **dict.fromkeys(["company", "role", "location", "next_step", "posting_text", "notes"], "text"),
    "stage": "choice",
    "fit": "choice",
    "next_step_due": "date",
}
PERSON_FIELDS = lambda w: {  # noqa: E731
    "name": text(),
    "role": choice("recruiter"),
    "email": email(),
    "notes": text(),
}
INTERVIEW_FIELDS = lambda w: {  # noqa: E731
    "scheduled_at": datetime(),
    "kind": choice("panel"),
    "channel": choice("phone"),
    "people": id_lists(w.person.pk, w.foreign_person.pk),
    "notes": text(),
}
KEY_RESULT_FIELDS = lambda w: {  # noqa: E731
    "description": text(),
    "target": text(),
    "horizon": choice("30d", "12m"),
    "status": choice("confirmed"),
    "manager_note": text(),
    "version": version(),
}
ASK_FIELDS = lambda w: {  # noqa: E731
    "category": choice("tools"),
    "description": text(),
    "objective": ids(w.objective.pk, w.foreign_objective.pk),
    "priority": choice("nice"),
    "amount": number(),
    "currency": choice("EUR", "usd", "XXX"),
    "status": choice("declined", "agreed"),
    "would_not_discuss": boolean(),
    "employer_response": text(),
    "version": version(),
}
ASK_ROUND_TRIP = {"description": "text", "amount": "amount", "employer_response": "text"}
CONVERSATION_FIELDS = lambda w: {  # noqa: E731
    "happened_on": date(),
    "channel": choice("email", "in_person"),
    "people": id_lists(w.person.pk, w.foreign_person.pk),
    "about_success": boolean(),
    "summary": text(),
    "outcomes": text(),
    "version": version(),
}
MONEY_FIELDS = lambda w: {  # noqa: E731
    "currency": choice("EUR"),
    "target_base": number(),
    "target_total": number(),
    "walk_away": number(),
    "deal_breakers": text(),
    "reasons": text(),
    "script": text(),
    "version": version(),
}
MONEY_ROUND_TRIP = {
    "target_base": "amount",
    "target_total": "amount",
    "walk_away": "amount",
    "deal_breakers": "text",
    "reasons": "text",
}
OFFER_FIELDS = lambda w: {  # noqa: E731
    "version": choice("final"),
    "received_on": date(),
    "currency": choice("EUR"),
    "base_salary": number(),
    "bonus_target_percent": number(),
    "equity_grant_value": number(),
    "equity_units": number(),
    "equity_unit_price": number(),
    "vesting_years": number(),
    "cliff_months": number(),
    "sign_on_bonus": number(),
    "deadline": date(),
    "benefits": text(),
}
OFFER_ROUND_TRIP = {
    **dict.fromkeys(["base_salary", "bonus_target_percent", "sign_on_bonus"], "amount"),
    **dict.fromkeys(["equity_grant_value", "equity_units", "equity_unit_price"], "amount"),
    "received_on": "date",
    "deadline": "date",
    "benefits": "text",
}
COUNCIL_FIELDS = lambda w: {  # noqa: E731
    "name": text(),
    "purpose": text(),
    "kind": choice("custom", "slow"),
    "cadence": text(),
    "next_meeting_at": datetime(),
    "meeting_link": url(),
}
DEBRIEF_FIELDS = lambda w: {  # noqa: E731
    "interview": ids(w.interview.pk, w.foreign_interview.pk),
    "opportunity": ids(w.opportunity.pk, w.foreign_opportunity.pk),
    "happened_on": date(),
    "what_happened": text(),
    "went_well": text(),
    "do_differently": text(),
    "feeling": choice("1", "5", "6", "3.0"),
    "inner_critic": text(),
    "evidence": text(),
    "next_steps": text(),
}
DEBRIEF_ROUND_TRIP = dict.fromkeys(
    ["what_happened", "went_well", "do_differently", "inner_critic", "evidence", "next_steps"],
    "text",
)
GRATITUDE_FIELDS = lambda w: {  # noqa: E731
    "name": text(),
    "relationship": text(),
    "what_they_did": text(),
    "thanks_sent_on": date(),
}
GRATITUDE_ROUND_TRIP = {"name": "text", "relationship": "text", "what_they_did": "text"}
GRATITUDE = {"name": "Sam", "what_they_did": "Believed in me."}
MOVE = lambda w: {"direction": choice("up", "down", "UP", "sideways")}  # noqa: E731
SHARE = lambda w: {"councils": id_lists(w.council.pk, w.foreign_council.pk)}  # noqa: E731
JUNK = lambda w: {"junk": text(), "version": text()}  # noqa: E731

FORMS = {
    "focus_edit": Form(
        "focus_edit",
        lambda w: {},
        lambda w: FOCUS,
        lambda w: {
            **{f"attribute_{n}": text() for n in range(1, 5)},
            "target_roles": text(),
            "level": choice("vp"),
            "industries": text(),
            "locations": text(),
            "must_haves": text(),
            "deal_breakers": text(),
            "full_name": text(),
            "contact": text(),
        },
        stored=fresh("focus"),
        round_trip={
            **{f"attribute_{n}": "text" for n in range(1, 5)},
            **dict.fromkeys(["must_haves", "deal_breakers", "full_name", "contact"], "text"),
            "level": "choice",
        },
    ),
    "opportunity_create": Form(
        "opportunity_create",
        lambda w: {},
        lambda w: OPPORTUNITY,
        OPPORTUNITY_FIELDS,
        stored=newest(Opportunity),
        round_trip=OPPORTUNITY_ROUND_TRIP,
    ),
    "opportunity_edit": Form(
        "opportunity_edit",
        opp,
        lambda w: OPPORTUNITY,
        OPPORTUNITY_FIELDS,
        stored=fresh("opportunity"),
        round_trip=OPPORTUNITY_ROUND_TRIP,
    ),
    "opportunity_stage": Form(
        "opportunity_stage",
        opp,
        lambda w: {"stage": "offer"},
        lambda w: {"stage": choice("offer", "accepted")},
        target=lambda w: "stage",
        stored=fresh("opportunity"),
        round_trip={"stage": "choice"},
    ),
    "person_create": Form(
        "person_create",
        opp,
        lambda w: {"name": "Dana", "role": "hiring_manager"},
        PERSON_FIELDS,
        target=lambda w: "people",
        stored=newest(Person),
        round_trip={"name": "text", "notes": "text", "role": "choice"},
    ),
    "person_edit": Form(
        "person_edit",
        lambda w: {"pk": w.opportunity.pk, "person_pk": w.person.pk},
        lambda w: {"name": "Dana", "role": "hiring_manager"},
        PERSON_FIELDS,
        target=lambda w: "people",
        stored=fresh("person"),
        round_trip={"name": "text", "notes": "text", "role": "choice"},
    ),
    "interview_create": Form(
        "interview_create",
        opp,
        lambda w: {"scheduled_at": in_two_days(), "kind": "screen", "channel": "video"},
        INTERVIEW_FIELDS,
        target=lambda w: "interviews",
        stored=newest(Interview),
        round_trip={"notes": "text", "kind": "choice", "channel": "choice"},
    ),
    "interview_edit": Form(
        "interview_edit",
        lambda w: {"pk": w.opportunity.pk, "interview_pk": w.interview.pk},
        lambda w: {"scheduled_at": in_two_days(), "kind": "screen", "channel": "video"},
        INTERVIEW_FIELDS,
        target=lambda w: "interviews",
        stored=fresh("interview"),
        round_trip={"notes": "text", "kind": "choice", "channel": "choice"},
    ),
    "mission_edit": Form(
        "mission_edit",
        opp,
        lambda w: {"purpose": "Why", "responsibilities": "What"},
        lambda w: {
            "purpose": text(),
            "responsibilities": text(),
            "include_questions": boolean(),
            "version": version(),
        },
        target=lambda w: "mission-summary",
        stored=fresh("mission"),
        round_trip={"purpose": "text", "responsibilities": "text"},
    ),
    "objective_create": Form(
        "objective_create",
        opp,
        lambda w: {"title": "Grow trust"},
        lambda w: {"title": text()},
        target=lambda w: "objectives",
        stored=newest(Objective),
        round_trip={"title": "text"},
    ),
    "objective_edit": Form(
        "objective_edit",
        lambda w: {"pk": w.opportunity.pk, "objective_pk": w.objective.pk},
        lambda w: {"title": "Grow trust"},
        lambda w: {"title": text(), "version": version()},
        target=lambda w: "objectives",
        stored=fresh("objective"),
        round_trip={"title": "text"},
    ),
    "objective_move": Form(
        "objective_move",
        lambda w: {"pk": w.opportunity.pk, "objective_pk": w.objective.pk},
        lambda w: {"direction": "down"},
        MOVE,
        target=lambda w: "objectives",
    ),
    "key_result_create": Form(
        "key_result_create",
        lambda w: {"pk": w.opportunity.pk, "objective_pk": w.objective.pk},
        lambda w: KEY_RESULT,
        KEY_RESULT_FIELDS,
        target=lambda w: "objectives",
        stored=newest(KeyResult),
        round_trip={"description": "text", "target": "text", "horizon": "choice"},
    ),
    "key_result_edit": Form(
        "key_result_edit",
        lambda w: {"pk": w.opportunity.pk, "key_result_pk": w.key_result.pk},
        lambda w: {**KEY_RESULT, "status": "proposed"},
        KEY_RESULT_FIELDS,
        target=lambda w: "objectives",
        stored=fresh("key_result"),
        round_trip={
            "description": "text",
            "target": "text",
            "horizon": "choice",
            "status": "choice",
            "manager_note": "text",
        },
    ),
    "key_result_move": Form(
        "key_result_move",
        lambda w: {"pk": w.opportunity.pk, "key_result_pk": w.key_result.pk},
        lambda w: {"direction": "up"},
        MOVE,
        target=lambda w: "objectives",
    ),
    "question_create": Form(
        "question_create",
        opp,
        lambda w: {"text": "What does success look like?"},
        lambda w: {"text": text(), "objective": ids(w.objective.pk, w.foreign_objective.pk)},
        target=lambda w: "questions",
        stored=newest(Question),
        round_trip={"text": "text"},
    ),
    "question_edit": Form(
        "question_edit",
        lambda w: {"pk": w.opportunity.pk, "question_pk": w.question.pk},
        lambda w: {"text": "What does success look like?"},
        lambda w: {
            "text": text(),
            "objective": ids(w.objective.pk, w.foreign_objective.pk),
            "answer": text(),
            "version": version(),
        },
        target=lambda w: "questions",
        stored=fresh("question"),
        round_trip={"text": "text", "answer": "text"},
    ),
    "question_move": Form(
        "question_move",
        lambda w: {"pk": w.opportunity.pk, "question_pk": w.question.pk},
        lambda w: {"direction": "up"},
        MOVE,
        target=lambda w: "questions",
    ),
    "share_link_create": Form(
        "share_link_create", opp, lambda w: {}, JUNK, target=lambda w: "share-link"
    ),
    "share_link_revoke": Form(
        "share_link_revoke", opp, lambda w: {}, JUNK, target=lambda w: "share-link"
    ),
    "plan_stage": Form(
        "plan_stage",
        opp,
        lambda w: {"stage": "accepted"},
        lambda w: {"stage": choice("offer", "declined", "exploring")},
        stored=fresh("opportunity"),
        round_trip={"stage": "choice"},
    ),
    "success_ask_create": Form(
        "success_ask_create",
        opp,
        lambda w: ASK,
        ASK_FIELDS,
        target=lambda w: "success-asks",
        stored=newest(SuccessAsk),
        round_trip={"description": "text", "amount": "amount", "category": "choice"},
    ),
    "success_ask_edit": Form(
        "success_ask_edit",
        lambda w: {"pk": w.opportunity.pk, "ask_pk": w.ask.pk},
        lambda w: {**ASK, "status": "planned"},
        ASK_FIELDS,
        target=lambda w: "success-asks",
        stored=fresh("ask"),
        round_trip=ASK_ROUND_TRIP,
    ),
    "success_ask_status": Form(
        "success_ask_status",
        lambda w: {"pk": w.opportunity.pk, "ask_pk": w.ask.pk},
        lambda w: {"status": "asked"},
        lambda w: {"status": choice("agreed", "not_discussed", "declined")},
        target=lambda w: "success-asks",
    ),
    "red_flag_create": Form(
        "red_flag_create",
        opp,
        lambda w: {"title": "Vague scope"},
        lambda w: {"title": text(), "explanation": text()},
        target=lambda w: "red-flags",
        stored=newest(RedFlag),
        round_trip={"title": "text", "explanation": "text"},
    ),
    "red_flag_resolve": Form(
        "red_flag_resolve",
        lambda w: {"pk": w.opportunity.pk, "flag_pk": w.red_flag.pk},
        lambda w: {"resolution_note": "They called."},
        lambda w: {"resolution_note": text()},
        target=lambda w: "red-flags",
        stored=fresh("red_flag"),
        round_trip={"resolution_note": "text"},
    ),
    "success_conversation_refused": Form(
        "success_conversation_refused",
        opp,
        lambda w: {"note": "No."},
        lambda w: {"note": text()},
        target=lambda w: "success-asks",
    ),
    "conversation_create": Form(
        "conversation_create",
        opp,
        lambda w: {"happened_on": yesterday(), "channel": "video", "summary": "We talked."},
        CONVERSATION_FIELDS,
        target=lambda w: "conversations",
        stored=newest(Conversation),
        round_trip={"summary": "text", "outcomes": "text", "channel": "choice"},
    ),
    "conversation_edit": Form(
        "conversation_edit",
        lambda w: {"pk": w.opportunity.pk, "conversation_pk": w.conversation.pk},
        lambda w: {"happened_on": yesterday(), "channel": "video", "summary": "We talked."},
        CONVERSATION_FIELDS,
        target=lambda w: "conversations",
        stored=fresh("conversation"),
        round_trip={"summary": "text", "outcomes": "text", "happened_on": "date"},
    ),
    "money_ask_edit": Form(
        "money_ask_edit",
        opp,
        lambda w: MONEY,
        MONEY_FIELDS,
        target=lambda w: "money-ask",
        stored=fresh("money_ask"),
        round_trip={**MONEY_ROUND_TRIP, "script": "text"},
    ),
    "money_ask_draft": Form(
        "money_ask_draft",
        opp,
        lambda w: MONEY,
        MONEY_FIELDS,
        target=lambda w: "money-ask",
        stored=fresh("money_ask"),
        round_trip=MONEY_ROUND_TRIP,
    ),
    "money_ask_outcome": Form(
        "money_ask_outcome",
        opp,
        lambda w: {"outcome": "not_yet"},
        lambda w: {
            "asked_on": date(),
            "asked_amount": number(),
            "offered_before": number(),
            "offered_after": number(),
            "outcome": choice("moved", "held"),
            "version": version(),
        },
        target=lambda w: "money-outcome",
        stored=fresh("money_ask"),
        round_trip={
            "asked_on": "date",
            "asked_amount": "amount",
            "offered_before": "amount",
            "offered_after": "amount",
            "outcome": "choice",
        },
    ),
    "offer_create": Form(
        "offer_create",
        opp,
        lambda w: {**OFFER, "received_on": today()},
        OFFER_FIELDS,
        target=lambda w: "offers",
        stored=newest(Offer),
        round_trip=OFFER_ROUND_TRIP,
    ),
    "offer_edit": Form(
        "offer_edit",
        lambda w: {"pk": w.opportunity.pk, "offer_pk": w.offer.pk},
        lambda w: {**OFFER, "received_on": today()},
        OFFER_FIELDS,
        target=lambda w: "offers",
        stored=fresh("offer"),
        round_trip=OFFER_ROUND_TRIP,
    ),
    "council_create": Form(
        "council_create",
        lambda w: {},
        lambda w: COUNCIL,
        COUNCIL_FIELDS,
        stored=newest(council_models.Council),
        round_trip={"name": "text", "purpose": "text", "kind": "choice"},
    ),
    "council_edit": Form(
        "council_edit",
        lambda w: {"pk": w.council.pk},
        lambda w: COUNCIL,
        COUNCIL_FIELDS,
        stored=fresh("council"),
        round_trip={"name": "text", "purpose": "text", "kind": "choice"},
    ),
    "invitation_create": Form(
        "invitation_create",
        lambda w: {"pk": w.council.pk},
        lambda w: {"emails": "sam@example.com"},
        lambda w: {"emails": st.one_of(email(), text())},
        target=lambda w: "invitations",
    ),
    "focus_share": Form(
        "focus_share", lambda w: {}, lambda w: {}, SHARE, target=lambda w: "council-share"
    ),
    "mission_share": Form("mission_share", opp, lambda w: {}, SHARE, lambda w: "council-share"),
    "plan_share": Form("plan_share", opp, lambda w: {}, SHARE, lambda w: "council-share"),
    "debrief_share": Form(
        "debrief_share",
        lambda w: {"pk": w.debrief.pk},
        lambda w: {},
        SHARE,
        target=lambda w: "council-share",
    ),
    "comment_create": Form(
        "comment_create",
        lambda w: {"share_pk": w.share.pk},
        lambda w: {"body": "Nice *framing*."},
        lambda w: {
            "body": text(),
            "parent": ids(w.comment.pk, w.foreign_comment.pk),
            "anchor": choice(
                f"objective-{w.objective.pk}",
                f"key-result-{w.key_result.pk}",
                f"objective-{w.foreign_objective.pk}",
                f"key-result-{2**63}",
                "objective-abc",
            ),
        },
        target=lambda w: f"thread-{w.share.pk}",
        stored=newest(council_models.Comment),
        round_trip={"body": "text"},
    ),
    "comment_edit": Form(
        "comment_edit",
        lambda w: {"comment_pk": w.comment.pk},
        lambda w: {"body": "Better words."},
        lambda w: {"body": text()},
        target=lambda w: f"thread-{w.share.pk}",
        stored=fresh("comment"),
        round_trip={"body": "text"},
    ),
    "comment_resolve": Form(
        "comment_resolve",
        lambda w: {"comment_pk": w.comment.pk},
        lambda w: {"resolved": "1"},
        lambda w: {"resolved": boolean()},
        target=lambda w: f"thread-{w.share.pk}",
    ),
    "debrief_create": Form(
        "debrief_create",
        lambda w: {},
        lambda w: {**DEBRIEF, "happened_on": today()},
        DEBRIEF_FIELDS,
        stored=newest(council_models.Debrief),
        round_trip=DEBRIEF_ROUND_TRIP,
    ),
    "debrief_edit": Form(
        "debrief_edit",
        lambda w: {"pk": w.debrief.pk},
        lambda w: {**DEBRIEF, "happened_on": today()},
        DEBRIEF_FIELDS,
        stored=fresh("debrief"),
        round_trip=DEBRIEF_ROUND_TRIP,
    ),
    "gratitude_list": Form(
        "gratitude_list",
        lambda w: {},
        lambda w: GRATITUDE,
        GRATITUDE_FIELDS,
        target=lambda w: "gratitude-house",
        stored=newest(council_models.GratitudeEntry),
        round_trip=GRATITUDE_ROUND_TRIP,
    ),
    "gratitude_edit": Form(
        "gratitude_edit",
        lambda w: {"pk": w.gratitude.pk},
        lambda w: GRATITUDE,
        GRATITUDE_FIELDS,
        target=lambda w: "gratitude-house",
        stored=fresh("gratitude"),
        round_trip=GRATITUDE_ROUND_TRIP,
    ),
    "notification_unsubscribe": Form(
        "notification_unsubscribe",
        lambda w: {"token": unsubscribe_token(w.owner)},
        lambda w: {"comment_emails": "on"},
        lambda w: {"comment_emails": boolean()},
        client="anonymous",
    ),
}


@pytest.fixture
def clients(full_world) -> dict[str, Client]:
    """One client per persona for all examples: building a client's handler is not cheap."""
    owner = client_for(full_world.owner)
    return {"owner": owner, "anonymous": Client()}


def shows_field_error(response) -> bool:
    return b"is-invalid" in response.content or b"invalid-feedback" in response.content


@pytest.mark.parametrize("name", sorted(FORMS))
@FUZZ
@given(data=st.data())
def test_hostile_input_never_breaks_a_form_and_a_refusal_changes_nothing(
    full_world, clients, name, data
):
    form = FORMS[name]
    client = clients[form.client]
    strategies = form.fields(full_world)
    chosen = data.draw(
        st.lists(st.sampled_from(sorted(strategies)), min_size=1, max_size=3, unique=True),
        label="fields",
    )
    hostile = {
        field_name: data.draw(strategies[field_name], label=field_name) for field_name in chosen
    }
    via_htmx = data.draw(st.booleans(), label="htmx")
    target = form.target(full_world)
    headers = {"HX-Request": "true", "HX-Target": target or "main"} if via_htmx else {}

    with transaction.atomic():
        post = {**form.valid(full_world), **hostile}
        before = database_fingerprint()
        response = client.post(
            reverse(form.url, kwargs=form.kwargs(full_world)), post, headers=headers
        )
        after = database_fingerprint()

        assert response.status_code < 500, f"{name} answered {response.status_code}"
        refused = shows_field_error(response) or (not via_htmx and response.status_code == 200)
        if refused or response.status_code >= 400:
            assert before == after, (
                f"{name} refused the post but changed {fingerprint_difference(before, after)}"
            )
        elif before != after and form.stored is not None:
            stored = form.stored(full_world)
            for field_name, kind in form.round_trip.items():
                if field_name in hostile:
                    assert_round_trip(
                        field_name, kind, hostile[field_name], getattr(stored, field_name)
                    )
        transaction.set_rollback(True)


def test_every_form_of_the_app_is_fuzzed():
    """A new form (a view bound to one of our ModelForms or Forms) must join the table above."""
    from django.urls import get_resolver

    posting = set()
    for pattern in get_resolver().url_patterns:
        for entry in getattr(pattern, "url_patterns", [pattern]):
            callback = getattr(entry, "callback", None)
            module = getattr(callback, "__module__", "")
            if module.startswith(VIEW_PACKAGES) and entry.name:
                posting.add(entry.name)
    without_fields = {
        # GET-only pages and PDFs, and the deletes and leave/remove/revoke/resend/accept
        # buttons: a post without fields (test_csrf.py posts to each of them).
        name
        for name in posting
        if name.endswith(("_delete", "_list", "_detail", "_pdf", "_compare"))
        or name
        in {
            "dashboard",
            "share_page",
            "share_pdf",
            "prepare",
            "council_leave",
            "member_remove",
            "invitation_revoke",
            "invitation_resend",
            "invitation_accept",
            "share_detail",
        }
    }
    without_fields -= {"gratitude_list"}
    assert posting - without_fields - set(FORMS) == set()


# The ids in a URL are checked by the resolver and the permission functions: an id too large
# for any database, or negative, is a plain 404.


@pytest.mark.parametrize("pk", [2**63, 2**64, 10**30])
def test_an_id_too_large_for_the_database_is_a_404(owner_client, full_world, pk):
    for url in (
        reverse("opportunity_detail", args=[pk]),
        reverse("objective_edit", args=[full_world.opportunity.pk, pk]),
        reverse("council_detail", args=[pk]),
        reverse("debrief_detail", args=[pk]),
        reverse("comment_edit", args=[pk]),
    ):
        assert owner_client.get(url).status_code == 404, url


# Regressions: what the fuzzing above found, as plain tests.


class TestIdsTooLargeForTheDatabase:
    """Ticking a row whose id is beyond 64 bits was a server error (SQLite's OverflowError)."""

    def test_sharing_with_such_a_council_is_a_field_error(self, owner_client, full_world):
        url = reverse("mission_share", args=[full_world.opportunity.pk])
        response = owner_client.post(url, {"councils": [full_world.council.pk, str(2**63)]})
        assert response.status_code == 200
        assert "You can share only with councils you belong to." in response.content.decode()
        assert full_world.mission.council_shares.count() == 1  # the one the world started with

    def test_an_interview_with_such_a_person_is_a_field_error(self, owner_client, full_world):
        url = reverse("interview_create", args=[full_world.opportunity.pk])
        data = {"scheduled_at": in_two_days(), "kind": "screen", "channel": "video"}
        response = owner_client.post(url, {**data, "people": [str(2**64)], "notes": "Kept"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Choose people from this opportunity only." in page
        assert "Kept" in page
        assert full_world.opportunity.interviews.count() == 1

    def test_a_conversation_with_such_a_person_is_a_field_error(self, owner_client, full_world):
        url = reverse("conversation_create", args=[full_world.opportunity.pk])
        data = {"happened_on": yesterday(), "channel": "video", "summary": "We talked."}
        response = owner_client.post(url, {**data, "people": [str(10**30)]})
        assert response.status_code == 200
        assert "Choose people from this opportunity only." in response.content.decode()
        assert full_world.plan.conversations.count() == 1


# Every text field at its boundary, deterministically: the longest value the column takes comes
# back exactly (emoji, accents and a right-to-left mark included); one character more is a
# field error that keeps the text and changes nothing.

BOUNDARY = "Zoë 😀 \u202bمرحبا\u202c ✓ "
TEXT_FIELDS = {
    name: [field_name for field_name, kind in form.round_trip.items() if kind == "text"]
    for name, form in sorted(FORMS.items())
}


def boundary_text(length: int) -> str:
    return ("x" + BOUNDARY * (length // len(BOUNDARY) + 1))[: length - 1] + "x"


@pytest.mark.parametrize("name", [name for name, fields in TEXT_FIELDS.items() if fields])
def test_the_longest_text_a_field_takes_comes_back_exactly(full_world, clients, name):
    form = FORMS[name]
    model = type(form.stored(full_world))
    url = reverse(form.url, kwargs=form.kwargs(full_world))
    client = clients[form.client]
    for field_name in TEXT_FIELDS[name]:
        limit = model._meta.get_field(field_name).max_length
        with transaction.atomic():
            before = database_fingerprint()
            response = client.post(
                url, {**form.valid(full_world), field_name: boundary_text(limit + 1)}
            )
            assert response.status_code == 200, f"{name} took {limit + 1} chars of {field_name}"
            assert f"at most {limit} characters" in response.content.decode()
            assert database_fingerprint() == before

            longest = boundary_text(limit)
            response = client.post(url, {**form.valid(full_world), field_name: longest})
            assert response.status_code == 302, f"{name} refused {limit} chars of {field_name}"
            assert getattr(form.stored(full_world), field_name) == longest, f"{name} {field_name}"
            transaction.set_rollback(True)
