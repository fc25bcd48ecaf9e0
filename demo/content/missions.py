"""Two job missions: the full one for Kestrel Routing, shown to the hiring manager through a
share link, and a shorter one for Tessellate Health that its success asks serve."""

import datetime as dt

from demo.content.shapes import KeyResult, Mission, Objective, Question
from missions.models import Horizon, KeyResultStatus

KESTREL = Mission(
    company="Kestrel Routing",
    purpose=(
        "Make Kestrel Routing the platform dispatchers trust on their worst day: fewer manual "
        "overrides, fast re-plans when a truck breaks down, and a roadmap the sales team can "
        "sell without promising custom work."
    ),
    responsibilities=(
        "- The product strategy and roadmap for dispatch and routing, shaped with the "
        "engineering and design leads\n"
        "- Growing a team of four product managers, including hiring a senior PM in my first "
        "six months\n"
        "- A quarterly planning rhythm with sales, customer success and engineering\n"
        "- Weekly conversations with dispatchers and fleet managers, not only before big "
        "launches\n"
        "- The product metrics the executive team reviews every month"
    ),
    objectives=(
        Objective(
            "Earn dispatchers' trust in the automatic plan",
            (
                KeyResult(
                    "Routes dispatched without a manual override",
                    "from 62% to 80%",
                    Horizon.MONTHS_6,
                    KeyResultStatus.CONFIRMED,
                    "Dana agreed and wants the 62% re-measured in my first month: the override "
                    "logs only cover half of the depots.",
                ),
                KeyResult(
                    "Time to re-plan a route after a vehicle breaks down",
                    "under 10 minutes for 9 in 10 breakdowns (today about 25)",
                    Horizon.MONTHS_12,
                    KeyResultStatus.CHANGED,
                    "I proposed under 5 minutes. Dana thinks that needs the new routing engine "
                    "first; we settled on 10 minutes and a check-in at six months.",
                ),
                KeyResult(
                    "Dispatcher satisfaction in the quarterly survey",
                    "from 3.1 to 4.0 out of 5",
                    Horizon.MONTHS_12,
                ),
            ),
        ),
        Objective(
            "Build a product team that owns outcomes",
            (
                KeyResult(
                    "Product managers who own one outcome metric and review it monthly with "
                    "their engineering lead",
                    "4 of 4 PMs",
                    Horizon.DAYS_90,
                ),
                KeyResult(
                    "Senior PM hired for the fleet-manager experience",
                    "offer accepted",
                    Horizon.MONTHS_6,
                ),
            ),
        ),
        Objective(
            "Make the roadmap something sales can sell",
            (
                KeyResult(
                    "New deals that carry a custom-work promise",
                    "from about 1 in 3 to fewer than 1 in 10",
                    Horizon.MONTHS_12,
                ),
                KeyResult(
                    "Quarterly roadmap review with sales and customer success",
                    "first one within 60 days, then every quarter",
                    Horizon.DAYS_60,
                ),
            ),
        ),
    ),
    questions=(
        Question(
            "How do you know today whether a dispatcher accepted the automatic plan?",
            objective=0,
            answer="Through the override logs, which only half of the depots send. Dana would "
            "like that fixed early.",
        ),
        Question("What would make you say, a year from now, that this hire was a success?"),
        Question(
            "Who decides today which custom requests get built, and how would that change "
            "with this role?",
            objective=2,
        ),
        Question(
            "What budget and headcount come with the role for research and hiring in the first "
            "year?"
        ),
    ),
    # As if the hiring manager had already looked, so the editor shows the open count.
    link_opens=2,
    link_last_opened_ago=dt.timedelta(hours=20),
)

TESSELLATE = Mission(
    company="Tessellate Health",
    purpose=(
        "Give clinic teams their mornings back: scheduling that runs itself, so front desks "
        "spend their time on patients, not on the phone."
    ),
    responsibilities=(
        "- The product strategy for scheduling and clinic operations, reporting to the CEO\n"
        "- A team of four product managers, and the hiring of a fifth\n"
        "- A research practice: every PM in a clinic at least twice a month"
    ),
    objectives=(
        Objective(
            "Halve the time front desks spend on scheduling",
            (
                KeyResult(
                    "Front-desk hours on scheduling per clinic per week",
                    "from 14 to 7",
                    Horizon.MONTHS_12,
                ),
            ),
        ),
        Objective(
            "Build a product team that decides from evidence",
            (KeyResult("Clinic visits or calls per PM per month", "at least 4", Horizon.DAYS_90),),
        ),
        Objective(
            "Make the scheduling engine dependable enough for hospital groups",
            (
                KeyResult(
                    "Scheduling incidents during clinic hours",
                    "from 6 a month to fewer than 1",
                    Horizon.MONTHS_6,
                ),
            ),
        ),
    ),
)

MISSIONS = (KESTREL, TESSELLATE)
