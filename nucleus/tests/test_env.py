"""Strict environment parsing: a bad value stops start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nucleus.env import env_bool, env_database, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("raw", "expected"), [
    ("1", True), ("true", True), (" Yes ", True), ("ON", True),
    ("0", False), ("false", False), ("no", False), ("off", False), ("", False),
])
def test_it_reads_booleans(raw, expected):
    assert env_bool("DEBUG", not expected, {"DEBUG": raw}) is expected


def test_it_uses_the_default_when_a_variable_is_unset():
    assert env_bool("DEBUG", True, {}) is True
    assert env_int("N", 7, {}) == 7
    assert env_list("HOSTS", ["a"], {}) == ["a"]


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "y e s"])
def test_it_rejects_a_bad_boolean(raw):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False, {"DEBUG": raw})


def test_it_reads_a_whole_number_within_bounds():
    assert env_int("NUCLEUS_STALE_DAYS", 1, {"NUCLEUS_STALE_DAYS": "30"}, minimum=1) == 30


@pytest.mark.parametrize("raw", ["ten", "1.5", "3 days"])
def test_it_rejects_a_number_that_is_not_whole(raw):
    with pytest.raises(ImproperlyConfigured, match="NUCLEUS_STALE_DAYS must be a whole number"):
        env_int("NUCLEUS_STALE_DAYS", 1, {"NUCLEUS_STALE_DAYS": raw})


@pytest.mark.parametrize("raw", ["0", "4000", "-3"])
def test_it_rejects_a_number_out_of_range(raw):
    with pytest.raises(ImproperlyConfigured, match="NUCLEUS_STALE_DAYS must be between 1 and"):
        env_int("NUCLEUS_STALE_DAYS", 1, {"NUCLEUS_STALE_DAYS": raw}, minimum=1, maximum=3650)


def test_it_reads_a_list():
    hosts = env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "example.org, nucleus.example.org"})
    assert hosts == ["example.org", "nucleus.example.org"]


@pytest.mark.parametrize("raw", ["", "a,,b", "a, ", ","])
def test_it_rejects_a_list_with_empty_items(raw):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": raw})


def test_it_reads_database_urls():
    sqlite = env_database("DATABASE_URL", "sqlite:///x", {"DATABASE_URL": "sqlite:////tmp/n.db"})
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["NAME"] == "/tmp/n.db"
    pg = env_database("DATABASE_URL", "sqlite:///x",
                      {"DATABASE_URL": "postgres://u:p@db.example:5433/nucleus"})
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["PORT"], pg["NAME"], pg["USER"]) == ("db.example", 5433, "nucleus", "u")


@pytest.mark.parametrize("raw", ["mysql://u@h/db", "nonsense", "redis://localhost/0"])
def test_it_rejects_an_unsupported_database_url(raw):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be a sqlite:// or postgres://"):
        env_database("DATABASE_URL", "sqlite:///x", {"DATABASE_URL": raw})


def test_it_rejects_a_malformed_database_url():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x",
                      {"DATABASE_URL": "postgres://u@host:notaport/db"})


def test_it_stops_start_up_on_a_bad_value():
    env = {**os.environ, "DEBUG": "maybe"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "DEBUG must be one of 1/0/true/false/yes/no/on/off, got 'maybe'" in result.stderr
