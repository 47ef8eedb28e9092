"""GET /healthz: database reachable, every migration applied, the audit chain intact and an
identity key that opens the stored data (200), else 503.

Cheap enough to be polled: the database answers a ``SELECT 1`` on every call (a database
that went down answers 503 at once), but the migration plan, which reads every migration
file, is built only until it is found empty once per process: code and migrations change only
with a restart. A plan that is not empty is built again on the next call (someone may be
running ``migrate``). The identity key's verdict is the one the pages use, kept per process
and key (vault/custody.py); the audit chain is walked again only when it grew
(audit/chain.py)."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_migrations_applied = False


def forget_migrations() -> None:
    """Build the migration plan again on the next call (tests that fake a pending one)."""
    global _migrations_applied
    _migrations_applied = False


def _all_migrations_applied(connection) -> bool:  # type: ignore[no-untyped-def]
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def _check_identity_key(request: HttpRequest, body: dict[str, bool | str]) -> None:
    """Does the identity key open the stored data (vault/custody.py)? The reason, which names
    files and key ids, only for install administrators."""
    from vault import custody

    verdict = custody.cached_verdict()
    body["identity_key"] = "ok" if verdict.usable else "identity key does not open the stored data"
    if not verdict.usable and getattr(request, "user", None) and request.user.is_superuser:
        body["identity_key_detail"] = verdict.detail


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body: dict[str, bool | str] = {"database": False, "migrations": False}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        body["database"] = True
        body["migrations"] = _all_migrations_applied(connection)
        if body["migrations"]:  # the audit chain (audit/chain.py); which row: verify_audit
            from audit.chain import chain_intact

            body["audit_chain"] = "ok" if chain_intact() else "audit chain broken"
            _check_identity_key(request, body)
    except Exception as exc:  # any database failure means "not healthy", reported not raised
        body["error"] = type(exc).__name__
    ok = (body["database"] and body["migrations"] and body.get("audit_chain") == "ok"
          and body.get("identity_key") == "ok")
    body["status"] = "ok" if ok else "unavailable"
    return JsonResponse(body, status=200 if ok else 503)
