"""URL patterns of freezing accounts and exposure reports (see tests/url_walk.py), and the
freezes the walk needs: one in Cell A, Cell B and Cell X (the other party), each of an
account of its own, so that every reader has a freeze inside and outside their scope."""

from __future__ import annotations

from access.models import Role
from safety.models import Freeze
from tests.url_walk import Case

CASES = {
    # Reached from a role of the account: who may end the role may freeze the account.
    "safety:freeze": Case(model=Role, action="delete"),
    "safety:freeze_list": Case(model=None),
    "safety:freeze_report": Case(model=Freeze, action="change"),
    "safety:unfreeze": Case(model=Freeze, action="change"),
}

# Account, its unit, the secretary who freezes it.
FROZEN = (("frozen-a", "cell_a", "cell_secretary"), ("frozen-b", "cell_b", "sibling_secretary"),
          ("frozen-x", "cell_x", "outsider"))


def extend_world(world) -> None:
    """Each frozen account held a member role with identity access and revealed the first
    person of its cell before it was frozen: the report has a reveal to show its reader."""
    from access.actions import do_grant_role
    from accounts.models import User
    from people.actions import reveal_identity
    from safety.actions import do_freeze_account
    from tests.cast import PASSWORD

    for username, unit_key, secretary in FROZEN:
        account = User.objects.create_user(username, password=PASSWORD)
        role = do_grant_role(acting_user=None, user=account, unit=world.units[unit_key],
                             kind="member", identity_access=True)
        reveal_identity(acting_user=account,
                        person=world.people[f"alias-{unit_key.replace('_', '')}-1"])
        do_freeze_account(acting_user=world.user(secretary), role=role,
                          reason="Arrested at the gate.")
