"""``python manage.py restore PATH``: put a backup made by ``backup`` back into the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backups import (
    BackupError,
    check_backup,
    needs_migrate,
    restore,
    row_counts,
    sqlite_connection,
)


class Command(BaseCommand):
    help = (
        "Replace every row of the SQLite database with the backup at PATH (made by "
        "`manage.py backup`), then print the rows per table. Asks first unless --no-input. "
        "For PostgreSQL use pg_restore (README.md, “Back up and restore”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to restore.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            "--force",
            action="store_false",
            dest="interactive",
            help="Do not ask before replacing the data.",
        )
        parser.add_argument("--database", default="default", help="Which database to restore.")

    def handle(self, *args, path: Path, interactive: bool, database: str, **options) -> None:
        try:
            sqlite_connection(database)
            check_backup(path)
            if interactive and not self._confirmed(path, database):
                raise CommandError("Nothing was restored.", returncode=1)
            restore(path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {path}. Rows per table now:"))
        counts = row_counts(alias=database)
        width = max(map(len, counts))
        for label, count in sorted(counts.items()):
            shown = "(no table: run migrate)" if count is None else count
            self.stdout.write(f"  {label:<{width}}  {shown}")
        self.stdout.write(f"  {'total':<{width}}  {sum(c or 0 for c in counts.values())}")
        if needs_migrate(alias=database):
            self.stdout.write(
                self.style.WARNING(
                    "The backup is from an older version: run `python manage.py migrate` now."
                )
            )

    def _confirmed(self, path: Path, database: str) -> bool:
        rows = sum(count or 0 for count in row_counts(alias=database).values())
        self.stdout.write(
            f"This replaces all {rows} rows in the {database!r} database with the backup at "
            f"{path}. Anything saved since that backup is lost."
        )
        answer = input("Type 'yes' to restore: ")
        return answer.strip().lower() == "yes"
