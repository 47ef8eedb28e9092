"""Every response carries the security headers; pages load nothing inline or from elsewhere."""

import re

import pytest
from django.urls import reverse

from nucleus.middleware import CSP

pytestmark = pytest.mark.django_db


def _assert_secure(response):
    csp = response["Content-Security-Policy"]
    assert csp == CSP
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    # Inline scripts and styles are refused by the browser.
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _assert_no_inline_code(html: str):
    # The CSP would block these in a browser; catch them before a user does.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert "<style" not in html, "inline <style>"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"(\ssrc|<link[^>]*\shref)=\"(https?:)?//", html), "external resource"


def test_it_secures_the_health_check(client):
    _assert_secure(client.get(reverse("healthz")))


def test_it_secures_the_login_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    _assert_secure(response)
    _assert_no_inline_code(response.content.decode())


def test_it_secures_pages_of_logged_in_users(world, login):
    response = login(world.user("cell_secretary")).get(reverse("accounts:home"))
    assert response.status_code == 200
    _assert_secure(response)
    _assert_no_inline_code(response.content.decode())


def test_it_secures_redirects(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    _assert_secure(response)
