"""In a real browser with a virtual authenticator (Chrome DevTools Protocol ``WebAuthn``): a
user who must pass the second factor adds a passkey at the door, logs out, and passes the
second factor with it at the next login; a user without a passkey gets nothing out of the
passkey ceremony, even with another user's passkey in the browser. Nothing is fetched from
anywhere but this server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, assert_only_local, log_in

AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True}

pytestmark = pytest.mark.browser

# Runs in the page as the user without a passkey: the ceremony's first step, then a signature
# by the other user's passkey (its id from the virtual authenticator) sent to the second.
FORGE = """async (credentialId) => {
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const post = (url, body) => fetch(url, {method: "POST", credentials: "same-origin",
    headers: {"X-CSRFToken": csrf, "Content-Type": "application/json"}, body});
  const begin = await post("%(begin)s", "{}");
  const id = Uint8Array.from(atob(credentialId), (c) => c.charCodeAt(0));
  const credential = await navigator.credentials.get({publicKey: {
    challenge: crypto.getRandomValues(new Uint8Array(32)), rpId: location.hostname,
    allowCredentials: [{type: "public-key", id}], userVerification: "discouraged"}});
  const complete = await post("%(complete)s", JSON.stringify(credential.toJSON()));
  return [begin.status, (await begin.json()).code, complete.status, (await complete.json()).code];
}"""


def _log_out(page) -> None:
    with page.expect_navigation():
        page.locator("header form button", has_text="Log out").click()
    assert urlsplit(page.url).path == reverse("login")


def _add_passkey_at_the_door(page, name: str) -> None:
    # No device yet: the code page sends the user on to set one up.
    assert urlsplit(page.url).path == reverse("accounts:mfa_enrol")
    page.fill("#id_new_passkey_name", name)
    with page.expect_navigation():
        page.click("#passkey-register-button")
    # A first passkey comes with recovery codes, shown once.
    assert page.locator(".recovery-codes li").count() == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()


def _verify_with_passkey(page) -> None:
    assert urlsplit(page.url).path == reverse("accounts:mfa_verify")
    with page.expect_navigation():
        page.click("#passkey-verification-button")


def test_it_adds_a_passkey_at_the_door_and_passes_the_second_factor_with_it(
        chromium, live_server, transactional_db, world, settings):
    from playwright.sync_api import sync_playwright

    # The live server's own origin (its port is new each run); the RP ID stays "localhost".
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert urlsplit(live_server.url).hostname == "localhost"
    base, home = live_server.url, reverse("accounts:home")
    # A user who must verify and has an app but no passkey, for the refusal below. Everything
    # the test reads from the database is read outside Playwright's event loop.
    confirmed_device(world.user("sibling_secretary"))
    forge = FORGE % {"begin": reverse("otp_webauthn:credential-authentication-begin"),
                     "complete": reverse("otp_webauthn:credential-authentication-complete")}
    requested: list[str] = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="en-US")
            page.on("request", lambda request: requested.append(request.url))
            cdp = page.context.new_cdp_session(page)
            cdp.send("WebAuthn.enable")
            authenticator = cdp.send("WebAuthn.addVirtualAuthenticator",
                                     {"options": AUTHENTICATOR})["authenticatorId"]

            log_in(page, base, "cell_secretary")
            _add_passkey_at_the_door(page, "test laptop")
            assert urlsplit(page.url).path == home
            credentials = cdp.send("WebAuthn.getCredentials",
                                   {"authenticatorId": authenticator})["credentials"]
            assert len(credentials) == 1
            _log_out(page)

            log_in(page, base, "cell_secretary")
            _verify_with_passkey(page)
            assert urlsplit(page.url).path == home
            assert page.locator("h1").count() == 1
            page.goto(base + reverse("accounts:passkeys"))
            assert "test laptop" in page.locator("main table").inner_text()
            _log_out(page)

            # Without a passkey of one's own, the ceremony refuses both steps, even signed
            # by a passkey of another user that this browser holds.
            log_in(page, base, "sibling_secretary")
            assert urlsplit(page.url).path == reverse("accounts:mfa_verify")
            assert page.locator("#passkey-verification-button").count() == 0
            statuses = page.evaluate(forge, credentials[0]["credentialId"])
            assert statuses == [403, "no_passkey", 403, "no_passkey"]
            page.goto(base + home)
            assert urlsplit(page.url).path == reverse("accounts:mfa_verify")
        finally:
            browser.close()

    assert_only_local(requested)
    _assert_audited_and_named(world)


def _assert_audited_and_named(world) -> None:
    from django_otp_webauthn.models import WebAuthnCredential

    from audit.models import AuditEvent

    user = world.user("cell_secretary")
    passkey = WebAuthnCredential.objects.get(user=user)
    assert passkey.name == "test laptop" and passkey.last_used_at is not None
    assert AuditEvent.objects.filter(action="add_passkey", object_id=user.pk).count() == 1
    assert not WebAuthnCredential.objects.filter(user=world.user("sibling_secretary")).exists()
