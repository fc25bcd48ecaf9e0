"""Moving the pipeline and the missions out of the negotiation app kept every row.

A database made by the code before the move (negotiation 0003_versions, councils 0001_initial)
is filled through the historical models, migrated to the latest, and read again: every table
holds the same rows, the content types follow the models to their new apps, and the new models
read the old rows.

The test migrates the shared test database, so it runs as a transactional test (outside the
per-test transaction, which SQLite's schema editor refuses) and always migrates forward again,
even when an assertion fails: the tests after it expect the latest schema. It does not ask for
``serialized_rollback``: the flush after it then re-creates the content types and permissions
for the transactional tests that follow, as it does after any other transactional test.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from councils.models import Comment, Debrief, Share
from missions.models import KeyResult, Mission
from negotiation.models import Conversation, Offer
from opportunities.models import Interview, Opportunity

# The last migrations the code before the move had.
BEFORE_THE_MOVE = [("negotiation", "0003_versions"), ("councils", "0001_initial")]
TABLE_PREFIXES = ("negotiation_", "councils_")
MOVED_TO = {
    "focus": "opportunities",
    "opportunity": "opportunities",
    "person": "opportunities",
    "interview": "opportunities",
    "stagechange": "opportunities",
    "mission": "missions",
    "objective": "missions",
    "keyresult": "missions",
    "question": "missions",
    "sharelink": "missions",
}
CONTENT_TYPE_APPS = ("negotiation", "councils", "opportunities", "missions")
# The historical models of the councils app; the others were all in negotiation.
COUNCIL_MODELS = {
    "Council",
    "Membership",
    "Invitation",
    "Share",
    "Comment",
    "Debrief",
    "GratitudeEntry",
    "NotificationPreference",
}


def targets_before_the_move(graph) -> list[tuple[str, str | None]]:
    """Every migration written after the move unapplied, every other one kept: per app touched,
    its last migration from before the move, or None for an app the move created."""
    after = {node for old in BEFORE_THE_MOVE for node in graph.backwards_plan(old)}
    after -= set(BEFORE_THE_MOVE)
    targets = []
    for app in sorted({app for app, _ in after}):
        kept = [node for node in graph.nodes if node[0] == app and node not in after]
        last = max(kept, key=lambda node: len(graph.forwards_plan(node)), default=None)
        targets.append(last or (app, None))
    return targets


def build_old_database(apps) -> dict:
    """What the old code made for a demo-like owner and a second account, one of every model,
    through the historical models; returns the ids and counts the checks need."""
    now = timezone.now()
    today = timezone.localdate()

    def model(name):
        app = "councils" if name in COUNCIL_MODELS else "negotiation"
        return apps.get_model(app, name)

    user_model = apps.get_model("auth", "User")
    owner = user_model.objects.create(
        username="demo-0123456789ab", email="demo@example.com", password=make_password("demo-pw")
    )
    peer = user_model.objects.create(
        username="peer", email="peer@example.com", password=make_password("peer-pw")
    )
    focus = model("Focus").objects.create(
        owner=owner,
        full_name="Alex Rivera",
        attribute_1="Product leader for B2B developer tools",
        attribute_2="Series B to D companies",
        attribute_3="I turn platform debt into shipping speed",
        level="director",
        must_haves="A seat at the leadership table",
    )
    opportunities = [
        model("Opportunity").objects.create(
            owner=owner, company=company, role="Director of Product", stage=stage, fit=fit
        )
        for company, stage, fit in [
            ("Acme", "offer", "strong"),
            ("Globex", "interviewing", "partial"),
            ("Initech", "applied", "off"),
        ]
    ]
    acme, globex, _ = opportunities
    for opportunity in opportunities:
        model("StageChange").objects.create(
            opportunity=opportunity, from_stage="exploring", to_stage=opportunity.stage
        )
    people = [
        model("Person").objects.create(opportunity=opportunity, name=name, role=role)
        for opportunity, name, role in [
            (acme, "Dana Hiring", "hiring_manager"),
            (acme, "Rui Recruiter", "recruiter"),
            (globex, "Gil Panel", "interviewer"),
        ]
    ]
    interviews = []
    for opportunity, days, attendees in [(acme, -2, people[:2]), (globex, 3, people[2:])]:
        interview = model("Interview").objects.create(
            opportunity=opportunity,
            scheduled_at=now + dt.timedelta(days=days),
            kind="hiring_manager",
            channel="video",
        )
        interview.people.set(attendees)
        interviews.append(interview)

    mission = model("Mission").objects.create(
        opportunity=acme, purpose="Make the platform a reason customers stay.", version=3
    )
    objectives = [
        model("Objective").objects.create(mission=mission, title=title, position=position)
        for position, title in enumerate(["Make onboarding fast", "Pay down platform debt"])
    ]
    key_results = [
        model("KeyResult").objects.create(
            objective=objective,
            description=f"Key result {n} of {objective.title}",
            target="from 40% to 60%",
            horizon="90d",
            status="confirmed" if n == 0 else "proposed",
            position=n,
        )
        for objective in objectives
        for n in range(2)
    ]
    model("Question").objects.create(mission=mission, text="Who owns onboarding?", position=0)
    model("Question").objects.create(
        mission=mission, objective=objectives[1], text="What is the debt budget?", position=1
    )
    model("ShareLink").objects.create(
        mission=mission, token_digest="d" * 64, token_salt="salt", open_count=2
    )

    plan = model("NegotiationPlan").objects.create(opportunity=acme)
    asks = [
        model("SuccessAsk").objects.create(
            plan=plan,
            category=category,
            description=description,
            objective=objective,
            amount=amount,
            currency="USD" if amount else "",
            position=position,
        )
        for position, (category, description, objective, amount) in enumerate(
            [
                ("budget", "Budget for the platform rewrite", objectives[1], Decimal("250000")),
                ("headcount", "Two more engineers", objectives[0], None),
            ]
        )
    ]
    model("RedFlag").objects.create(
        plan=plan, kind="ask_not_discussed", title="Would not discuss headcount", ask=asks[1]
    )
    conversation = model("Conversation").objects.create(
        plan=plan,
        happened_on=today - dt.timedelta(days=1),
        channel="video",
        about_success=True,
        summary="Walked through the asks.",
    )
    conversation.people.set(people[:2])
    for version, base in [("initial", "180000"), ("revised", "192500")]:
        model("Offer").objects.create(
            opportunity=acme,
            version=version,
            received_on=today,
            currency="USD",
            base_salary=Decimal(base),
            bonus_target_percent=Decimal("10"),
            vesting_years=4,
            cliff_months=12,
        )
    model("MoneyAsk").objects.create(
        plan=plan,
        currency="USD",
        target_base=Decimal("195000"),
        walk_away=Decimal("175000"),
        reasons="The role now includes the data platform team.",
    )

    council = model("Council").objects.create(owner=owner, name="Thursday peers", kind="fast")
    for member in (owner, peer):
        model("Membership").objects.create(council=council, user=member)
    model("Invitation").objects.create(
        council=council,
        email="invitee@example.com",
        invited_by=owner,
        token_digest="i" * 64,
        expires_at=now + dt.timedelta(days=7),
    )
    mission_share = model("Share").objects.create(council=council, mission=mission, shared_by=owner)
    model("Share").objects.create(council=council, plan=plan, shared_by=owner)
    question = model("Comment").objects.create(
        share=mission_share, author=peer, key_result=key_results[0], body="What is the baseline?"
    )
    model("Comment").objects.create(
        share=mission_share, author=owner, parent=question, body="40%, measured weekly."
    )
    model("Debrief").objects.create(
        owner=owner,
        opportunity=acme,
        interview=interviews[0],
        happened_on=today,
        what_happened="We walked through my mission.",
        feeling=4,
    )
    for position, name in enumerate(["Sam", "Priya"]):
        model("GratitudeEntry").objects.create(
            owner=owner, name=name, what_they_did="Told me I was ready.", position=position
        )
    model("NotificationPreference").objects.create(user=peer, comment_emails=False)
    return {
        "opportunities": len(opportunities),
        "mission": mission.pk,
        "objectives": [objective.title for objective in objectives],
        "key_results": len(key_results),
        "conversation": conversation.pk,
        "conversation_people": sorted(person.name for person in people[:2]),
        "interview": interviews[0].pk,
        "focus": focus.pk,
    }


def table_rows() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every negotiation_ and councils_ table, in the order of the first column."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith(TABLE_PREFIXES):
                # Table names come from the database itself, not from any input.
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
                rows[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return rows


def content_types() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, app_label, model FROM django_content_type"
            " WHERE app_label IN (%s, %s, %s, %s) ORDER BY id",
            CONTENT_TYPE_APPS,
        )
        return cursor.fetchall()


def label_content_types_as_before_the_move(apps) -> None:
    """The old code's post_migrate made one content type per model, labelled with the app the
    model lived in then. Made so here rather than trusted to the backward migrations: what is
    under test is the way forward."""
    with connection.cursor() as cursor:
        for label in ("negotiation", "councils"):
            for historical in apps.get_app_config(label).get_models():
                name = historical._meta.model_name
                cursor.execute(
                    "SELECT 1 FROM django_content_type WHERE app_label = %s AND model = %s",
                    [label, name],
                )
                if cursor.fetchone():
                    continue
                cursor.execute(
                    "UPDATE django_content_type SET app_label = %s"
                    " WHERE model = %s AND app_label IN (%s, %s)",
                    [label, name, "opportunities", "missions"],
                )
                if not cursor.rowcount:
                    cursor.execute(
                        "INSERT INTO django_content_type (app_label, model) VALUES (%s, %s)",
                        [label, name],
                    )


def same_columns(rows: tuple[list[str], list[tuple]], columns: list[str]) -> list[tuple]:
    """The rows read again, cut to the columns the old database had (a later migration may add
    one; none may lose one)."""
    names, values = rows
    return [tuple(row[names.index(column)] for column in columns) for row in values]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(targets_before_the_move(executor.loader.graph))
        old_apps = executor.loader.project_state(BEFORE_THE_MOVE).apps
        label_content_types_as_before_the_move(old_apps)
        made = build_old_database(old_apps)
        rows_before = table_rows()
        types_before = content_types()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    rows_after = table_rows()
    assert len(rows_before) >= 26  # the 24 models and the two people tables
    missing = sorted(set(rows_before) - set(rows_after))
    assert not missing, f"Tables gone: {missing}"
    for table, (columns, values) in rows_before.items():
        assert values, f"{table} was not filled before the move"
        lost = sorted(set(columns) - set(rows_after[table][0]))
        assert not lost, f"{table} lost its columns {lost}"
        assert same_columns(rows_after[table], columns) == values, f"{table} rows changed"

    expected_types = [(pk, MOVED_TO.get(name, label), name) for pk, label, name in types_before]
    assert content_types() == expected_types, "content types did not follow the moved models"
    ContentType.objects.clear_cache()
    opportunity_type = ContentType.objects.get_for_model(Opportunity)
    assert (opportunity_type.pk, "negotiation", "opportunity") in types_before

    assert Opportunity.objects.count() == made["opportunities"]
    mission = Mission.objects.get(pk=made["mission"])
    assert list(mission.objectives.values_list("title", flat=True)) == made["objectives"]
    assert KeyResult.objects.filter(objective__mission=mission).count() == made["key_results"]
    conversation = Conversation.objects.get(pk=made["conversation"])
    assert sorted(conversation.people.values_list("name", flat=True)) == made["conversation_people"]
    assert Interview.objects.get(pk=made["interview"]).people.count() == 2
    assert Share.objects.filter(mission=mission).get().council.memberships.count() == 2
    assert Share.objects.filter(plan__opportunity__company="Acme").exists()
    reply = Comment.objects.get(parent__isnull=False)
    assert reply.parent.key_result.objective.mission == mission
    assert Debrief.objects.get().interview.opportunity == mission.opportunity
    assert Offer.objects.filter(opportunity=mission.opportunity).count() == 2
    assert mission.opportunity.owner.focus.pk == made["focus"]
