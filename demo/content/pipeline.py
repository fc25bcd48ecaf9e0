"""The candidate's focus, and six opportunities across the pipeline with their people and
interviews. The first is the one the full job mission is written for."""

from demo.content.shapes import Interview, Opportunity
from opportunities.models import Channel, Fit, InterviewKind, Level, PersonRole, Stage

FOCUS = {
    "full_name": "Maya Lindqvist",
    "attribute_1": "Director-level product leader for B2B workflow software",
    "attribute_2": "Series B to D companies of 150–600 people, product rhythm still forming",
    "attribute_3": "I turn scattered roadmaps into a few bets the whole company can explain",
    "attribute_4": "At home with operations-heavy customers: logistics, field service, clinics",
    "target_roles": "Director of Product, Head of Product",
    "level": Level.DIRECTOR,
    "industries": "B2B SaaS for logistics, field service and healthcare operations",
    "locations": "Chicago (hybrid, up to 2 office days) or remote on US Central/Eastern time",
    "must_haves": (
        "A seat in the leadership team's planning.\n"
        "A team of three to six product managers to grow.\n"
        "A CEO who wants product to own outcomes, not only output."
    ),
    "deal_breakers": (
        "A roadmap set deal by deal by sales.\n"
        "More than two days a week in an office.\n"
        "No time or budget for talking to customers."
    ),
}
# The focus's contact line: the account's email, then this.
PHONE = "+1 (312) 555-0148"

# Interviews are at this hour (UTC): mid-morning in Chicago, where the candidate lives.
INTERVIEW_HOUR_UTC = 15

KESTREL = Opportunity(
    stages=(Stage.EXPLORING, Stage.APPLIED, Stage.INTERVIEWING),
    started_days_ago=24,
    fields={
        "company": "Kestrel Routing",
        "role": "Director of Product, Dispatch",
        "posting_url": "https://careers.kestrel-routing.example/director-of-product",
        "posting_text": (
            "Kestrel Routing builds dispatch and route planning software for regional "
            "freight carriers. We are looking for a Director of Product to lead our "
            "dispatch product area and a team of four PMs..."
        ),
        "location": "Chicago, hybrid",
        "fit": Fit.STRONG,
        "next_step": "Walk Dana through my job mission on the video call",
        "notes": (
            "Referred by a former colleague. Dana asked how I would measure trust in the "
            "automatic plan: that became my first objective."
        ),
    },
    next_step_in_days=3,
    people=(
        {
            "name": "Dana Whitfield",
            "role": PersonRole.HIRING_MANAGER,
            "email": "dana.whitfield@kestrel-routing.example",
            "notes": "Chief Product Officer. Came from operations; likes numbers she can check.",
        },
        {
            "name": "Priya Raman",
            "role": PersonRole.RECRUITER,
            "email": "priya.raman@kestrel-routing.example",
            "notes": "Quick to reply; prefers a call to long emails.",
        },
        {
            "name": "Tomás Greer",
            "role": PersonRole.INTERVIEWER,
            "email": "tomas.greer@kestrel-routing.example",
            "notes": "Head of Engineering. Worried about the routing engine's tech debt.",
        },
    ),
    interviews=(
        Interview(
            in_days=-12,
            kind=InterviewKind.SCREEN,
            channel=Channel.PHONE,
            people=("Priya Raman",),
            notes="Salary band fits. Team of four PMs, one open headcount.",
        ),
        Interview(
            in_days=-5,
            kind=InterviewKind.HIRING_MANAGER,
            channel=Channel.VIDEO,
            people=("Dana Whitfield",),
            notes="Went well. Dana is open to me bringing a written mission next time.",
        ),
        Interview(
            in_days=3,
            kind=InterviewKind.PANEL,
            channel=Channel.IN_PERSON,
            people=("Dana Whitfield", "Tomás Greer"),
            notes="Bring the mission PDF and walk through it live.",
        ),
    ),
)

