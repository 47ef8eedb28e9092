"""GET /healthz: database reachable and every migration applied (200), else 503."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
    except Exception as exc:  # any database failure means "not healthy", reported not raised
        body["error"] = type(exc).__name__
    ok = body["database"] and body["migrations"]
    body["status"] = "ok" if ok else "unavailable"
    return JsonResponse(body, status=200 if ok else 503)
