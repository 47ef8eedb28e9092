"""The database wall: PostgreSQL row-level security generated from the anchor declarations.

The access layer decides in Python (``Scope``); the wall repeats its outer boundary in the
database, so that a view, command or raw query that forgets ``restrict()`` still cannot read
or write a row outside the request's compartment. It is deliberately coarser than the access
layer: a user's wall is every unit, organization and coalition they may see anything of
(records *and* the structure below them, whose rows the counts are computed from), and the
access layer then decides which of those rows are listed, counted or changed.

- Every table of a model with an anchor (and every many-to-many table hanging off one) gets
  row-level security, enabled and forced, with two policies: the owner role (migrations,
  backups) sees every row; the app role sees the rows whose anchor is inside the scope of the
  current transaction. A row that hangs on another walled row through its path
  (``person__unit``) is visible when that row is: ``EXISTS`` on the first hop, whose own
  policy applies.
- The scope is one setting per transaction, ``nucleus.scope`` (``set_config(..., true)``),
  written by ``access/database`` before the first statement of each transaction: the unit,
  organization and coalition ids and an HMAC over them under a secret only the owner role can
  read. Without a scope, or with one the app did not sign, every walled table is empty.
- The app role owns nothing and cannot bypass the wall; the audit tables are insert-only for
  it (no UPDATE, DELETE, TRUNCATE).

Where the scope comes from: ``access.middleware.DatabaseScopeMiddleware`` (the request's
user; anonymous requests get none), ``system_scope()`` for trusted work without a user
(management commands run by the install's administrator, background jobs of a run that was
authorized when it was created).
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject, empty

from access import anchor as kinds

SETTING = "nucleus.scope"
SECRET_TABLE = "nucleus_wall_secret"  # noqa: S105 (a table name)
POLICY_OWNER, POLICY_APP = "nucleus_owner_all", "nucleus_app_scope"
# Insert-only for the app role; the chain head beside them is updated by the app.
AUDIT_TABLES = ("audit_auditevent", "audit_tombstone")

# The personal tables: a unit's records and who holds which role. Structure (units, fields),
# organizations' catalogues and coalitions stay with the access layer alone: they locate no
# person, and founding or creating them must not wait for a scope that includes them.
WALLED_KINDS = frozenset({kinds.RECORD, kinds.ROLE})

NO_SCOPE = ""
_current: contextvars.ContextVar[str | RequestScope | None] = contextvars.ContextVar(
    "nucleus_db_scope", default=None)
# What statements outside any request or ``system_scope()`` run with in this process:
# nothing, except where the process says otherwise (manage.py, the test session).
_process_default = NO_SCOPE


def enabled() -> bool:
    return bool(getattr(settings, "NUCLEUS_DB_APP_ROLE", ""))


# -- The scope value ---------------------------------------------------------------------------

def _key() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"nucleus database wall", "sha256").digest()


def sign(payload: str) -> str:
    mac = hmac.new(_key(), payload.encode(), hashlib.sha256).hexdigest()
    return f"{payload}|{mac}"


def _ids(values: Any) -> str:
    return ",".join(str(int(v)) for v in sorted(set(values)))


def payload_for(*, units: Any = (), organizations: Any = (), coalitions: Any = (),
                everything: bool = False) -> str:
    return f"{_ids(units)};{_ids(organizations)};{_ids(coalitions)};{int(everything)}"


SYSTEM_PAYLOAD = payload_for(everything=True)


def user_payload(user: Any) -> str:
    """The wall around what ``user`` may see anything of (read under the system scope, since
    the user's own roles are behind the wall too)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SCOPE
    from organizations.models import Coalition, Organization, Unit

    with system_scope():
        units = list(Unit.objects.restrict(user, "view").values_list("id", flat=True))
        organizations = list(Organization.objects.restrict(user, "view")
                             .values_list("id", flat=True))
        coalitions = list(Coalition.objects.restrict(user, "view").values_list("id", flat=True))
    return sign(payload_for(units=units, organizations=organizations, coalitions=coalitions))


class RequestScope:
    """The scope of a request: whoever its user is *now*. A login, or an API token read by
    the view, changes the user within the request; the next statement's scope follows."""

    def __init__(self, request: Any) -> None:
        self.request = request
        self.extra_units: list[int] = []
        self._last_user: Any = None
        self._cached: tuple[tuple[Any, ...], str] | None = None

    def value(self) -> str:
        user = getattr(self.request, "user", None)
        # _wrapped: Django's private slot of a lazy object, absent from the stubs.
        if isinstance(user, SimpleLazyObject) and user._wrapped is empty:  # type: ignore[attr-defined]
            # A middleware's lazy user being loaded right now (django-otp's): its queries
            # run with the user it wraps, the one resolved before.
            user = self._last_user
        self._last_user = user
        active = bool(user is not None and user.is_authenticated and user.is_active)
        key = (getattr(user, "pk", None), active, len(self.extra_units))
        if self._cached is None or self._cached[0] != key:
            payload = user_payload(user) if active else NO_SCOPE
            if payload and self.extra_units:
                payload = _with_units(payload, self.extra_units)
            self._cached = (key, payload)
        return self._cached[1]


def current() -> str:
    value = _current.get()
    if value is None:
        return _process_default
    return value.value() if isinstance(value, RequestScope) else value


@contextmanager
def scope(value: str | RequestScope) -> Iterator[None]:
    token = _current.set(value)
    try:
        yield
    finally:
        _current.reset(token)


def system_scope() -> Any:
    """Every row: for trusted work without a user (see the module docstring)."""
    return scope(sign(SYSTEM_PAYLOAD))


def user_scope(user: Any) -> Any:
    return scope(user_payload(user))


def request_scope(request: Any) -> Any:
    return scope(RequestScope(request))


def _with_units(value: str, units: Any) -> str:
    payload, _, _mac = value.partition("|")
    parts = payload.split(";")
    if len(parts) != 4 or parts[3] == "1" or sign(payload) != value:
        return value
    known = [int(v) for v in parts[0].split(",") if v]
    return sign(";".join([_ids([*known, *units]), *parts[1:]]))


def admit(*, units: Any = ()) -> None:
    """Let the rest of this request's work see the units it just created (a new unit is
    inside the creator's compartment, but its id was not in the scope signed at the start)."""
    value = _current.get()
    if isinstance(value, RequestScope):
        value.extra_units.extend(int(u) for u in units)
    elif value:
        _current.set(_with_units(value, units))


def set_process_default(value: str) -> None:
    global _process_default
    _process_default = value


# -- The policies ------------------------------------------------------------------------------

@dataclass(frozen=True)
class WalledTable:
    table: str
    # The SQL condition a row must meet to be inside the scope.
    condition: str
    model: type[models.Model] | None = None


_UNITS = "(SELECT nucleus_scope_ids(1))::bigint[]"
_ORGANIZATIONS = "(SELECT nucleus_scope_ids(2))::bigint[]"
_COALITIONS = "(SELECT nucleus_scope_ids(3))::bigint[]"
_ALL = "(SELECT nucleus_scope_all())"


def _set_for(kind: str) -> str:
    if kind in kinds.UNIT_KINDS:
        return _UNITS
    if kind == kinds.COALITION:
        return _COALITIONS
    return _ORGANIZATIONS


def _condition(model: Any) -> str:
    # ``model`` is Any: anchors and _meta's columns are dynamic, read from the models.
    anchor = model.anchor
    target = _set_for(anchor.kind)
    if not anchor.path:
        return f"{_ALL} OR {model._meta.pk.column} = ANY({target})"
    first, _, rest = anchor.path.partition("__")
    field: Any = model._meta.get_field(first)
    if not rest:
        return f"{_ALL} OR {field.column} = ANY({target})"
    # Visible when the row it hangs on is: that table's own policy decides.
    related: Any = field.related_model
    assert related is not None and hasattr(related, "anchor"), (model, first)
    return (f"{_ALL} OR EXISTS (SELECT 1 FROM {related._meta.db_table} h "  # noqa: S608
            f"WHERE h.{related._meta.pk.column} = {field.column})")


def walled_tables() -> list[WalledTable]:
    """Every table the wall covers, derived from the models' anchors."""
    tables: list[WalledTable] = []
    anchored: list[Any] = [m for m in apps.get_models()
                           if hasattr(m, "anchor") and m.anchor.kind in WALLED_KINDS]
    for model in anchored:
        tables.append(WalledTable(model._meta.db_table, _condition(model), model))
        for m2m in model._meta.local_many_to_many:
            through: Any = m2m.remote_field.through
            if through._meta.auto_created:
                column = through._meta.get_field(m2m.m2m_field_name()).column
                tables.append(WalledTable(
                    through._meta.db_table,
                    f"{_ALL} OR EXISTS (SELECT 1 FROM {model._meta.db_table} h "  # noqa: S608
                    f"WHERE h.{model._meta.pk.column} = {column})"))
    # Rows without a unit about an account (logins, lockouts, freezes): with the roles the
    # scope sees (access_role's own policy applies), as audit.querysets reads them.
    tables.append(WalledTable("audit_auditevent", f"{_ALL} OR unit_id = ANY({_UNITS}) OR ("  # noqa: S608
                              "unit_id IS NULL AND model = 'accounts.User' AND object_id IN "
                              "(SELECT user_id FROM access_role))"))
    tables.append(WalledTable("audit_tombstone", f"{_ALL} OR unit_id = ANY({_UNITS})"))
    return tables


def _functions_sql() -> list[str]:
    # The secret is readable by the owner only; SECURITY DEFINER lets the policies use it.
    return [
        f"CREATE TABLE IF NOT EXISTS {SECRET_TABLE} (id int PRIMARY KEY, ipad bytea NOT NULL, "
        "opad bytea NOT NULL)",
        f"""CREATE OR REPLACE FUNCTION nucleus_scope_parts() RETURNS text[]
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            SELECT CASE WHEN encode(sha256(s.opad || sha256(s.ipad || convert_to(
                        split_part(v, '|', 1), 'UTF8'))), 'hex') = split_part(v, '|', 2)
                   THEN string_to_array(split_part(v, '|', 1), ';') END
            FROM {SECRET_TABLE} s,
                 coalesce(current_setting('{SETTING}', true), '') AS v
            WHERE s.id = 1 $$""",  # noqa: S608 (constant names)
        """CREATE OR REPLACE FUNCTION nucleus_scope_ids(part int) RETURNS bigint[]
            LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
            SELECT coalesce(string_to_array(nullif((nucleus_scope_parts())[part], ''), ',')
                            ::bigint[], '{}') $$""",
        """CREATE OR REPLACE FUNCTION nucleus_scope_all() RETURNS boolean
            LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
            SELECT coalesce((nucleus_scope_parts())[4] = '1', false) $$""",
    ]


def _pads(key: bytes) -> tuple[bytes, bytes]:
    # HMAC-SHA256 by hand (RFC 2104) so that no extension is needed: the policies compute
    # sha256(opad || sha256(ipad || message)).
    block = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def wall_sql(app_role: str, *, truncate_audit: bool = False) -> list[str]:
    """The statements that build the wall, run by the owner role after every migrate."""
    role = _quote(app_role)
    statements = _functions_sql()
    statements += [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE ALL ON {SECRET_TABLE} FROM {role}",
        "REVOKE ALL ON FUNCTION nucleus_scope_parts() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION nucleus_scope_parts() TO {role}",
    ]
    for table in AUDIT_TABLES:
        revoked = "UPDATE, DELETE" if truncate_audit else "UPDATE, DELETE, TRUNCATE"
        statements.append(f"REVOKE {revoked} ON {table} FROM {role}")
    for walled in walled_tables():
        t = walled.table
        statements += [
            f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {POLICY_OWNER} ON {t}",
            f"DROP POLICY IF EXISTS {POLICY_APP} ON {t}",
            f"CREATE POLICY {POLICY_OWNER} ON {t} TO CURRENT_USER USING (true) WITH CHECK (true)",
        ]
        if t in AUDIT_TABLES:
            # Inserted by anyone acting (logins have no scope yet), read within the scope.
            statements += [
                f"CREATE POLICY {POLICY_APP} ON {t} FOR SELECT TO {role} "
                f"USING ({walled.condition})",
                f"DROP POLICY IF EXISTS nucleus_app_insert ON {t}",
                f"CREATE POLICY nucleus_app_insert ON {t} FOR INSERT TO {role} WITH CHECK (true)",
            ]
        else:
            statements.append(f"CREATE POLICY {POLICY_APP} ON {t} TO {role} "
                              f"USING ({walled.condition}) WITH CHECK ({walled.condition})")
    return statements


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def apply(connection: Any, app_role: str, *, truncate_audit: bool = False) -> int:
    """Build (or rebuild) the wall on ``connection``, which must be the owner's. Returns the
    number of walled tables."""
    if connection.vendor != "postgresql":
        return 0
    ipad, opad = _pads(_key())
    statements = wall_sql(app_role, truncate_audit=truncate_audit)
    with connection.cursor() as cursor:
        for statement in statements[:1]:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {SECRET_TABLE} (id, ipad, opad) VALUES (1, %s, %s) "  # noqa: S608
                       "ON CONFLICT (id) DO UPDATE SET ipad = EXCLUDED.ipad, opad = EXCLUDED.opad",
                       [ipad, opad])
        for statement in statements[1:]:
            cursor.execute(statement)
    return len(walled_tables())

