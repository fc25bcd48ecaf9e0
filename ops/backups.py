"""Backing up and restoring the SQLite default with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the app keeps serving, and a
restore writes into the live database file through the same API, so running processes see the
restored rows on their next query (no file swapped under an open connection). PostgreSQL has
its own tools: ``pg_dump -Fc`` and ``pg_restore`` (README.md, "Back up and restore").
"""

import os
import sqlite3
import tempfile
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

NOT_SQLITE = (
    "The {alias!r} database is {vendor}, not SQLite. Back it up with pg_dump -Fc and restore it "
    "with pg_restore instead (README.md, “Back up and restore”)."
)


class BackupError(Exception):
    """A backup or restore that was refused; the message says why and what to do."""


def sqlite_connection(alias: str):
    """The open connection to the database ``alias``; BackupError when it is not SQLite."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        raise BackupError(NOT_SQLITE.format(alias=alias, vendor=connection.display_name))
    connection.ensure_connection()
    return connection


def _same_file(path: Path, connection) -> bool:
    name = str(connection.settings_dict["NAME"])
    return path.exists() and Path(name).exists() and path.samefile(name)


def back_up(path: Path, *, alias: str = "default", overwrite: bool = False) -> None:
    """Write a consistent copy of the database to ``path``, whole or not at all."""
    connection = sqlite_connection(alias)
    path = Path(path)
    if _same_file(path, connection):
        raise BackupError(f"{path} is the live database itself; choose another file.")
    if path.exists() and not overwrite:
        raise BackupError(
            f"{path} already exists. Choose a new file, or pass --force to replace it."
        )
    if path.parent.exists() and not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder to write the backup into.")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Into a temporary file beside it, then renamed: a failed backup never leaves half a file.
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def check_backup(path: Path) -> None:
    """Refuse a file that is not an intact SQLite database with this app's tables."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (status,) = source.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database ({error}).") from error
    if status != "ok":
        raise BackupError(f"{path} is damaged ({status}); nothing was restored.")
    if "django_migrations" not in tables:
        raise BackupError(f"{path} is a SQLite database, but not a backup of this app.")


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace every row of the database with the backup at ``path``."""
    connection = sqlite_connection(alias)
    path = Path(path)
    if _same_file(path, connection):
        raise BackupError(f"{path} is the live database itself; choose a backup file.")
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a transaction.")
    check_backup(path)
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def row_counts(*, alias: str = "default") -> dict[str, int | None]:
    """Rows per model (``app_label.Model``) for every installed model; None for a table the
    database does not have (a backup from before that model existed)."""
    counts = {}
    for model in apps.get_models():
        try:
            counts[model._meta.label] = model._default_manager.using(alias).count()
        except DatabaseError:
            counts[model._meta.label] = None
    return counts


def needs_migrate(*, alias: str = "default") -> bool:
    """Whether the database is behind the code's migrations (a backup from an older version)."""
    executor = MigrationExecutor(connections[alias])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
