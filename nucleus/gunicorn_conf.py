"""gunicorn's settings, read from the environment like every other setting (nucleus/env.py):
``gunicorn -c nucleus/gunicorn_conf.py nucleus.wsgi``, as ``scripts/serve`` runs it.

gunicorn listens on the loopback interface only; the TLS reverse proxy (or the Tor daemon)
in front of it is what the world talks to (docs/deployment.md).
"""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured

from nucleus.env import env_bool, env_int

_BIND = re.compile(r"(unix:/\S+|[A-Za-z0-9.-]+:[0-9]{1,5}|\[[0-9a-fA-F:]+\]:[0-9]{1,5})")


def _bind(raw: str) -> str:
    if not _BIND.fullmatch(raw):
        raise ImproperlyConfigured(f"NUCLEUS_BIND must be host:port or unix:/path, got {raw!r}")
    return raw


bind = [_bind(os.environ.get("NUCLEUS_BIND", "127.0.0.1:8000").strip())]
# Processes (each with its own database connections) and threads in each: requests wait on
# the database more than on the processor.
workers = env_int("NUCLEUS_WORKERS", 2, minimum=1, maximum=64)
threads = env_int("NUCLEUS_THREADS", 4, minimum=1, maximum=64)
worker_class = "gthread"
# A request taking longer than this is killed and its worker restarted. Long imports belong
# to `manage.py import_contacts`; one cut short here is undone (fieldwork/import_runs.py).
timeout = env_int("NUCLEUS_TIMEOUT", 60, minimum=5, maximum=3600)
graceful_timeout = env_int("NUCLEUS_GRACEFUL_TIMEOUT", 30, minimum=1, maximum=3600)
keepalive = 5
# Restart workers now and then: a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# No access log by default: a log of who connected when, from where and to which page is
# what a seized server should not hold about members. Errors still go to stderr.
accesslog = "-" if env_bool("NUCLEUS_ACCESS_LOG", False) else None
errorlog = "-"
# The proxy runs on this machine; X-Forwarded-For from anywhere else is not believed.
forwarded_allow_ips = "127.0.0.1,::1"
proc_name = "nucleus"
# gunicorn 25+ opens a control socket at one fixed path per user (~/.gunicorn/gunicorn.ctl):
# two servers on one machine (scripts/start beside bench/serving.py, or two installs) would
# take it from each other. Nothing here uses it; older versions ignore the name.
control_socket_disable = True
