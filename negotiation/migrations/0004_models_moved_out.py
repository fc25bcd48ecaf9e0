"""The pipeline and mission models moved to the opportunities and missions apps. Their tables keep
their names and rows (each model's Meta.db_table), so this only changes Django's picture: the
plan's links point at the models in their new apps, and the moved models leave this app."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_moved_models"),
        ("missions", "0001_initial"),
        ("negotiation", "0003_versions"),
        ("opportunities", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="successask",
                    name="objective",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="success_asks",
                        to="missions.objective",
                        verbose_name="Objective it serves",
                    ),
                ),
                migrations.AlterField(
                    model_name="offer",
                    name="opportunity",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="offers",
                        to="opportunities.opportunity",
                    ),
                ),
                migrations.AlterField(
                    model_name="negotiationplan",
                    name="opportunity",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan",
                        to="opportunities.opportunity",
                    ),
                ),
                migrations.AlterField(
                    model_name="conversation",
                    name="people",
                    field=models.ManyToManyField(
                        blank=True, related_name="conversations", to="opportunities.person"
                    ),
                ),
                migrations.DeleteModel(
                    name="ShareLink",
                ),
                migrations.DeleteModel(
                    name="KeyResult",
                ),
                migrations.DeleteModel(
                    name="Question",
                ),
                migrations.DeleteModel(
                    name="Objective",
                ),
                migrations.DeleteModel(
                    name="Mission",
                ),
                migrations.DeleteModel(
                    name="Interview",
                ),
                migrations.DeleteModel(
                    name="StageChange",
                ),
                migrations.DeleteModel(
                    name="Person",
                ),
                migrations.DeleteModel(
                    name="Focus",
                ),
                migrations.DeleteModel(
                    name="Opportunity",
                ),
            ],
            database_operations=[],
        ),
    ]
