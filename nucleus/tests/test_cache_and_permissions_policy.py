"""Cache-Control: no-store on every answer that may name people (every page and API answer
but static assets and /healthz), and a Permissions-Policy that turns browser features off."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from nucleus.middleware import SecurityHeadersMiddleware

pytestmark = pytest.mark.django_db


def _assert_no_store(response):
    assert "no-store" in response["Cache-Control"], response.get("Cache-Control")


def _assert_features_off(response):
    policy = {item.strip() for item in response["Permissions-Policy"].split(",")}
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "bluetooth"):
        assert f"{feature}=()" in policy


def test_it_sends_no_store_on_pages_of_logged_in_users(world, login):
    client = login(world.user("cell_secretary"))
    person = world.people["alias-cella-1"]
    for url in (reverse("accounts:home"), reverse("people:person_detail", args=[person.uid])):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_store(response)
        _assert_features_off(response)


def test_it_sends_no_store_on_a_reveal(world, login):
    client = login(world.user("cell_secretary"))
    person = world.people["alias-cella-1"]
    response = client.post(reverse("people:person_reveal", args=[person.uid]))
    assert response.status_code == 200
    _assert_no_store(response)


def test_it_sends_no_store_on_api_answers(world, login):
    client = login(world.user("cell_secretary"))
    response = client.get("/api/people/")
    assert response.status_code == 200 and response.json()["results"]
    _assert_no_store(response)
    _assert_features_off(response)


def test_it_sends_no_store_on_the_login_page_redirects_and_missing_pages(client):
    for url, status in ((reverse("login"), 200), (reverse("accounts:home"), 302),
                        ("/no/such/page/", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        _assert_no_store(response)
        _assert_features_off(response)


def test_it_replaces_a_view_s_own_caching():
    # A view that thinks it may be cached (a public profile, a schema) is not trusted to
    # know that it holds no personal data.
    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "public, max-age=3600"
        return response

    response = SecurityHeadersMiddleware(view)(RequestFactory().get("/organizations/1/"))
    assert response["Cache-Control"] == "no-store"


def test_it_lets_static_assets_and_the_health_check_be_cached(client):
    asset = client.get("/static/nucleus/nucleus.css")
    assert asset.status_code == 200
    assert "no-store" not in asset.get("Cache-Control", "")
    health = client.get(reverse("healthz"))
    assert health.status_code == 200
    # /healthz keeps its own header (never_cache): the rule does not force it either way.
    _assert_features_off(health)
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))(
        RequestFactory().get("/healthz"))
    assert "Cache-Control" not in response


def test_it_lets_this_sites_pages_alone_use_passkeys(client):
    policy = {item.strip() for item in client.get(reverse("login"))["Permissions-Policy"]
              .split(",")}
    assert {"publickey-credentials-create=(self)", "publickey-credentials-get=(self)"} <= policy
    # Nothing else is allowed anywhere: every other feature is off.
    assert {item for item in policy if not item.endswith("=()")} == {
        "publickey-credentials-create=(self)", "publickey-credentials-get=(self)"}
