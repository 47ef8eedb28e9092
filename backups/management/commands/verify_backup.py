"""manage.py verify_backup FILE: the same as ``manage.py backup --verify FILE``."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Check an archive's integrity against its manifest without restoring it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--passphrase-file")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("backup", options["file"], verify=True,
                     passphrase_file=options["passphrase_file"], stdout=self.stdout,
                     stderr=self.stderr)
