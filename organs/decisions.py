"""Citing a decision of an organ from another feature (a circle of allies, an answer to a
coalition resolution, a dissolved cell): the decision must be one of the citing
organization's own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organs.models import Decision


def require_decision(decision: Decision | None, *, organization: Any) -> Decision | None:
    """``decision`` when it is empty or one of ``organization``'s organs' decisions; a
    ``ValidationError`` otherwise. Whether the user may see it is the form's or the
    serializer's business (restricted choices); this checks whose it is."""
    if decision is None:
        return None
    organization_id = getattr(organization, "pk", organization)
    if decision.unit.organization_id != organization_id:
        raise ValidationError(_("The decision cited is not one of this organization's."),
                              code="foreign_decision")
    return decision
