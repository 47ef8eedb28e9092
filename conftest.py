"""Shared fixtures: a test identity key and the named cast (see tests/cast.py)."""

import base64
import json
import os
import tempfile
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.test.signals import setting_changed

# The browser tests' Chromium fixture (tests/browser.py).
pytest_plugins = ["tests.browser"]

# Tests never touch the developer's key file.
settings.NUCLEUS_IDENTITY_KEY = json.dumps(
    {"current": "test0001", "keys": {"test0001": base64.b64encode(b"k" * 32).decode()}})


# Jobs run inline where they are enqueued (jobs/): a test sees their end at once. Tests of
# the worker switch to the database backend through the ``settings`` fixture.
settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The backends may be built already (django-tasks builds them when a task is declared): the
# signal override_settings sends makes it build them again from the setting.
setting_changed.send(sender=type(settings), setting="TASKS", value=settings.TASKS, enter=True)


# Tests never mark the developer's data directory as a demo install, and do not depend on
# it being one (demo/management/commands/load_demo.py; tests that load the demo say so).
settings.NUCLEUS_DEMO = False
settings.NUCLEUS_DEMO_MARKER = Path(tempfile.mkdtemp(prefix="nucleus-test-")) / "demo-install"
# What jobs keep on disk (uploads, export files, backups under DATA_DIR/jobs and
# DATA_DIR/backups) goes to a scratch directory too, never into the developer's data.
settings.DATA_DIR = Path(tempfile.mkdtemp(prefix="nucleus-test-data-"))


@pytest.fixture
def queued(settings):
    """Jobs stay queued for a worker (the database backend, as in production) instead of
    running inline where they are enqueued; jobs/tests/inprocess.run_worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# Test modules that build a data set of their own and read the whole database: they run on a
# database without the shared world (see tests/world_store.py).
WITHOUT_WORLD = {"demo/tests/test_load_demo.py"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the cast's world committed (see tests/world_store.py)."""
    from tests import database_roles, world_store

    with django_db_blocker.unblock():
        owner = _enter_the_wall()
    database_roles.OWNER = owner
    store = world_store.WorldStore(django_db_blocker)
    store.prepare(with_world=world_store.NEXT_WITH_WORLD)
    world_store.ACTIVE = store
    # The identity key is checked once per process and key (vault/middleware.py): here,
    # so that no test's query count includes it.
    from vault.custody import cached_verdict

    with django_db_blocker.unblock():
        cached_verdict()
    yield
    world_store.ACTIVE = None
    if owner is not None:  # the owner drops the test database
        from django.db import connection

        connection.close()
        connection.settings_dict.update(owner)


def _enter_the_wall() -> dict | None:
    """On PostgreSQL with NUCLEUS_DB_APP_ROLE (.ci/run): the test database was built by the
    owner role; the tests run as the app role, behind the wall, like the app does. Code outside
    a request (fixtures, the world) acts with the system scope, as commands do; requests get
    their user's scope from the middleware. Only here may the app role truncate the audit
    tables: the transactional tests' flush needs it."""
    from django.db import connection

    from access import dbwall
    from tests import database_roles

    if not dbwall.enabled():
        return None
    dbwall.set_process_default(dbwall.sign(dbwall.SYSTEM_PAYLOAD))
    database_roles.build_wall_for_tests()
    owner = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict["USER"] = settings.NUCLEUS_DB_APP_ROLE
    connection.settings_dict["PASSWORD"] = os.environ.get("NUCLEUS_DB_APP_PASSWORD", "")
    return owner


@pytest.fixture
def world(db):
    """A deep copy of the committed world; what the test writes is rolled back."""
    from tests import world_store

    return world_store.ACTIVE.copy()


def _uses_database(item) -> bool:
    return (item.get_closest_marker("django_db") is not None
            or "django_db_setup" in getattr(item, "fixturenames", ()))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of the test is set up, so outside every transaction: rebuild the
    world after a transactional test flushed it, or flush it for a module without it."""
    from tests import world_store

    if not _uses_database(item):
        return
    with_world = item.location[0] not in WITHOUT_WORLD
    world_store.NEXT_WITH_WORLD = with_world
    if world_store.ACTIVE is not None:
        world_store.ACTIVE.prepare(with_world=with_world)


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in (``None`` stays anonymous)."""

    def _login(user):
        # Dropping the cookie logs the previous user out of every later request, like
        # client.logout(), without its session round trips; the test's rollback takes the
        # session row.
        client.cookies = SimpleCookie()
        if user is not None:
            from accounts.tests.second_factor import pass_second_factor

            client.force_login(user)
            pass_second_factor(client, user)  # force_login skips the second factor too
        return client

    return _login


# Argon2 is deliberately slow; tests build many users. Production keeps argon2 (settings).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that renders a Persian page must not leave Persian active for the next."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# The longest modules, started first: with --dist loadfile each module runs on one worker,
# and a long module picked up last keeps one core busy while the other idles.
LONGEST_FIRST = ("tests/test_browser_overflow.py", "tests/test_no_dead_ends.py",
                 "tests/test_record_base_migration.py",
                 "tests/test_url_access.py",
                 "fieldwork/tests/test_view_access.py", "tests/test_browser_fieldwork.py",
                 "tests/test_browser.py")


def pytest_collection_modifyitems(items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.location[0], len(rank)))
