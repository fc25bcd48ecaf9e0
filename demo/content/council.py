"""The candidate's council of two: what they share with it and the comments on it, their
debriefs, and their gratitude house."""

import datetime as dt

from demo.content.shapes import Comment, Debrief, Thanks
from opportunities.models import InterviewKind

DAY, HOUR, MINUTE = dt.timedelta(days=1), dt.timedelta(hours=1), dt.timedelta(minutes=1)

COUNCIL = {
    "name": "Thursday product circle",
    "purpose": (
        "Product leaders between roles. We read each other's job missions before they go to a "
        "hiring manager, rehearse the hard conversations, and debrief every interview within "
        "a day."
    ),
    "meeting_link": "https://meet.example.com/thursday-product-circle",
}
# The next meeting: in this many days, at this hour (UTC): Thursday evening in Chicago.
NEXT_MEETING_IN_DAYS = 2
NEXT_MEETING_HOUR_UTC = 23
# When the candidate started the council, and when their peer accepted the invitation.
STARTED_AGO = 21 * DAY
MEMBER_JOINED_AGO = 20 * DAY

# The mission shared with the council, and when; its negotiation plan is not shared.
SHARED_MISSION = "Kestrel Routing"
MISSION_SHARED_AGO = 3 * DAY

DEBRIEFS = (
    Debrief(
        company="Kestrel Routing",
        kind=InterviewKind.HIRING_MANAGER,
        shared_ago=4 * DAY,
        fields={
            "what_happened": (
                "Fifty minutes with Dana on video. Instead of the usual questions I walked her "
                "through my job mission on a shared screen. We spent twenty minutes on the "
                "first objective, and she pushed back on my re-plan target."
            ),
            "went_well": (
                "The override-rate key result: she said nobody else had asked how dispatchers "
                "feel about the plan. My question about custom-work promises opened a long, "
                "honest answer about sales."
            ),
            "do_differently": (
                "I talked too long about my last team before showing the mission. Next time: "
                "the mission first, the stories when she asks."
            ),
            "feeling": 4,
            "inner_critic": (
                "She was only being polite. Anyone could have written those OKRs, and the "
                "pushback on the re-plan target means she thinks I don't understand the routing "
                "engine."
            ),
            "evidence": (
                "She ran fifteen minutes over and moved her next call. She asked for the PDF to "
                "share with the CEO. She changed the target with me instead of dismissing it, "
                "and booked the panel with Tomás before we hung up."
            ),
            "next_steps": (
                "Thank-you note to Dana tonight. Ask Tomás about the routing engine's tech debt "
                "before the panel. Re-read this the morning of the panel."
            ),
        },
    ),
    Debrief(
        company="Tessellate Health",
        kind=InterviewKind.FINAL,
        fields={
            "what_happened": (
                "Lunch with Renée and the leadership team, then an hour with the CTO, mostly "
                "about how I would run planning with a team of three."
            ),
            "went_well": "Easy rapport with the CTO. The clinic-scheduling launch story landed.",
            "do_differently": (
                "I never asked about the research budget. Write the question down and ask it first."
            ),
            "feeling": 3,
            "inner_critic": (
                "The CFO barely looked up. I came across as too junior for a Head of Product."
            ),
            "evidence": (
                "They made an offer four days later, and Renée said on the call that the team "
                "wants to work with me."
            ),
            "next_steps": "Ask about the research budget before we talk numbers.",
        },
    ),
)

COMMENTS = (
    Comment(
        on="debrief",
        by="member",
        ago=4 * DAY - 3 * HOUR,
        body=(
            "Dana asking for the PDF to show the CEO is not politeness. That is a buying "
            "signal. Your inner critic is wrong on this one."
        ),
    ),
    Comment(
        on="mission",
        by="member",
        ago=2 * DAY,
        body=(
            "Read it twice. The purpose reads like someone who has sat next to a dispatcher "
            "on a bad day. **Open with that sentence** at the panel."
        ),
    ),
    Comment(
        on="mission",
        by="member",
        ago=2 * DAY - 10 * MINUTE,
        key_result="Routes dispatched",
        body=(
            "62% to 80% in six months is bold, and I like it. Ask Dana what moved the number "
            "last year, so you know which lever you would pull first."
        ),
    ),
    Comment(
        on="mission",
        by="owner",
        ago=DAY,
        reply_to=2,
        body="Good call. It is now the first question on my list for the panel.",
    ),
)

GRATITUDE = (
    Thanks(
        "Ines Okafor",
        "My first product manager",
        "Told me I was ready to lead a team two years before I believed it, then gave me the "
        "dispatch project to prove it.",
        thanks_sent_days_ago=20,
    ),
    Thanks(
        "Leah Brandt",
        "Former colleague, now at Kestrel's largest customer",
        "Introduced me to Dana and told her, in her own words, what I did for the dispatchers.",
        thanks_sent_days_ago=6,
    ),
    Thanks(
        "Jordan Avery",
        "My council",
        "Reads every mission I write and asks the question I was avoiding.",
    ),
    Thanks(
        "Rafael Lindqvist",
        "My partner",
        "Took the kids every Tuesday and Thursday evening so I could write my job missions, "
        "and never once asked when I would find something.",
    ),
    Thanks(
        "Amara Singh",
        "Mentor from my product leadership circle",
        "Practised the salary conversation with me until “Are you open to…?” felt like my "
        "own words.",
        thanks_sent_days_ago=30,
    ),
)
