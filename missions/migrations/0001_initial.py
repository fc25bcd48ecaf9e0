"""The missions models, moved here from the negotiation app: their tables (and every row) stay
where they are, so this migration changes Django's picture of the schema and nothing in the
database but the content types' app label."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """Content types (admin history, permissions) follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="negotiation",
        model__in=["mission", "objective", "question", "keyresult", "sharelink"],
    ).update(app_label="missions")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="missions",
        model__in=["mission", "objective", "question", "keyresult", "sharelink"],
    ).update(app_label="negotiation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("opportunities", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("negotiation", "0003_versions"),
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Mission",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "purpose",
                            models.TextField(
                                blank=True, max_length=4000, verbose_name="Purpose of the role"
                            ),
                        ),
                        (
                            "responsibilities",
                            models.TextField(
                                blank=True, max_length=8000, verbose_name="What I will own"
                            ),
                        ),
                        (
                            "include_questions",
                            models.BooleanField(
                                default=True, verbose_name="Include my questions in the PDF"
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "opportunity",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mission",
                                to="opportunities.opportunity",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_mission",
                    },
                ),
                migrations.CreateModel(
                    name="Objective",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("title", models.CharField(max_length=300)),
                        ("position", models.PositiveIntegerField(default=0)),
                        (
                            "mission",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="objectives",
                                to="missions.mission",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_objective",
                        "ordering": ["position", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Question",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("text", models.CharField(max_length=500, verbose_name="Question")),
                        ("answer", models.TextField(blank=True, max_length=4000)),
                        ("position", models.PositiveIntegerField(default=0)),
                        (
                            "mission",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="questions",
                                to="missions.mission",
                            ),
                        ),
                        (
                            "objective",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="questions",
                                to="missions.objective",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_question",
                        "ordering": ["position", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="KeyResult",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        ("description", models.CharField(max_length=300)),
                        (
                            "target",
                            models.CharField(max_length=200, verbose_name="Measurable target"),
                        ),
                        (
                            "horizon",
                            models.CharField(
                                choices=[
                                    ("30d", "30 days"),
                                    ("60d", "60 days"),
                                    ("90d", "90 days"),
                                    ("6m", "6 months"),
                                    ("12m", "12 months"),
                                ],
                                default="90d",
                                max_length=4,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("proposed", "Proposed"),
                                    ("confirmed", "Confirmed"),
                                    ("changed", "Changed"),
                                    ("dropped", "Dropped"),
                                ],
                                default="proposed",
                                max_length=10,
                            ),
                        ),
                        (
                            "manager_note",
                            models.TextField(
                                blank=True,
                                max_length=4000,
                                verbose_name="What the hiring manager said",
                            ),
                        ),
                        ("position", models.PositiveIntegerField(default=0)),
                        (
                            "objective",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="key_results",
                                to="missions.objective",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_keyresult",
                        "ordering": ["position", "pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("horizon__in", ["30d", "60d", "90d", "6m", "12m"])
                                ),
                                name="key_result_horizon_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("status__in", ["proposed", "confirmed", "changed", "dropped"])
                                ),
                                name="key_result_status_valid",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ShareLink",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token_digest", models.CharField(max_length=64, unique=True)),
                        ("token_salt", models.CharField(max_length=64)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("open_count", models.PositiveIntegerField(default=0)),
                        ("last_opened_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "mission",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="share_links",
                                to="missions.mission",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_sharelink",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("revoked_at__isnull", True)),
                                fields=("mission",),
                                name="one_live_share_link_per_mission",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
