"""The cast's world (tests/cast.py), built once per test session and committed.

Building the world through the actions costs more than most tests that use it, so it is
committed once per session (per xdist worker), beneath every test that uses the database, and
each test that asks for it gets a deep copy of the Python objects (as Django's
``TestCase.setUpTestData`` does) while its own transaction (the ``db`` fixture) is rolled back.

Two things take it away again:

* a transactional test (``transactional_db``, ``live_server``, ``transaction=True``) flushes
  the database when it ends: a sentinel row tells, and the world is rebuilt for the next test;
* a test module that builds a data set of its own and reads the whole database (listed in
  ``conftest.WITHOUT_WORLD``) gets the database flushed before it, as empty as it was for it
  before the world was shared.

``conftest.py`` calls :meth:`WorldStore.prepare` before each test's fixtures are set up, when no
transaction of the test (or of its module) is open yet.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.management import call_command
from django.db import connection, transaction

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from accounts.models import User
    from tests.cast import World

SENTINEL_USERNAME = "founder"
T = TypeVar("T")


class WorldStore:
    def __init__(self, django_db_blocker: Any) -> None:
        self._blocker = django_db_blocker
        self._master: World | None = None
        self._sentinel_pk: int | None = None

    def _sentinel(self) -> QuerySet[User]:
        from accounts.models import User

        return User.objects.filter(username=SENTINEL_USERNAME)

    def _refuse_inside_a_transaction(self, doing: str) -> None:
        # A commit or a flush inside a test's (or a module's) transaction would be undone
        # with it, or break it.
        if connection.in_atomic_block:
            raise RuntimeError(f"cannot {doing} the shared world inside a transaction")

    def _flush(self) -> None:
        self._refuse_inside_a_transaction("flush")
        # What TransactionTestCase does after each test: the schema stays, the rows go.
        call_command("flush", verbosity=0, interactive=False, database=connection.alias,
                     reset_sequences=False)

    def prepare(self, *, with_world: bool) -> None:
        """Commit the world unless it is there already, or flush it away."""
        from tests.cast import build_world

        with self._blocker.unblock():
            found = self._sentinel().values_list("pk", flat=True).first()
            if with_world and found is not None and found == self._sentinel_pk:
                return
            if found is not None:
                # The world to take away, or another one: a database kept with --reuse-db
                # holds the previous run's.
                self._flush()
            self._master = self._sentinel_pk = None
            if with_world:
                self._refuse_inside_a_transaction("build")
                # One transaction: a failing build leaves nothing half-committed behind.
                with transaction.atomic():
                    self._master = build_world()
                self._sentinel_pk = self._sentinel().get().pk

    def copy(self) -> World:
        """A deep copy of the World for one test."""
        assert self._master is not None, "this test runs without the shared world"
        return copy_world(self._master)


def copy_world(world: T) -> T:
    """A deep copy of a World (or of anything holding model instances), without cached
    access scopes."""
    from access.scope import _ATTR
    from accounts.models import User

    memo: dict[int, Any] = {}
    copied = copy.deepcopy(world, memo)
    # A user caches their access scope on the instance (access.scope); a copy must load its
    # own, from the roles in the database when the test runs. The memo holds every object
    # of the copy, users reached through cached relations included.
    for obj in memo.values():
        if isinstance(obj, User):
            obj.__dict__.pop(_ATTR, None)
    return copied


# This process's store, from the first test that uses the database on (set by conftest.py).
ACTIVE: WorldStore | None = None
# Whether the test about to run gets the world: the first test's wish is read when the
# database is set up, within that test's setup.
NEXT_WITH_WORLD = True
