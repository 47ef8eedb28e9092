"""manage.py run_planner_jobs [--loop] [--interval S]

Dissolves the temporary teams whose end date has come. Plan runs themselves are jobs now,
run by ``manage.py run_jobs`` (the jobs app), which also fails runs whose worker died.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from deployment.actions import dissolve_expired_teams


class Command(BaseCommand):
    help = "Dissolve expired temporary teams (plan runs are run by manage.py run_jobs)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep watching")
        parser.add_argument("--interval", type=float, default=60.0,
                            help="seconds between looks with --loop (default %(default)s)")

    def handle(self, *args, **options):
        while True:
            dissolved = dissolve_expired_teams(timezone.localdate())
            if dissolved or not options["loop"]:
                self.stdout.write(f"{dissolved} team(s) dissolved.")
            if not options["loop"]:
                return
            time.sleep(max(0.1, options["interval"]))
