"""manage.py backup OUT: an encrypted archive of the database and the data directory.

``manage.py backup --job --user NAME`` queues a backup job instead (backups/tasks.py) and
prints its uid; ``manage.py jobs`` follows it.

``manage.py backup --verify FILE`` reads an archive through and checks it against its
manifest without restoring anything. See docs/deployment.md, "Backups and restore".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from backups import archive, reading, writing
from backups.archive import ArchiveError
from vault import custody


def summary(manifest: dict[str, Any]) -> str:
    rows = sum(m["count"] for m in manifest["models"].values())
    size = sum(f["size"] for f in manifest["files"].values())
    return (f"{rows} rows of {len(manifest['models'])} models, "
            f"{len(manifest['files'])} data files ({size} bytes)")


class Command(BaseCommand):
    help = ("Write an encrypted archive of the whole database and the data directory (never "
            "the identity key), or check one with --verify.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?",
                            help="the archive to write (or, with --verify, to check)")
        parser.add_argument("--verify", action="store_true",
                            help="check the archive's integrity without restoring it")
        parser.add_argument("--passphrase-file",
                            help="file holding the backup passphrase (default: "
                                 "NUCLEUS_BACKUP_PASSPHRASE_FILE or NUCLEUS_BACKUP_PASSPHRASE)")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--job", action="store_true",
                            help="queue a backup job for a worker instead (its archive goes to "
                                 "NUCLEUS_BACKUP_DIR); print the job's uid")
        parser.add_argument("--user", help="with --job: who starts it (an administrator "
                                           "and secretary of a top unit)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["job"]:
            if options["file"] or options["verify"]:
                raise CommandError("--job writes into NUCLEUS_BACKUP_DIR: give no file")
            from accounts.system_work import enqueue_from_command
            from backups.tasks import enqueue_backup

            self.stdout.write(str(enqueue_from_command(options["user"], enqueue_backup).uid))
            return
        if not options["file"]:
            raise CommandError("name the archive to write (or check), or use --job")
        path = Path(options["file"])
        try:
            passphrase = archive.load_passphrase(options["passphrase_file"])
            if options["verify"]:
                with path.open("rb") as source:
                    manifest = reading.verify(source, passphrase)
                self.stdout.write(self.style.SUCCESS(f"{path} is intact: {summary(manifest)}."))
                return
            manifest = self._write(path, passphrase, not options["no_progress"])
        except (ArchiveError, OSError) as exc:
            raise CommandError(str(exc)) from None
        custody.record_key_event("backup_written", {"file": str(path)}, kind="security")
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {path}: {summary(manifest)}. The identity key is not in it: keep it in "
            "custody apart from the archive."))

    def _write(self, path: Path, passphrase: str, show: bool) -> dict[str, Any]:
        # One step per model and data file, as a backup job's page counts them.
        bar = tqdm(total=writing.archive_steps() if show else 0, desc="backup",
                   unit="step", disable=not show, file=self.stderr)
        try:
            return writing.write_archive(path, passphrase,
                                         progress=lambda name, count: bar.update(1))
        except FileExistsError as exc:
            raise CommandError(str(exc)) from None
        finally:
            bar.close()
