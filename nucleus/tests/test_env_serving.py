"""The serving settings from the environment: the proxy header, trusted origins, HSTS and
SQLite's concurrency options, each failing loudly on a bad value."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from nucleus.env import env_database, env_origins, env_proxy_header


def test_it_trusts_no_proxy_header_unless_told():
    assert env_proxy_header("SECURE_PROXY_SSL_HEADER", {}) is None
    assert env_proxy_header("SECURE_PROXY_SSL_HEADER", {"SECURE_PROXY_SSL_HEADER": ""}) is None
    assert env_proxy_header("SECURE_PROXY_SSL_HEADER",
                            {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}) == (
        "HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("raw", ["X-Forwarded-Proto: https", "HTTP_X?", "-x", "a b"])
def test_it_rejects_a_proxy_header_that_is_no_header_name(raw):
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER must be an HTTP"):
        env_proxy_header("SECURE_PROXY_SSL_HEADER", {"SECURE_PROXY_SSL_HEADER": raw})


def test_it_reads_trusted_origins():
    raw = "https://nucleus.example.org, https://*.example.net, http://abc.onion:8080"
    assert env_origins("CSRF_TRUSTED_ORIGINS", [], {"CSRF_TRUSTED_ORIGINS": raw}) == [
        "https://nucleus.example.org", "https://*.example.net", "http://abc.onion:8080"]
    assert env_origins("CSRF_TRUSTED_ORIGINS", [], {}) == []


@pytest.mark.parametrize("raw", ["nucleus.example.org", "https://example.org/login",
                                 "ftp://example.org", "https://"])
def test_it_rejects_an_origin_without_scheme_or_with_a_path(raw):
    with pytest.raises(ImproperlyConfigured, match="CSRF_TRUSTED_ORIGINS must list origins"):
        env_origins("CSRF_TRUSTED_ORIGINS", [], {"CSRF_TRUSTED_ORIGINS": raw})


def test_it_gives_sqlite_wal_a_busy_timeout_and_immediate_transactions():
    config = env_database("DATABASE_URL", "sqlite:///x",
                          {"DATABASE_URL": "sqlite:////tmp/n.db", "NUCLEUS_SQLITE_TIMEOUT": "7"})
    options = config["OPTIONS"]
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "PRAGMA busy_timeout=7000" in options["init_command"]
    assert "PRAGMA foreign_keys=ON" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 7
    default = env_database("DATABASE_URL", "sqlite:///x", {})
    assert default["OPTIONS"]["timeout"] == 20


def test_it_gives_postgresql_none_of_the_sqlite_options():
    config = env_database("DATABASE_URL", "sqlite:///x",
                          {"DATABASE_URL": "postgres://u:p@db.example:5432/nucleus"})
    assert "init_command" not in config.get("OPTIONS", {})


def test_it_rejects_a_bad_sqlite_timeout():
    with pytest.raises(ImproperlyConfigured, match="NUCLEUS_SQLITE_TIMEOUT must be"):
        env_database("DATABASE_URL", "sqlite:///x", {"NUCLEUS_SQLITE_TIMEOUT": "soon"})


def test_it_keeps_connections_on_sqlite_and_postgresql_with_a_health_check():
    for url in ("sqlite:////tmp/n.db", "postgres://u:p@db.example:5432/nucleus"):
        config = env_database("DATABASE_URL", "sqlite:///x", {"DATABASE_URL": url})
        assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (600, True)
    closed = env_database("DATABASE_URL", "sqlite:///x", {"NUCLEUS_DB_CONN_MAX_AGE": "0"})
    assert closed["CONN_MAX_AGE"] == 0


def test_it_gives_every_new_sqlite_connection_the_pragmas(tmp_path, django_db_blocker):
    # A kept connection keeps what its init_command set: Django runs it on each new one.
    from django.db.backends.sqlite3.base import DatabaseWrapper

    config = env_database("DATABASE_URL", "sqlite:///x",
                          {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    wrapper = DatabaseWrapper({**config, "TIME_ZONE": None, "AUTOCOMMIT": True,
                               "ATOMIC_REQUESTS": False, "TEST": {}}, "pragmas")
    with django_db_blocker.unblock():
        for _ in range(2):
            wrapper.connect()
            with wrapper.cursor() as cursor:
                assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
                assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
            wrapper.close()
