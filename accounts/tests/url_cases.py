"""Which object each accounts URL is about, for tests/test_url_access.py."""

from access.models import Role
from accounts.models import RoleOffer
from tests.url_walk import Case

CASES = {
    "accounts:home": Case(),
    "login": Case(public=True),
    # Logging out is a POST; anonymous users are sent to the login page like everywhere.
    "logout": Case(method="POST"),
    # Second factor (the walk's sessions have passed it) and lockouts.
    "accounts:mfa_verify": Case(),
    "accounts:mfa_enrol": Case(),
    # Passkeys: the page, and naming or removing one of the user's own by its id in the form
    # (another user's answers 404, accounts/tests/test_passkeys.py).
    "accounts:passkeys": Case(),
    "accounts:passkey_name": Case(method="POST"),
    "accounts:passkey_remove": Case(method="POST"),
    # The passkey ceremonies (JSON, POST; accounts/views_webauthn.py) and the plugin's script
    # texts: for logged-in users only, anonymous ones are sent to log in.
    "otp_webauthn:credential-registration-begin": Case(method="POST"),
    "otp_webauthn:credential-registration-complete": Case(method="POST"),
    "otp_webauthn:credential-authentication-begin": Case(method="POST"),
    "otp_webauthn:credential-authentication-complete": Case(method="POST"),
    "otp_webauthn:js-i18n-catalog": Case(),
    "accounts:locked_logins": Case(),
    "accounts:unlock_login": Case(model=Role, action="change", method="POST"),
    # Passwords, API tokens, role offers (accounts/urls_security.py). A token is revoked by
    # its id in the form, among the user's own tokens only.
    "accounts:account": Case(),
    "accounts:password_change": Case(),
    "accounts:preferences": Case(),
    "accounts:tokens": Case(),
    "accounts:token_revoke": Case(method="POST"),
    "accounts:password_reset": Case(model=Role, action="change"),
    "accounts:role_offer_withdraw": Case(model=RoleOffer, action="delete", method="POST"),
}


def extend_world(world):
    """Role offers inside and outside each secretary's units; several, since the walk's
    withdrawals delete them one by one."""
    from accounts.offers import do_offer_role

    for unit in ("cell_a", "cell_x"):
        for n in range(4):
            do_offer_role(acting_user=None, unit=world.units[unit], username=f"offer-{unit}-{n}",
                          kind="member")