TESSELLATE = Opportunity(
    stages=(Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER),
    started_days_ago=40,
    fields={
        "company": "Tessellate Health",
        "role": "Head of Product, Clinic Operations",
        "posting_url": "https://tessellate-health.example/jobs/head-of-product",
        "location": "Remote (US)",
        "fit": Fit.STRONG,
        "next_step": "Ask about the research budget before talking numbers",
        "notes": "Offer came in on Monday. Strong team; the role reports to the CEO.",
    },
    next_step_in_days=2,
    people=(
        {
            "name": "Renée Duval",
            "role": PersonRole.HIRING_MANAGER,
            "email": "renee@tessellate-health.example",
            "notes": "CEO and co-founder.",
        },
        {
            "name": "Marcus Bell",
            "role": PersonRole.RECRUITER,
            "email": "marcus.bell@tessellate-health.example",
        },
    ),
    interviews=(
        Interview(
            in_days=-9,
            kind=InterviewKind.FINAL,
            channel=Channel.IN_PERSON,
            people=("Renée Duval",),
            notes="Met the leadership team over lunch.",
        ),
    ),
)

HARBORLINE = Opportunity(
    stages=(Stage.EXPLORING, Stage.APPLIED),
    started_days_ago=14,
    fields={
        "company": "Harborline Field Service",
        "role": "Director of Product",
        "posting_url": "https://harborline.example/careers/director-product",
        "location": "Milwaukee, 4 days in the office",
        "fit": Fit.PARTIAL,
        "next_step": "Follow up with Sam about the office days",
        "notes": "Great product, but four office days breaks one of my deal-breakers.",
    },
    next_step_in_days=-2,
    people=(
        {
            "name": "Sam Okoro",
            "role": PersonRole.REFERRER,
            "email": "sam.okoro@harborline.example",
            "notes": "Former teammate, now VP Engineering there.",
        },
    ),
)

QUILLMARK = Opportunity(
    stages=(Stage.EXPLORING,),
    started_days_ago=3,
    fields={
        "company": "Quillmark",
        "role": "Senior Product Manager, Growth",
        "posting_url": "https://quillmark.example/jobs/senior-pm-growth",
        "location": "Remote",
        "fit": Fit.OFF,
        "next_step": "Decide whether it is worth a call at all",
        "notes": "Consumer app and an individual-contributor role: off my focus. Kept for now.",
    },
    next_step_in_days=5,
)

BRIGHTFOLD = Opportunity(
    stages=(Stage.EXPLORING, Stage.APPLIED, Stage.DECLINED),
    started_days_ago=30,
    fields={
        "company": "Brightfold Analytics",
        "role": "Director of Product, Platform",
        "location": "Remote (US)",
        "fit": Fit.PARTIAL,
        "notes": "Declined after the second call: the roadmap is set deal by deal by sales.",
    },
)

# A second offer, richer in equity, from a team that has only talked about success by email.
NORTHPINE = Opportunity(
    stages=(Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER),
    started_days_ago=35,
    fields={
        "company": "Northpine Logistics",
        "role": "Director of Product, Warehouse Operations",
        "posting_url": "https://northpine.example/careers/director-product",
        "location": "Remote (US Central)",
        "fit": Fit.STRONG,
        "next_step": "Ask Jonah for a call about what the role needs, before any numbers",
        "notes": "Offer by phone from the recruiter; written offer the same day.",
    },
    next_step_in_days=1,
    people=(
        {
            "name": "Jonah Reyes",
            "role": PersonRole.HIRING_MANAGER,
            "email": "jonah.reyes@northpine.example",
            "notes": "VP Product. Busy; answers email at night.",
        },
        {
            "name": "Aisha Brooks",
            "role": PersonRole.RECRUITER,
            "email": "aisha.brooks@northpine.example",
        },
    ),
)

OPPORTUNITIES = (KESTREL, TESSELLATE, HARBORLINE, QUILLMARK, BRIGHTFOLD, NORTHPINE)
