"""Small shared checks for the people page tests."""

from __future__ import annotations

from django.urls import reverse

from audit.models import AuditEvent
from people.models import Identity


def assert_login_required(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def audit_rows(obj, action: str | None = None):
    rows = AuditEvent.objects.filter(model=obj._meta.label, object_id=obj.pk)
    return rows.filter(action=action) if action else rows


def assert_no_identity_values(rows, *identities: Identity) -> None:
    """Audit rows name fields; they never hold an identity's values."""
    values = {v for ident in identities for v in ident.as_dict().values() if v}
    for row in rows:
        assert set(row.fields) <= set(Identity.FIELDS) | {
            "alias", "kind", "status", "status_since", "joined_on", "unit"}, row.fields
        assert not values & set(map(str, row.fields)), row.fields
