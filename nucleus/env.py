"""Strict parsing of settings from the environment.

A bad value stops start-up with a message naming the variable, instead of
running with a silently wrong configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ,
            minimum: int = 0, maximum: int = 2**31) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items, "
                                   f"got {raw!r}")
    return items


_HEADER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ORIGIN = re.compile(r"https?://((\*\.)?[A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(:[0-9]{1,5})?")


def env_proxy_header(name: str, environ: Mapping[str, str] = os.environ) -> tuple[str, str] | None:
    """The header a TLS reverse proxy sets to say a request came over HTTPS (for example
    ``X-Forwarded-Proto``), as Django's SECURE_PROXY_SSL_HEADER; ``None`` when unset.

    Only set it behind a proxy that always overwrites the header: otherwise a client could
    claim HTTPS by sending it."""
    raw = (environ.get(name) or "").strip()
    if not raw:
        return None
    if not _HEADER_NAME.fullmatch(raw):
        raise ImproperlyConfigured(f"{name} must be an HTTP header name such as "
                                   f"X-Forwarded-Proto, got {raw!r}")
    return "HTTP_" + raw.upper().replace("-", "_"), "https"


def env_origins(name: str, default: list[str],
                environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list of origins (``https://nucleus.example.org``), as Django's
    CSRF_TRUSTED_ORIGINS wants them: scheme and host, no path."""
    origins = env_list(name, default, environ)
    for origin in origins:
        if not _ORIGIN.fullmatch(origin):
            raise ImproperlyConfigured(f"{name} must list origins such as "
                                       f"https://nucleus.example.org (scheme and host, no "
                                       f"path), got {origin!r}")
    return origins


def sqlite_options(timeout: int) -> dict[str, object]:
    """Connection options for SQLite under concurrent use.

    WAL lets readers go on while one connection writes; ``synchronous=NORMAL`` is safe with
    WAL (a power cut may lose the last commits, never corrupt the file). ``transaction_mode``
    IMMEDIATE takes the write lock at BEGIN, so a writer waits its turn (up to ``timeout``
    seconds, also set as busy_timeout) instead of failing with "database is locked" when a
    read transaction tries to become a write one."""
    return {
        "init_command": ("PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; "
                         f"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={timeout * 1000};"),
        "transaction_mode": "IMMEDIATE",
        "timeout": timeout,
    }


def env_database(name: str, default: str,
                 environ: Mapping[str, str] = os.environ) -> dj_database_url.DBConfig:
    raw = environ.get(name) or default
    scheme = raw.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"{name} must be a sqlite:// or postgres:// URL, got scheme "
                                   f"{scheme!r}")
    # Connections are kept between requests, on SQLite too: opening one and running its
    # PRAGMAs cost more than most pages' queries (bench/serving.py). Django runs the
    # init_command on every new connection, so a kept one has the same PRAGMAs; the health
    # check before reuse drops one that broke (a restarted PostgreSQL).
    max_age = env_int("NUCLEUS_DB_CONN_MAX_AGE", 600, environ, minimum=0, maximum=86400)
    try:
        config = dj_database_url.parse(raw, conn_max_age=max_age, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises several types for malformed URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if config["ENGINE"].endswith("sqlite3"):
        timeout = env_int("NUCLEUS_SQLITE_TIMEOUT", 20, environ, minimum=1, maximum=600)
        config["OPTIONS"] = sqlite_options(timeout)
    return config


def env_choice(name: str, default: str, choices: tuple[str, ...],
               environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return value
