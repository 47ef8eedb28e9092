"""The passkeys' relying party from the environment (nucleus/env_webauthn.py): sensible
defaults from ALLOWED_HOSTS, an onion address as its own relying party, and a loud stop on
an origin no browser would accept."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from accounts.passkeys import relying_party_id
from nucleus.env_webauthn import env_relying_party

ROOT = Path(__file__).resolve().parents[2]
ONION = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion"
DEV_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]


def test_it_defaults_to_localhost_for_development():
    party = env_relying_party(DEV_HOSTS, {})
    assert (party.rp_id, party.origins) == ("localhost", ["http://localhost:8000"])


def test_it_defaults_to_https_on_the_allowed_hosts():
    party = env_relying_party(["nucleus.example.org", ONION, "10.0.0.5"], {})
    assert party.rp_id == "nucleus.example.org"
    # An onion address is never guessed: the install says whether it serves http or https.
    assert party.origins == ["https://nucleus.example.org"]


def test_it_reads_the_rp_id_and_the_origins_with_an_onion_address():
    party = env_relying_party([], {
        "NUCLEUS_WEBAUTHN_RP_ID": "Example.org",
        "NUCLEUS_WEBAUTHN_ORIGINS": f"https://nucleus.example.org, http://{ONION}, "
                                    "https://example.org:8443"})
    assert party.rp_id == "example.org"
    assert party.origins == ["https://nucleus.example.org", f"http://{ONION}",
                             "https://example.org:8443"]
    # Browsers bind a passkey to the page's own domain or a parent: the onion is its own.
    assert party.rp_ids == {"nucleus.example.org": "example.org", ONION: ONION,
                            "example.org": "example.org"}
    assert party.has_plain_http_onion


@pytest.mark.parametrize(("origin", "message"), [
    ("nucleus.example.org", "must list origins"),
    ("https://nucleus.example.org/login", "must list origins"),
    ("ftp://nucleus.example.org", "must list origins"),
    ("https://10.0.0.5", "must list origins"),
    ("https://evil.example.net", "is neither NUCLEUS_WEBAUTHN_RP_ID"),
    ("https://notexample.org", "is neither NUCLEUS_WEBAUTHN_RP_ID"),
    ("http://nucleus.example.org", "must use https"),
    ("https://nucleus.example.org:443", "leave the default port out"),
])
def test_it_rejects_an_origin_no_browser_would_accept(origin, message):
    environ = {"NUCLEUS_WEBAUTHN_RP_ID": "example.org", "NUCLEUS_WEBAUTHN_ORIGINS": origin}
    with pytest.raises(ImproperlyConfigured, match=message):
        env_relying_party([], environ)


@pytest.mark.parametrize("rp_id", ["https://example.org", "10.0.0.5", "example.org:8443",
                                   "exa mple.org"])
def test_it_rejects_an_rp_id_that_is_no_domain_name(rp_id):
    with pytest.raises(ImproperlyConfigured, match="NUCLEUS_WEBAUTHN_RP_ID must be a domain"):
        env_relying_party([], {"NUCLEUS_WEBAUTHN_RP_ID": rp_id})


def test_it_picks_the_rp_id_by_the_address_the_page_was_opened_on(settings):
    settings.NUCLEUS_WEBAUTHN_RP_ID = "example.org"
    settings.NUCLEUS_WEBAUTHN_RP_IDS = {"nucleus.example.org": "example.org", ONION: ONION}
    settings.ALLOWED_HOSTS = ["nucleus.example.org", ONION]
    factory = RequestFactory()
    assert relying_party_id(factory.get("/", HTTP_HOST=f"{ONION}:80")) == ONION
    assert relying_party_id(factory.get("/", HTTP_HOST="nucleus.example.org")) == "example.org"


def test_it_stops_start_up_on_a_bad_origin():
    env = {**os.environ, "NUCLEUS_WEBAUTHN_RP_ID": "example.org",
           "NUCLEUS_WEBAUTHN_ORIGINS": "https://evil.example.net"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "'https://evil.example.net' is neither NUCLEUS_WEBAUTHN_RP_ID" in result.stderr


def test_it_starts_with_a_plain_http_onion_origin():
    # The plugin's own check wants https but for localhost; the settings let Tor's pass.
    env = {**os.environ, "NUCLEUS_WEBAUTHN_RP_ID": "example.org",
           "NUCLEUS_WEBAUTHN_ORIGINS": f"https://nucleus.example.org,http://{ONION}"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
