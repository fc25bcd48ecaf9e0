"""The opportunities models, moved here from the negotiation app: their tables (and every row) stay
where they are, so this migration changes Django's picture of the schema and nothing in the
database but the content types' app label."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """Content types (admin history, permissions) follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="negotiation",
        model__in=["focus", "opportunity", "person", "interview", "stagechange"],
    ).update(app_label="opportunities")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(
        app_label="opportunities",
        model__in=["focus", "opportunity", "person", "interview", "stagechange"],
    ).update(app_label="negotiation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("negotiation", "0003_versions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Focus",
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
                        (
                            "full_name",
                            models.CharField(
                                blank=True,
                                help_text="As it appears on your mission PDF.",
                                max_length=200,
                                verbose_name="Your name",
                            ),
                        ),
                        (
                            "contact",
                            models.CharField(
                                blank=True,
                                help_text="Email, phone or profile link for the PDF's header.",
                                max_length=300,
                                verbose_name="Contact line",
                            ),
                        ),
                        (
                            "attribute_1",
                            models.CharField(max_length=200, verbose_name="First attribute"),
                        ),
                        (
                            "attribute_2",
                            models.CharField(max_length=200, verbose_name="Second attribute"),
                        ),
                        (
                            "attribute_3",
                            models.CharField(max_length=200, verbose_name="Third attribute"),
                        ),
                        (
                            "attribute_4",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="Fourth attribute (optional)",
                            ),
                        ),
                        ("target_roles", models.CharField(blank=True, max_length=300)),
                        (
                            "level",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("entry", "Entry level"),
                                    ("mid", "Mid level"),
                                    ("senior", "Senior"),
                                    ("staff", "Staff / principal"),
                                    ("manager", "Manager"),
                                    ("director", "Director"),
                                    ("vp", "VP"),
                                    ("executive", "C-level / founder"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("industries", models.CharField(blank=True, max_length=300)),
                        ("locations", models.CharField(blank=True, max_length=300)),
                        ("must_haves", models.TextField(blank=True, max_length=4000)),
                        ("deal_breakers", models.TextField(blank=True, max_length=4000)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "owner",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="focus",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "foci",
                        "db_table": "negotiation_focus",
                    },
                ),
                migrations.CreateModel(
                    name="Opportunity",
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
                        ("company", models.CharField(max_length=200)),
                        ("role", models.CharField(max_length=200)),
                        (
                            "posting_url",
                            models.URLField(
                                blank=True, max_length=500, verbose_name="Posting link"
                            ),
                        ),
                        (
                            "posting_text",
                            models.TextField(
                                blank=True, max_length=50000, verbose_name="Posting text"
                            ),
                        ),
                        ("location", models.CharField(blank=True, max_length=200)),
                        (
                            "stage",
                            models.CharField(
                                choices=[
                                    ("exploring", "Exploring"),
                                    ("applied", "Applied"),
                                    ("interviewing", "Interviewing"),
                                    ("offer", "Offer"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("withdrawn", "Withdrawn"),
                                ],
                                default="exploring",
                                max_length=20,
                            ),
                        ),
                        (
                            "fit",
                            models.CharField(
                                choices=[
                                    ("strong", "Strong fit"),
                                    ("partial", "Partial fit"),
                                    ("off", "Off-focus"),
                                ],
                                default="partial",
                                max_length=10,
                                verbose_name="Fit with your focus",
                            ),
                        ),
                        ("next_step", models.CharField(blank=True, max_length=300)),
                        (
                            "next_step_due",
                            models.DateField(blank=True, null=True, verbose_name="Next step due"),
                        ),
                        ("notes", models.TextField(blank=True, max_length=20000)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="opportunities",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "opportunities",
                        "db_table": "negotiation_opportunity",
                        "ordering": ["-updated_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Person",
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
                        ("name", models.CharField(max_length=200)),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("hiring_manager", "Hiring manager"),
                                    ("recruiter", "Recruiter"),
                                    ("interviewer", "Interviewer"),
                                    ("team", "Future teammate"),
                                    ("referrer", "Referrer"),
                                    ("other", "Other"),
                                ],
                                default="other",
                                max_length=20,
                            ),
                        ),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("notes", models.TextField(blank=True, max_length=4000)),
                        (
                            "opportunity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="people",
                                to="opportunities.opportunity",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "people",
                        "db_table": "negotiation_person",
                        "ordering": ["name", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Interview",
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
                        ("scheduled_at", models.DateTimeField(verbose_name="When")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("screen", "Recruiter screen"),
                                    ("hiring_manager", "Hiring manager"),
                                    ("technical", "Technical / craft"),
                                    ("panel", "Panel"),
                                    ("culture", "Values / culture"),
                                    ("final", "Final round"),
                                    ("other", "Other"),
                                ],
                                default="hiring_manager",
                                max_length=20,
                            ),
                        ),
                        (
                            "channel",
                            models.CharField(
                                choices=[
                                    ("in_person", "In person"),
                                    ("video", "Video call"),
                                    ("phone", "Phone"),
                                ],
                                default="video",
                                max_length=20,
                            ),
                        ),
                        ("notes", models.TextField(blank=True, max_length=4000)),
                        (
                            "opportunity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="interviews",
                                to="opportunities.opportunity",
                            ),
                        ),
                        (
                            "people",
                            models.ManyToManyField(
                                blank=True, related_name="interviews", to="opportunities.person"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_interview",
                        "ordering": ["scheduled_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="StageChange",
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
                        (
                            "from_stage",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("exploring", "Exploring"),
                                    ("applied", "Applied"),
                                    ("interviewing", "Interviewing"),
                                    ("offer", "Offer"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("withdrawn", "Withdrawn"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "to_stage",
                            models.CharField(
                                choices=[
                                    ("exploring", "Exploring"),
                                    ("applied", "Applied"),
                                    ("interviewing", "Interviewing"),
                                    ("offer", "Offer"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                    ("withdrawn", "Withdrawn"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "opportunity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="stage_changes",
                                to="opportunities.opportunity",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "negotiation_stagechange",
                        "ordering": ["changed_at", "pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="opportunity",
                    index=models.Index(
                        fields=["owner", "stage"], name="negotiation_owner_i_ec8594_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunity",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            (
                                "stage__in",
                                [
                                    "exploring",
                                    "applied",
                                    "interviewing",
                                    "offer",
                                    "accepted",
                                    "declined",
                                    "withdrawn",
                                ],
                            )
                        ),
                        name="opportunity_stage_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="opportunity",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("fit__in", ["strong", "partial", "off"])),
                        name="opportunity_fit_valid",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
