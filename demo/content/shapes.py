"""The shapes demo content comes in. Fields named like a model's hold what its form takes;
``*_days_ago``, ``in_days`` and ``ago`` are counted back (or on) from when the demo is built."""

import datetime as dt
from dataclasses import dataclass, field

from missions.models import KeyResultStatus


@dataclass(frozen=True)
class Interview:
    """An interview ``in_days`` from today (negative: it took place), with some of the people."""

    in_days: int
    kind: str
    channel: str
    people: tuple[str, ...]  # names of the opportunity's people
    notes: str = ""


@dataclass(frozen=True)
class Opportunity:
    """An opportunity, the stages it went through, and the people met there."""

    stages: tuple[str, ...]  # from the stage it was added in to the one it is in now
    started_days_ago: int  # when it was added; its stage changes spread evenly since
    fields: dict  # what the opportunity form takes, but its stage and next step's due date
    next_step_in_days: int | None = None
    people: tuple[dict, ...] = ()  # what the person form takes
    interviews: tuple[Interview, ...] = ()


@dataclass(frozen=True)
class KeyResult:
    description: str
    target: str
    horizon: str
    status: str = KeyResultStatus.PROPOSED
    manager_note: str = ""  # what the hiring manager said about it


@dataclass(frozen=True)
class Objective:
    title: str
    key_results: tuple[KeyResult, ...]


@dataclass(frozen=True)
class Question:
    text: str
    objective: int | None = None  # index of the objective it is about; None: the role
    answer: str = ""


@dataclass(frozen=True)
class Mission:
    """A job mission for the opportunity at ``company``; a share link if it has been opened."""

    company: str
    purpose: str
    responsibilities: str
    objectives: tuple[Objective, ...]
    questions: tuple[Question, ...] = ()
    link_opens: int = 0  # times the hiring manager opened its share link; 0: no link
    link_last_opened_ago: dt.timedelta = dt.timedelta(0)


@dataclass(frozen=True)
class Conversation:
    days_ago: int
    channel: str
    summary: str
    outcomes: str = ""
    about_success: bool = False
    people: tuple[str, ...] = ()  # names of the opportunity's people


@dataclass(frozen=True)
class Offer:
    """One version of an offer, as typed into the offer form, with its dates from today."""

    received_days_ago: int
    deadline_in_days: int
    terms: dict


@dataclass(frozen=True)
class Plan:
    """A negotiation plan for the opportunity at ``company``."""

    company: str
    asks: tuple[dict, ...]  # success-ask fields; "objective" is an index into its mission's
    conversations: tuple[Conversation, ...] = ()
    offers: tuple[Offer, ...] = ()
    money_ask: dict = field(default_factory=dict)  # targets and reasons; a script is drafted


@dataclass(frozen=True)
class Debrief:
    """A debrief of the ``kind`` interview at ``company``, shared with the council or not."""

    company: str
    kind: str
    fields: dict  # what the debrief form takes, but the interview and its date
    shared_ago: dt.timedelta | None = None


@dataclass(frozen=True)
class Comment:
    """A comment on the shared mission or debrief, by the council's member or its owner."""

    on: str  # "mission" or "debrief"
    by: str  # "member" or "owner"
    ago: dt.timedelta
    body: str
    key_result: str = ""  # how the description of the key result it is about begins
    reply_to: int | None = None  # index of the comment it answers


@dataclass(frozen=True)
class Thanks:
    """Someone in the gratitude house; ``thanks_sent_days_ago`` None: no note sent yet."""

    name: str
    relationship: str
    what_they_did: str
    thanks_sent_days_ago: int | None = None
