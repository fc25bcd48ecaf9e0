"""Councils' links to focus, missions, objectives, key results, opportunities and interviews now
point at those models in their new apps. The tables are the same, so the database is untouched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0001_initial"),
        ("missions", "0001_initial"),
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="key_result",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to="missions.keyresult",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="objective",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to="missions.objective",
                    ),
                ),
                migrations.AlterField(
                    model_name="debrief",
                    name="interview",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="debriefs",
                        to="opportunities.interview",
                    ),
                ),
                migrations.AlterField(
                    model_name="debrief",
                    name="opportunity",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="debriefs",
                        to="opportunities.opportunity",
                    ),
                ),
                migrations.AlterField(
                    model_name="share",
                    name="focus",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="council_shares",
                        to="opportunities.focus",
                    ),
                ),
                migrations.AlterField(
                    model_name="share",
                    name="mission",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="council_shares",
                        to="missions.mission",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
