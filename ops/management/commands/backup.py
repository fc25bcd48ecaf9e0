"""``python manage.py backup PATH``: a consistent copy of the SQLite database, taken live."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backups import BackupError, back_up, row_counts


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH with SQLite's online backup API, while the app keeps "
        "running. For PostgreSQL use pg_dump -Fc (README.md, “Back up and restore”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The file to write the backup to.")
        parser.add_argument("--force", action="store_true", help="Replace PATH if it exists.")
        parser.add_argument("--database", default="default", help="Which database to back up.")

    def handle(self, *args, path: Path, force: bool, database: str, **options) -> None:
        try:
            back_up(path, alias=database, overwrite=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        total = sum(count or 0 for count in row_counts(alias=database).values())
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backed up {total} rows ({size:,} bytes) to {path}."))
        self.stdout.write(f"Restore it with: python manage.py restore {path}")
