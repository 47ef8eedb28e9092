"""PostgreSQL with the database wall (``access/dbwall.py``): before the first statement of
every transaction the connection writes the current scope with ``set_config(..., true)``, so
the scope lives exactly as long as the transaction and a pooled connection carries nothing
over to the next request. A statement outside a transaction (autocommit) runs in one of its
own, so it too has a scope.

Used as ``ENGINE = "access.database"`` when ``NUCLEUS_DB_APP_ROLE`` is set (settings).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.backends.postgresql import base
from django.db.utils import DEFAULT_DB_ALIAS

from access import dbwall

# Statements that PostgreSQL refuses inside a transaction block.
_OUTSIDE_TRANSACTIONS = ("CREATE DATABASE", "DROP DATABASE", "VACUUM", "CREATE INDEX CONCURRENTLY",
                         "DROP INDEX CONCURRENTLY")


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A server-side cursor outside a transaction is held past its commit and fetched
        # after the transaction-local scope is gone: it would see no rows.
        self.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
        # What this connection's current transaction was given: (scope, transaction marker).
        self._wall_state: tuple[str, object] | None = None
        if self.alias == DEFAULT_DB_ALIAS or not self.alias.startswith("__"):
            self.execute_wrappers.append(_with_scope)


def _marker(connection: DatabaseWrapper) -> object:
    # Django replaces this list on every commit, rollback and savepoint rollback, the moments
    # a transaction-local setting may be gone; holding it keeps its identity unique.
    return connection.run_on_commit


def _write_scope(connection: DatabaseWrapper, cursor: Any, value: str) -> None:
    cursor.cursor.execute("SELECT set_config(%s, %s, true)", [dbwall.SETTING, value])
    connection._wall_state = (value, _marker(connection))


def _with_scope(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    connection: DatabaseWrapper = context["connection"]
    cursor = context["cursor"]
    value = dbwall.current()
    if sql.lstrip().upper().startswith(_OUTSIDE_TRANSACTIONS):
        return execute(sql, params, many, context)
    if not connection.in_atomic_block and connection.get_autocommit():
        with transaction.atomic(using=connection.alias):
            _write_scope(connection, cursor, value)
            return execute(sql, params, many, context)
    state = connection._wall_state
    if state is None or state[0] != value or state[1] is not _marker(connection):
        _write_scope(connection, cursor, value)
    return execute(sql, params, many, context)
