"""URL patterns of role management (see tests/url_walk.py)."""

from access.models import Role
from organizations.models import Unit
from tests.url_walk import Case

CASES = {
    "access:role_grant": Case(model=Unit, action="change"),
    "access:role_revoke": Case(model=Role, action="delete", method="POST"),
}
