"""`manage.py check --deploy` with production settings from the environment gives no warning
at all; without them it warns (so the check is not silenced). And the production server is
gunicorn, configured from the environment too."""

import http.client
import importlib.util
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "pr0duction-Secret-" + "".join(chr(65 + (i * 7) % 26) for i in range(50)),
    "ALLOWED_HOSTS": "nucleus.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "63072000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_COOKIES": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "CSRF_TRUSTED_ORIGINS": "https://nucleus.example.org",
}


def _environment(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' runner, never from production.
    drop = {"DATABASE_URL", "DATABASE_OWNER_URL", "NUCLEUS_DB_APP_ROLE", "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update({"NUCLEUS_DATA_DIR": str(tmp_path / "data"),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'nucleus.sqlite3'}",
                "NUCLEUS_IDENTITY_KEY": str(settings.NUCLEUS_IDENTITY_KEY),
                "DJANGO_SETTINGS_MODULE": "nucleus.settings", **extra})
    return env


def _check(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_environment(tmp_path, extra), capture_output=True, text=True,
        timeout=180)


def test_it_passes_the_deploy_check_with_production_settings_and_no_warning(tmp_path):
    result = _check(tmp_path, PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout


def test_it_warns_without_them(tmp_path):
    result = _check(tmp_path, {"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout, warning


def test_it_configures_gunicorn_from_the_environment(tmp_path):
    code = ("import runpy, json; c = runpy.run_path('nucleus/gunicorn_conf.py'); "
            "print(json.dumps({k: c[k] for k in ('bind', 'workers', 'threads', 'timeout', "
            "'accesslog')}))")
    env = _environment(tmp_path, {"NUCLEUS_WORKERS": "3", "NUCLEUS_THREADS": "8",
                                  "NUCLEUS_TIMEOUT": "90", "NUCLEUS_BIND": "127.0.0.1:9000"})
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ('{"bind": ["127.0.0.1:9000"], "workers": 3, '
                                     '"threads": 8, "timeout": 90, "accesslog": null}')
    bad = subprocess.run([sys.executable, "-c", code], cwd=ROOT,
                         env={**env, "NUCLEUS_WORKERS": "many"}, capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode != 0 and "NUCLEUS_WORKERS must be a whole number" in bad.stderr
    assert importlib.util.find_spec("gunicorn") is not None  # the dependency is installed


def test_it_serves_with_gunicorn_after_the_checks():
    script = (ROOT / "scripts" / "serve").read_text()
    assert os.access(ROOT / "scripts" / "serve", os.X_OK)
    check = script.index("check --deploy --fail-level WARNING")
    assert check < script.index("migrate --check") < script.index(
        "exec .venv/bin/gunicorn --config nucleus/gunicorn_conf.py nucleus.wsgi")


def test_it_rejects_a_bad_bind_address(monkeypatch):
    monkeypatch.setenv("NUCLEUS_BIND", "0.0.0.0:80; rm -rf /")
    with pytest.raises(ImproperlyConfigured, match="NUCLEUS_BIND"):
        runpy.run_path(str(ROOT / "nucleus" / "gunicorn_conf.py"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    deadline = time.monotonic() + 60
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", path, headers={"Host": "nucleus.example.org", **headers})
            response = conn.getresponse()
            response.read()
            return response
        except (ConnectionRefusedError, ConnectionResetError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        finally:
            conn.close()


def test_it_serves_behind_the_proxy_with_hsts_and_the_https_redirect(tmp_path):
    port = _free_port()
    env = _environment(tmp_path, {**PRODUCTION, "NUCLEUS_BIND": f"127.0.0.1:{port}",
                                  "NUCLEUS_WORKERS": "1"})
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config",
                               "nucleus/gunicorn_conf.py", "nucleus.wsgi"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Through the proxy (which says the request came over HTTPS): the page, with HSTS.
        page = _get(port, "/login/", {"X-Forwarded-Proto": "https"})
        assert page.status == 200
        assert page.getheader("Strict-Transport-Security") == (
            "max-age=63072000; includeSubDomains; preload")
        assert page.getheader("Cache-Control") and "no-store" in page.getheader(
            "Cache-Control")
        assert "camera=()" in page.getheader("Permissions-Policy")
        cookie = page.getheader("Set-Cookie") or ""
        assert "csrftoken=" in cookie and "Secure" in cookie, cookie
        # Plain HTTP: sent to HTTPS.
        plain = _get(port, "/login/", {})
        assert plain.status == 301
        assert plain.getheader("Location") == "https://nucleus.example.org/login/"
    finally:
        server.terminate()
        server.wait(timeout=30)
