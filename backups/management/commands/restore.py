"""manage.py restore FILE: an archive into an empty, migrated database (backups/restoring.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups import archive, restoring
from backups.archive import ArchiveError
from backups.management.commands.backup import summary
from vault import custody


class Command(BaseCommand):
    help = ("Restore an archive into an empty database, all or nothing; then verify counts and "
            "that identities decrypt with the current identity key.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--passphrase-file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            passphrase = archive.load_passphrase(options["passphrase_file"])
            with path.open("rb") as source:
                manifest = restoring.restore(source, passphrase)
        except (ArchiveError, restoring.RestoreError, OSError) as exc:
            raise CommandError(f"{str(exc).rstrip('.')}. Nothing was restored.") from None
        custody.record_key_event("backup_restored", {"file": str(path)}, kind="security")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {path}: {summary(manifest)}; counts match the manifest and identities "
            "decrypt with the current key."))
