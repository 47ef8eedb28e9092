"""``manage.py load_demo``: build the demo data from the seed texts; again changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.builder import build_demo
from demo.seed_text import SeedError
from demo.seeds import load_seeds
from vault.keyring import KeyringError


class Command(BaseCommand):
    help = ("Load the demo: coalitions and organizations from the texts in NUCLEUS_SEEDS_DIR, "
            "fictional cells and people, and the demo logins (see docs/demo.md).")

    def handle(self, *args, **options) -> None:
        # The demo logins have published passwords: only on an install that says it is a demo
        # (NUCLEUS_DEMO=1, as `scripts/start` sets it), never by accident on a real one.
        if not settings.NUCLEUS_DEMO:
            raise CommandError(
                "This is not a demo install: the demo logins have public passwords. Set "
                "NUCLEUS_DEMO=1 to make it one (every page then says so), or start without "
                "the demo (bash scripts/start --no-demo).")
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
        # Remembered in the data directory: later starts of this install show the banner
        # even without NUCLEUS_DEMO, and a start without the demo refuses this data.
        marker = Path(settings.NUCLEUS_DEMO_MARKER)
        if not marker.exists():
            marker.write_text("This install holds the demo; its logins have public passwords.\n")
            marker.chmod(0o600)
        for line in summary.lines():
            self.stdout.write(line)
