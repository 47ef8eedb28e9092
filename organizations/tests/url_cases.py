"""Which object each organizations URL is about, for tests/test_url_access.py."""

from organizations.models import Coalition, CoalitionMembership, Organization, Unit
from tests.url_walk import Case

CASES = {
    "organizations:coalition_list": Case(),
    "organizations:coalition_create": Case(),
    "organizations:coalition_detail": Case(model=Coalition),
    "organizations:coalition_edit": Case(model=Coalition, action="change"),
    "organizations:coalition_member_add": Case(model=Coalition, action="change"),
    "organizations:membership_edit": Case(model=CoalitionMembership, action="change"),
    "organizations:organization_list": Case(),
    "organizations:organization_create": Case(),
    "organizations:organization_detail": Case(model=Organization),
    "organizations:organization_edit": Case(model=Organization, action="change"),
    "organizations:lineage_add": Case(model=Organization, action="change"),
    "organizations:sister_link_add": Case(model=Organization, action="change"),
    "organizations:public_office_add": Case(model=Organization, action="change"),
    "organizations:affiliate_add": Case(model=Organization, action="change"),
    "organizations:unit_detail": Case(model=Unit),
    "organizations:unit_create": Case(model=Unit, action="add"),
    "organizations:unit_edit": Case(model=Unit, action="change"),
    "organizations:unit_move": Case(model=Unit, action="change"),
}
