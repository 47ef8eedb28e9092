"""GET /healthz: database reachable, every migration applied, the audit chain intact and an
identity key that opens the stored data (200), else 503."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_identity_key(request: HttpRequest, body: dict[str, bool | str]) -> None:
    """Does the identity key open the stored data (vault/custody.py)? The reason, which names
    files and key ids, only for install administrators."""
    from vault import custody

    verdict = custody.inspect()
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
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        body["migrations"] = not plan
        if not plan:  # the audit chain (audit/chain.py); which row broke: manage.py verify_audit
            from audit.chain import chain_intact

            body["audit_chain"] = "ok" if chain_intact() else "audit chain broken"
            _check_identity_key(request, body)
    except Exception as exc:  # any database failure means "not healthy", reported not raised
        body["error"] = type(exc).__name__
    ok = (body["database"] and body["migrations"] and body.get("audit_chain") == "ok"
          and body.get("identity_key") == "ok")
    body["status"] = "ok" if ok else "unavailable"
    return JsonResponse(body, status=200 if ok else 503)
