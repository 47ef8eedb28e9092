"""The passkeys' relying party from the environment (accounts/passkeys.py), parsed strictly
like every setting (nucleus/env.py): a bad value stops start-up with a message naming it.

``NUCLEUS_WEBAUTHN_RP_ID`` is the domain a passkey is bound to: the browser uses it on that
domain and its subdomains only, and changing it later makes every passkey useless.
``NUCLEUS_WEBAUTHN_ORIGINS`` lists the origins the pages are served from; each must be the
RP ID or a subdomain of it, or a Tor onion address. Browsers let a page bind a passkey only to
its own domain or a parent of it, so an onion address is its own relying party: a passkey
made there works there only (and one made on the clear-web address only there).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from nucleus.env import env_list

RP_ID_VARIABLE = "NUCLEUS_WEBAUTHN_RP_ID"
ORIGINS_VARIABLE = "NUCLEUS_WEBAUTHN_ORIGINS"
#: The development server's address when nothing says otherwise (scripts/start). Passkeys
#: need a name, not an address: open it as http://localhost:8000, not http://127.0.0.1:8000.
DEVELOPMENT_ORIGIN = "http://localhost:8000"

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_ORIGIN = re.compile(r"(?P<scheme>https?)://(?P<host>[^:/?#]+)(?::(?P<port>[0-9]{1,5}))?")
_DEFAULT_PORTS = {"https": "443", "http": "80"}


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    origins: list[str]
    #: Host of each origin -> the RP ID of passkeys made there (the RP ID, or the onion host).
    rp_ids: dict[str, str]

    @property
    def has_plain_http_onion(self) -> bool:
        return any(origin.startswith("http://") and _is_onion(host)
                   for origin in self.origins
                   for host in [origin.removeprefix("http://").split(":")[0]])


def is_domain(name: str) -> bool:
    """A host name that can be a relying party: no IP address (browsers refuse those)."""
    if len(name) > 253 or not _DOMAIN.fullmatch(name):
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return not name.rsplit(".", 1)[-1].isdigit()
    return False


def _is_onion(host: str) -> bool:
    return host.endswith(".onion")


def _is_under(host: str, rp_id: str) -> bool:
    return host == rp_id or host.endswith("." + rp_id)


def default_rp_id(allowed_hosts: list[str]) -> str:
    """The first clear-web name among ALLOWED_HOSTS (``.example.org`` gives example.org),
    else the first onion name, else localhost for development."""
    names = [host.lstrip(".").lower() for host in allowed_hosts]
    names = [name for name in names if is_domain(name)]
    clear = [name for name in names if not _is_onion(name)]
    return (clear or names or ["localhost"])[0]


def default_origins(rp_id: str, allowed_hosts: list[str]) -> list[str]:
    """HTTPS on every exact ALLOWED_HOSTS name under the RP ID; an onion address is never
    guessed (it is served over http or https, the install says which)."""
    if rp_id == "localhost":
        return [DEVELOPMENT_ORIGIN]
    hosts = [host.lower() for host in allowed_hosts]
    names = [host for host in hosts if is_domain(host) and _is_under(host, rp_id)]
    return [f"https://{name}" for name in dict.fromkeys(names)] or [f"https://{rp_id}"]


def _origin_host(origin: str, rp_id: str) -> str:
    """The host of ``origin``, once it is one a passkey can be used from."""
    match = _ORIGIN.fullmatch(origin)
    if match is None or not is_domain(match["host"]):
        raise ImproperlyConfigured(
            f"{ORIGINS_VARIABLE} must list origins such as https://nucleus.example.org "
            f"(scheme and host name, no path, no IP address), got {origin!r}")
    scheme, host, port = match["scheme"], match["host"], match["port"]
    if port == _DEFAULT_PORTS[scheme]:
        # Browsers leave the default port out of the origin they sign: it would never match.
        raise ImproperlyConfigured(f"{ORIGINS_VARIABLE}: leave the default port out of "
                                   f"{origin!r}")
    if not (_is_under(host, rp_id) or _is_onion(host)):
        raise ImproperlyConfigured(
            f"{ORIGINS_VARIABLE}: {origin!r} is neither {RP_ID_VARIABLE} ({rp_id!r}) nor a "
            "subdomain of it, nor an .onion address; a browser would refuse its passkeys")
    # Plain HTTP only where browsers count it as secure: localhost, and onion services
    # (Tor's own encryption; Tor Browser treats them as secure contexts).
    if scheme == "http" and not (host == "localhost" or _is_onion(host)):
        raise ImproperlyConfigured(f"{ORIGINS_VARIABLE}: {origin!r} must use https (plain "
                                   "http only on localhost and .onion addresses)")
    return host


def env_relying_party(allowed_hosts: list[str],
                      environ: Mapping[str, str] = os.environ) -> RelyingParty:
    raw = environ.get(RP_ID_VARIABLE, "").strip()
    rp_id = raw.lower() or default_rp_id(allowed_hosts)
    if not is_domain(rp_id):
        raise ImproperlyConfigured(f"{RP_ID_VARIABLE} must be a domain name such as "
                                   f"nucleus.example.org (no scheme, port or IP address), "
                                   f"got {raw!r}")
    origins = [origin.lower() for origin in
               env_list(ORIGINS_VARIABLE, default_origins(rp_id, allowed_hosts), environ)]
    rp_ids: dict[str, str] = {}
    for origin in origins:
        host = _origin_host(origin, rp_id)
        rp_ids[host] = rp_id if _is_under(host, rp_id) else host
    return RelyingParty(rp_id=rp_id, origins=origins, rp_ids=rp_ids)
