"""Several writers at once on the SQLite default: nobody sees "database is locked", nothing is lost.

pytest-django's test database on SQLite lives in memory, where locking does not show; this test
opens its own database file with exactly the settings config/settings.py gives the default
(WAL, synchronous=NORMAL, IMMEDIATE transactions, a busy timeout, foreign keys on), and writes
to it through the ORM from several threads, each with its own connection, as gunicorn's
workers would.
"""

import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from opportunities.models import Opportunity, Stage, StageChange

THREADS = 8
WRITES_PER_THREAD = 25
ALIAS = "concurrent_writers"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite locking; PostgreSQL locks rows, not the database",
    ),
]


def open_connection(config: dict):
    """This thread's own connection to the file, under ALIAS (Django keeps connections per
    thread; one made on the fly is allowed in any test)."""
    connection = DatabaseWrapper(config, ALIAS)
    setattr(connections._connections, ALIAS, connection)
    return connection


def close_connection() -> None:
    connections[ALIAS].close()
    delattr(connections._connections, ALIAS)


@pytest.fixture
def database_file(tmp_path, settings):
    """A database file configured like the default database, with the tables the writers need."""
    config = {**connections["default"].settings_dict, "NAME": str(tmp_path / "writers.sqlite3")}
    config["OPTIONS"] = dict(settings.DATABASES["default"]["OPTIONS"])
    open_connection(config)
    try:
        with connections[ALIAS].schema_editor() as editor:
            for model in (get_user_model(), Opportunity, StageChange):
                editor.create_model(model)
        yield config
    finally:
        close_connection()


def test_uses_the_pragmas_from_settings(database_file):
    with connections[ALIAS].cursor() as cursor:
        pragmas = {
            name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "busy_timeout": 20000,
        "foreign_keys": 1,
    }
    assert database_file["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_concurrent_writers_see_no_locked_database_and_lose_no_row(database_file):
    owner = (
        get_user_model()
        .objects.db_manager(ALIAS)
        .create_user(username="writer", email="writer@example.com", password="not-used-here")
    )
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def write(thread: int) -> None:
        open_connection(database_file)
        try:
            start.wait(timeout=30)
            for n in range(WRITES_PER_THREAD):
                # What creating an opportunity does: two rows, one transaction.
                with transaction.atomic(using=ALIAS):
                    opportunity = Opportunity.objects.using(ALIAS).create(
                        owner=owner, company=f"Company {thread}-{n}", role="Head of Product"
                    )
                    StageChange.objects.using(ALIAS).create(
                        opportunity=opportunity, to_stage=Stage.EXPLORING
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            close_connection()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(THREADS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert errors == []
    assert Opportunity.objects.using(ALIAS).count() == THREADS * WRITES_PER_THREAD
    assert StageChange.objects.using(ALIAS).count() == THREADS * WRITES_PER_THREAD
    companies = set(Opportunity.objects.using(ALIAS).values_list("company", flat=True))
    assert len(companies) == THREADS * WRITES_PER_THREAD
    assert time.monotonic() - began < 60
    assert connection.alias == "default"  # the writers left the test database alone
