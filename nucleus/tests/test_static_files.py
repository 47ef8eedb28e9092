"""Static files transferred light (nucleus/storage.py, nucleus.middleware.StaticFilesMiddleware):
pages name them by hash, they are cached for a year and served as brotli or gzip as the
browser accepts; the favicon answers at /favicon.ico and from the page's head."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHROMIUM_ENCODINGS = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic into a directory of the module's own, as scripts/start does (without the
    browsable API's 4 MiB, whose brotli compression would take most of the module's time)."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0,
                     ignore_patterns=["rest_framework"])
        yield root


@pytest.fixture
def static_client(collected, client):
    with override_settings(STATIC_ROOT=collected):
        yield client


def _stylesheet(client) -> str:
    page = client.get(reverse("login")).content.decode()
    match = re.search(r'<link rel="stylesheet" href="(/static/nucleus/nucleus\.[0-9a-f]{12}'
                      r'\.css)">', page)
    assert match, "the page names its stylesheet by the file's hash"
    return match.group(1)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_names_static_files_by_hash_and_caches_them_for_a_year(static_client):
    response = static_client.get(_stylesheet(static_client))
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public, immutable"
    # The plain name is still answered, for a minute (a page cached before a release).
    plain = static_client.get("/static/nucleus/nucleus.css")
    assert plain.status_code == 200 and plain["Cache-Control"] == "max-age=60, public"


@pytest.mark.parametrize(("accepted", "encoding"), [
    (CHROMIUM_ENCODINGS, "br"), ("gzip, deflate", "gzip"), ("", None)])
def test_it_serves_brotli_or_gzip_as_the_browser_accepts(static_client, accepted, encoding):
    url = _stylesheet(static_client)
    response = static_client.get(url, headers={"Accept-Encoding": accepted})
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    plain = static_client.get(url)
    if encoding:
        assert len(_body(response)) < len(_body(plain)) / 2


def test_the_favicon_answers_at_the_root_and_in_the_page_head(static_client):
    response = static_client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # an icon file
    page = static_client.get(reverse("login")).content.decode()
    icon = re.search(r'<link rel="icon" href="(/static/nucleus/favicon\.[0-9a-f]{12}\.svg)"',
                     page)
    assert icon and static_client.get(icon.group(1)).status_code == 200


def test_pages_work_before_collectstatic_ran(client, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path):
        page = client.get(reverse("login")).content.decode()
        assert 'href="/static/nucleus/nucleus.css"' in page
        assert client.get("/static/nucleus/nucleus.css").status_code == 200
