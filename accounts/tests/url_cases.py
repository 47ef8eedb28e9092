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
    "accounts:locked_logins": Case(),
    "accounts:unlock_login": Case(model=Role, action="change", method="POST"),
    # Passwords, API tokens, role offers (accounts/urls_security.py). A token is revoked by
    # its id in the form, among the user's own tokens only.
    "accounts:account": Case(),
    "accounts:password_change": Case(),
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
