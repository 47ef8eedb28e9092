"""An organization's own resolutions: writing one with its numbered points, and publishing
it on the organization's public profile as a separate copy that knows nothing of the organ
(title, date, points, the organizations it is about, signatories)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from organizations.models import Unit
from organs.decisions import require_decision
from organs.models import PublishedPoint, PublishedResolution, Resolution, ResolutionPoint
from organs.models.resolutions import POINT_MAX
from publications.models import Precision

RESOLUTION_FIELDS = ("title", "preamble", "signatories", "signature_count", "decision")


def _points(data: dict[str, Any]) -> list[str] | None:
    points = data.get("points")
    if points is None:
        return None
    texts = [str(p).strip() for p in points if str(p).strip()]
    if any(len(t) > POINT_MAX for t in texts):
        raise ValidationError({"points": _("A point is too long.")})
    return texts


def _write_points(acting_user: Any, resolution: Resolution, texts: list[str]) -> None:
    """The points as given, numbered 1, 2, 3 ... (the old ones go)."""
    ResolutionPoint.objects.filter(resolution=resolution).delete()
    for number, text in enumerate(texts, start=1):
        point = ResolutionPoint.objects.create(resolution=resolution, number=number, text=text)
        record(actor=acting_user, action="create", obj=point)


def _apply(resolution: Resolution, data: dict[str, Any]) -> None:
    for key in RESOLUTION_FIELDS:
        if key in data:
            setattr(resolution, key, data[key])
    resolution.full_clean()
    require_decision(resolution.decision, organization=resolution.unit.organization_id)


def _set_about(resolution: Resolution, data: dict[str, Any]) -> None:
    if "about" in data:
        resolution.about.set(list(data["about"]))


@transaction.atomic
def do_create_resolution(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> Resolution:
    """``data``: title, preamble, points (texts in order), about (organizations),
    signatories (public names, one a line), signature_count, decision (the adopting one)."""
    resolution = Resolution(unit=unit)
    _apply(resolution, data)
    points = _points(data) or []
    resolution.save()
    _set_about(resolution, data)
    record(actor=acting_user, action="create", obj=resolution,
           fields=["about"] if "about" in data else [])
    _write_points(acting_user, resolution, points)
    return resolution


@transaction.atomic
def do_update_resolution(*, acting_user: Any, resolution: Resolution,
                         data: dict[str, Any]) -> Resolution:
    """Change the unit's own copy; the published copy changes when it is published again."""
    resolution = Resolution.objects.select_for_update(of=("self",)).select_related("unit").get(
        pk=resolution.pk)
    before = snapshot(resolution)
    _apply(resolution, data)
    points = _points(data)
    resolution.save()
    _set_about(resolution, data)
    record(actor=acting_user, action="update", obj=resolution, before=before,
           fields=[f for f in ("about", "points") if data.get(f) is not None])
    if points is not None:
        _write_points(acting_user, resolution, points)
    return resolution


@transaction.atomic
def do_publish_resolution(*, acting_user: Any, resolution: Resolution) -> PublishedResolution:
    """Write (or rewrite) the copy on the organization's profile. Only an adopted resolution
    is published; the copy holds the text and public names only."""
    resolution = Resolution.objects.select_for_update(of=("self",)).select_related(
        "unit", "decision").get(pk=resolution.pk)
    decision = resolution.decision
    if decision is None and not resolution.signatory_names:
        raise ValidationError(_("Only an adopted or signed resolution is published: cite the "
                                "decision that adopted it or name its signatories."),
                              code="not_adopted")
    require_decision(decision, organization=resolution.unit.organization_id)
    points = list(resolution.points.order_by("number"))
    if not points and not resolution.preamble:
        raise ValidationError(_("A resolution without text cannot be published."),
                              code="no_text")
    copy = resolution.published or PublishedResolution(
        organization_id=resolution.unit.organization_id)
    values = {"title": resolution.title, "preamble": resolution.preamble,
              "dated": decision.decided_on if decision else None,
              "date_precision": decision.date_precision if decision else Precision.DAY,
              "signatories": resolution.signatories,
              "signature_count": resolution.signature_count,
              "published_on": timezone.localdate()}
    for key, value in values.items():
        setattr(copy, key, value)
    copy.save()
    copy.about.set(list(resolution.about.all()))
    PublishedPoint.objects.filter(published=copy).delete()
    PublishedPoint.objects.bulk_create([PublishedPoint(published=copy, number=p.number,
                                                       text=p.text) for p in points])
    # The copy's row names no actor: the profile's readers learn nothing of who published.
    record(actor=None, action="create", obj=copy, fields=["about", "points"])
    if resolution.published_id != copy.pk:
        before = snapshot(resolution)
        resolution.published = copy
        resolution.save()
        record(actor=acting_user, action="update", obj=resolution, before=before)
    return copy
