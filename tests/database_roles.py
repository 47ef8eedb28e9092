"""The two PostgreSQL roles of the test run (.ci/run): the suite runs as the app role, behind
the database wall; the few tests that must work beneath it (the migrations, a raw dump of the
whole database) borrow the owner's credentials, which conftest.py keeps here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

OWNER: dict[str, str] | None = None


@contextmanager
def as_owner() -> Iterator[None]:
    """The default connection as the owner role (no-op without the wall). Only for
    transactional tests: the connection is closed and opened again."""
    if OWNER is None:
        yield
        return
    app = {key: connection.settings_dict[key] for key in OWNER}
    connection.close()
    connection.settings_dict.update(OWNER)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(app)


def build_wall_for_tests() -> None:
    """(Re)build the wall on the owner's connection, as migrate does, and let the app role
    truncate the audit tables: only the transactional tests' flush needs that."""
    from django.conf import settings

    from access import dbwall

    if not dbwall.enabled():
        return
    dbwall.apply(connection, settings.NUCLEUS_DB_APP_ROLE)
    with connection.cursor() as cursor:
        for table in dbwall.AUDIT_TABLES:
            cursor.execute(f"GRANT TRUNCATE ON {table} TO {settings.NUCLEUS_DB_APP_ROLE}")
