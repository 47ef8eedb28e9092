"""``manage.py load_demo``: build the demo data from the seed texts; again changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.builder import build_demo
from demo.seeds import SeedError, load_seeds
from vault.keyring import KeyringError


class Command(BaseCommand):
    help = ("Load the demo: coalitions and organizations from the texts in NUCLEUS_SEEDS_DIR, "
            "fictional cells and people, and the demo logins (see docs/demo.md).")

    def handle(self, *args, **options) -> None:
        directory = Path(settings.NUCLEUS_SEEDS_DIR)
        if not directory.is_dir():
            raise CommandError(
                f"The seeds directory {directory} does not exist. Put the seed texts there or "
                f"set NUCLEUS_SEEDS_DIR to the directory that holds them.")
        try:
            seeds = load_seeds(directory)
            summary = build_demo(stdout=self.stdout if options["verbosity"] > 1 else None,
                                 seeds=seeds)
        except (SeedError, KeyringError) as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
