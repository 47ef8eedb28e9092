"""GET /bench/hello: the smallest answer Django gives through the whole middleware stack, the
baseline that bench/serving.py compares pages against in the same gunicorn process.

Mounted only when NUCLEUS_BENCH_HELLO is on (nucleus/urls.py), which only the benchmark sets:
the normal URL set, and the test walking every URL, stay as they are.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"Hello, world\n", content_type="text/plain")


urlpatterns: list[URLPattern] = [path("bench/hello", hello, name="bench_hello")]
