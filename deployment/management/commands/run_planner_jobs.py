"""manage.py run_planner_jobs [--loop] [--interval S]

For deployments that prefer a worker process to background threads (set
NUCLEUS_PLANNER_WORKER=1): runs every queued plan, marks runs interrupted by a restart as
failed, and dissolves the temporary teams whose end date has come.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from deployment import jobs
from deployment.actions import dissolve_expired_teams


class Command(BaseCommand):
    help = "Run queued deployment plans and dissolve expired temporary teams."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep watching for new runs")
        parser.add_argument("--interval", type=float, default=2.0,
                            help="seconds between looks with --loop (default %(default)s)")

    def handle(self, *args, **options):
        while True:
            stale = jobs.fail_stale_runs()
            dissolved = dissolve_expired_teams(timezone.localdate())
            ran = jobs.process_queued(ticker=not settings.NUCLEUS_PLANNER_SYNC)
            if ran or dissolved or stale or not options["loop"]:
                self.stdout.write(f"{ran} plan(s) run, {dissolved} team(s) dissolved, "
                                  f"{stale} interrupted run(s) marked failed.")
            if not options["loop"]:
                return
            time.sleep(max(0.1, options["interval"]))
