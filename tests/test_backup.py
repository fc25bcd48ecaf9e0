"""`manage.py backup PATH` and `manage.py restore PATH` on the SQLite default: a backup taken
from a full demo account, restored over changed and deleted data, brings back every row."""

from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from missions.models import Mission
from opportunities.models import Opportunity

pytestmark = [
    pytest.mark.django_db(transaction=True),  # a restore cannot run inside the test's transaction
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="the commands are for the SQLite default; PostgreSQL uses pg_dump / pg_restore",
    ),
]


def every_row() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def run(*args, answer: str | None = None, monkeypatch=None) -> str:
    out = StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    call_command("demo", "--force", stdout=StringIO())
    rows = every_row()
    assert rows["missions.KeyResult"] and rows["councils.Comment"]  # the demo filled them
    return rows


def test_a_restored_backup_brings_back_every_row(seeded, tmp_path):
    backup = tmp_path / "jobmission.sqlite3"

    out = run("backup", str(backup))
    assert f"to {backup}" in out
    Mission.objects.update(purpose="Changed after the backup")
    Opportunity.objects.filter(company__icontains="Kestrel").delete()
    get_user_model().objects.filter(email__startswith="demo+member").delete()
    assert every_row() != seeded

    out = run("restore", str(backup), "--no-input")

    assert every_row() == seeded
    assert "Rows per table now:" in out
    count = len(seeded["opportunities.Opportunity"])
    assert any(
        line.split() == ["opportunities.Opportunity", str(count)] for line in out.splitlines()
    )


def test_restore_asks_first_and_an_answer_other_than_yes_changes_nothing(
    seeded, tmp_path, monkeypatch
):
    backup = tmp_path / "jobmission.sqlite3"
    run("backup", str(backup))
    Opportunity.objects.all().delete()
    after_delete = every_row()

    out = StringIO()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored") as refused:
        call_command("restore", str(backup), stdout=out)

    assert refused.value.returncode == 1, "a script can tell that nothing happened"
    assert "Anything saved since that backup is lost" in out.getvalue()
    assert every_row() == after_delete

    run("restore", str(backup), answer="yes", monkeypatch=monkeypatch)
    assert every_row() == seeded


def test_backup_never_overwrites_a_file_unless_told(seeded, tmp_path):
    backup = tmp_path / "jobmission.sqlite3"
    backup.write_text("an older, precious file")

    with pytest.raises(CommandError, match="already exists"):
        run("backup", str(backup))

    assert backup.read_text() == "an older, precious file"
    run("backup", str(backup), "--force")
    assert backup.read_bytes().startswith(b"SQLite format 3")


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(seeded, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database")

    with pytest.raises(CommandError, match="not a SQLite database"):
        run("restore", str(not_a_backup), "--no-input")
    with pytest.raises(CommandError, match="no backup at"):
        run("restore", str(tmp_path / "missing.sqlite3"), "--no-input")

    assert every_row() == seeded


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_points_postgresql_users_to_pg_dump(command, tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    monkeypatch.setattr(connection, "display_name", "PostgreSQL")

    with pytest.raises(CommandError, match="pg_dump -Fc and restore it with pg_restore"):
        run(
            command,
            str(tmp_path / "x.sqlite3"),
            "--no-input" if command == "restore" else "--force",
        )


def test_backup_makes_the_folder_it_writes_into(seeded, tmp_path):
    backup = tmp_path / "backups" / "jobmission.sqlite3"

    run("backup", str(backup))

    assert backup.is_file()
