"""Rotate the identity key: new key, every encrypted row and blind index rewritten.

The work is ``vault.rotation.rotate``: batch by batch, both keys in the file until every row
is under the new one, so a crash or a stop loses nothing and running the command again
finishes the rotation. ``--job --user NAME`` queues it for a worker instead (the kind
``identity_key_rotation``, vault/tasks.py) and prints the job's uid.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from vault.rotation import RotationError, rotate


class Command(BaseCommand):
    help = "Rotate the identity key and re-encrypt every encrypted row and blind index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--job", action="store_true",
                            help="queue the rotation as a job for a worker; print its uid")
        parser.add_argument("--user", help="with --job: who starts it (an administrator "
                                           "and secretary of a top unit)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["job"]:
            from accounts.system_work import enqueue_from_command
            from vault.tasks import enqueue_rotation

            job = enqueue_from_command(options["user"], enqueue_rotation)
            self.stdout.write(str(job.uid))
            return
        bar = tqdm(desc="rows", unit="row", disable=options["no_progress"], file=self.stderr)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            rotation = rotate(progress=progress)
        except RotationError as exc:
            raise CommandError(str(exc)) from None
        finally:
            bar.close()
        resumed = " (a rotation under way, finished)" if rotation.resumed else ""
        self.stdout.write(self.style.SUCCESS(
            f"Rotated to key {rotation.new_key_id}{resumed}; re-encrypted {rotation.rows} "
            "rows."))
