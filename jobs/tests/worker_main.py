"""Worker processes for the tests (test_workers.py): ``setup N PARAMS`` builds the schema of
a fresh database (without migrations, as the test session does) with a unit and queues N test
jobs, ``work ...`` runs ``manage.py run_jobs`` with the tests' job kind. The database is the
one DATABASE_URL names."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")


class _NoMigrations:
    def __contains__(self, item: str) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def main(argv: list[str]) -> None:
    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command

    from access import dbwall
    from jobs.tests import kinds  # noqa: F401  (registers the test kind)

    verb = argv[0]
    if verb == "work":
        call_command("run_jobs", *argv[1:])
        return
    with dbwall.system_scope():
        if verb == "setup":
            settings.MIGRATION_MODULES = _NoMigrations()
            call_command("migrate", run_syncdb=True, verbosity=0)
            _unit()
            _enqueue(int(argv[1]), json.loads(argv[2]))


def _unit():
    from django.contrib.auth import get_user_model

    from organizations.actions import do_create_organization

    user = get_user_model().objects.create_user("starter", password="x-" * 8)
    org = do_create_organization(acting_user=user, data={"name": "Workers test"})
    return org.units.get()


def _enqueue(count: int, params: dict) -> None:
    from django.contrib.auth import get_user_model

    from jobs.actions import do_enqueue_job
    from organizations.models import Unit

    user = get_user_model().objects.get(username="starter")
    unit = Unit.objects.get()
    for _ in range(count):
        do_enqueue_job(acting_user=user, kind="test_steps", unit=unit, params=params)


if __name__ == "__main__":
    main(sys.argv[1:])
