"""Writes of agitation and propaganda: materials, distributions (through the fieldwork
activity action, so that the work log and the continuity count them), correspondence and
its sending to the editorial unit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from agitprop.models import (
    Correspondence,
    Distribution,
    Material,
    SentCorrespondence,
)
from audit.log import record, snapshot
from fieldwork.actions import do_create_activity
from fieldwork.models import Activity, Field, FieldPart
from organizations.models import Unit
from people.models import Person
from publications.models import Issue, Periodical, editorial_unit_of


def _is_user(acting_user) -> bool:
    return acting_user is not None and getattr(acting_user, "is_authenticated", False)


def _check_visible(acting_user, model, obj, field: str) -> None:
    """A record named by the caller must be one the acting user sees (404-like refusal as a
    form error: an action checks more than its form)."""
    if obj is not None and _is_user(acting_user) and not model.objects.restrict(
            acting_user).filter(pk=obj.pk).exists():
        raise ValidationError({field: _("That one is not available here.")})


@transaction.atomic
def do_add_material(*, acting_user, unit: Unit, data: dict) -> Material:
    material = Material(unit=unit, **data)
    material.full_clean()
    material.save()
    record(actor=acting_user, action="create", obj=material)
    return material


@transaction.atomic
def do_record_distribution(*, acting_user, unit: Unit, field: Field, distributed_on: date,
                           quantity: int, issue: Issue | None = None,
                           material: Material | None = None, part: FieldPart | None = None,
                           members: Iterable[Person] = (), contacts: Iterable[Person] = (),
                           notes: str = "") -> Distribution:
    """A distribution in ``field``: the activity (which refuses a field the unit does not
    work, a date in the future and a missing quantity) and what was handed out. The
    contacts are those who read or pass it on."""
    _check_visible(acting_user, Issue, issue, "issue")
    _check_visible(acting_user, Material, material, "material")
    activity = do_create_activity(
        acting_user=acting_user, unit=unit, members=members, contacts=contacts, notes=notes,
        data={"kind": Activity.Kind.DISTRIBUTION, "field": field, "date": distributed_on,
              "quantity": quantity})
    distribution = Distribution(activity=activity, issue=issue, material=material, part=part)
    distribution.full_clean()
    distribution.save()
    record(actor=acting_user, action="create", obj=distribution)
    return distribution


@transaction.atomic
def do_write_correspondence(*, acting_user, unit: Unit, field: Field, periodical: Periodical,
                            data: dict) -> Correspondence:
    _check_visible(acting_user, Periodical, periodical, "periodical")
    pen_name = str(data.get("pen_name", "")).strip()
    # A pen name that is a member's or contact's alias would name them to the editors.
    if pen_name and Person.objects.filter(unit=unit, alias__iexact=pen_name).exists():
        raise ValidationError({"pen_name": _(
            "That is the alias of someone in the unit: choose a pen name of its own.")})
    letter = Correspondence(unit=unit, field=field, periodical=periodical, **data)
    letter.full_clean()
    letter.save()
    record(actor=acting_user, action="create", obj=letter)
    return letter


@transaction.atomic
def do_send_correspondence(*, acting_user, correspondence: Correspondence
                           ) -> SentCorrespondence:
    """The editorial unit's copy: text, field name, pen name, date — and no link back. The
    audit row naming the sender is the unit's (filed on the unit's copy); the received copy's
    row names no actor, so the editorial side's log does not say who sent it."""
    letter = Correspondence.objects.select_for_update().get(pk=correspondence.pk)
    if letter.sent_on is not None:
        raise ValidationError(_("This correspondence was already sent."))
    periodical = letter.periodical
    sent = SentCorrespondence(periodical=periodical, editorial_unit=editorial_unit_of(periodical),
                              field_name=letter.field.name, pen_name=letter.pen_name,
                              text=letter.text, written_on=letter.written_on)
    sent.full_clean()
    # The copy is the editorial unit's record, beyond the sender's database wall: written
    # under the system scope, this insert and its audit row only (the sender reads nothing).
    with dbwall.system_scope():
        sent.save()
        record(actor=None, action="create", obj=sent)
    before = snapshot(letter)
    letter.sent_on = timezone.localdate()
    letter.save(update_fields=["sent_on"])
    record(actor=acting_user, action="update", obj=letter, before=before)
    correspondence.refresh_from_db()
    return sent
