"""Every write of congresses: calling a congress, its key, mandates and credentials, the
credentials committee's decisions, attendance, and the list of class positions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from access import dbwall
from audit.log import record, snapshot
from congresses.models import ClassPosition, Congress, Delegate, DelegateKey, DelegateSeat, Mandate
from congresses.seats import seats_of, sending_units
from organizations.models import Organization, Unit
from people.models import Person


def _create(acting_user, obj):
    obj.full_clean()
    obj.save()
    record(actor=acting_user, action="create", obj=obj)
    return obj


def _update(acting_user, obj, data: dict):
    before = snapshot(obj)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    if snapshot(obj) != before:
        obj.save()
        record(actor=acting_user, action="update", obj=obj, before=before)
    return obj


# --- congresses and keys ---

@transaction.atomic
def do_create_congress(*, acting_user, unit: Unit, data: dict) -> Congress:
    return _create(acting_user, Congress(unit=unit, **data))


@transaction.atomic
def do_update_congress(*, acting_user, congress: Congress, data: dict) -> Congress:
    data = {k: v for k, v in data.items() if k != "unit"}
    return _update(acting_user, congress, data)


@transaction.atomic
def do_set_key(*, acting_user, congress: Congress, data: dict) -> DelegateKey:
    key = DelegateKey.objects.filter(congress=congress).first()
    if key is None:
        return _create(acting_user, DelegateKey(congress=congress, **data))
    return _update(acting_user, key, data)


@transaction.atomic
def do_set_seats(*, acting_user, key: DelegateKey, unit: Unit, seats: int) -> DelegateSeat | None:
    """A named unit's seats under a ``named`` key; 0 takes the unit off the key."""
    convening = key.congress.unit
    if unit.organization_id != convening.organization_id or not unit.path.startswith(
            convening.path) or unit.pk == convening.pk:
        raise ValidationError({"unit": _("A sending unit is a unit below the convening unit.")})
    seat = DelegateSeat.objects.filter(key=key, unit=unit).first()
    if seats <= 0:
        if seat is not None:
            record(actor=acting_user, action="delete", obj=seat)
            seat.delete()
        return None
    if seat is None:
        return _create(acting_user, DelegateSeat(key=key, unit=unit, seats=seats))
    return _update(acting_user, seat, {"seats": seats})


# --- mandates and credentials ---

def _check_mandate(congress: Congress, unit: Unit, person: Person) -> None:
    if congress.status == Congress.Status.CLOSED:
        raise ValidationError(_("This congress is closed: it takes no more delegates."))
    key = DelegateKey.objects.filter(congress=congress).first()
    seats = seats_of(key, unit) if key is not None else 0
    if not seats:
        raise ValidationError(_("This unit sends no delegate to this congress."))
    if not (person.kind == Person.Kind.MEMBER and person.status == Person.Status.MEMBER
            and person.unit.path.startswith(unit.path)):
        raise ValidationError({"person": _(
            "A delegate must be a voting member (status member) of the sending unit.")})
    if Mandate.objects.filter(congress=congress, person=person).exists():
        raise ValidationError({"person": _("This member already has a mandate for this "
                                           "congress.")})
    taken = (Mandate.objects.filter(congress=congress, unit=unit)
             .exclude(credential__status=Delegate.Status.REFUSED).count())
    if taken >= seats:
        raise ValidationError(_("All %(seats)s seats of this unit are taken.") % {
            "seats": seats})


@transaction.atomic
def do_give_mandate(*, acting_user, congress: Congress, unit: Unit, person: Person,
                    selection: str, on: date) -> Mandate:
    """The sending unit elects or appoints a delegate: its mandate (naming the person) and
    the credential on the congress (naming only the unit and a number)."""
    # The congress, its key and the credential are the convening unit's records, beyond the
    # sending unit's database wall: read and written under the system scope — the key's
    # seats for this unit, the next number, this insert and its audit row only (the sender
    # reads nothing of the congress's other credentials).
    with dbwall.system_scope():
        _check_mandate(congress, unit, person)
    # The credential is the convening unit's record, beyond the sending unit's database
    # wall: written under the system scope — the number, this insert and its audit row only
    # (the sender reads nothing of the congress's other credentials). The row names no actor:
    # the convening unit would otherwise learn which account of the cell sent whom.
    with dbwall.system_scope():
        Congress.objects.select_for_update().filter(pk=congress.pk).first()
        last = congress.delegates.aggregate(n=Max("number"))["n"] or 0
        credential = Delegate(congress=congress, number=last + 1, sending_unit=unit,
                              selection=selection)
        credential.full_clean()
        credential.save()
        record(actor=None, action="create", obj=credential)
    mandate = Mandate(congress=congress, unit=unit, person=person, selection=selection, on=on,
                      credential=credential)
    return _create(acting_user, mandate)


@transaction.atomic
def do_confirm_credential(*, acting_user, credential: Delegate) -> Delegate:
    """The credentials committee (the convening unit's users with the change right)."""
    return _decide(acting_user, credential, Delegate.Status.CONFIRMED, "")


@transaction.atomic
def do_refuse_credential(*, acting_user, credential: Delegate, reason: str) -> Delegate:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the credential is refused.")})
    return _decide(acting_user, credential, Delegate.Status.REFUSED, reason.strip())


def _decide(acting_user, credential: Delegate, status: str, reason: str) -> Delegate:
    if credential.congress.status == Congress.Status.CLOSED:
        raise ValidationError(_("This congress is closed: its credentials are final."))
    before = snapshot(credential)
    credential.status, credential.refusal_reason = status, reason
    credential.full_clean()
    credential.save()
    record(actor=acting_user, action="update", obj=credential, before=before)
    return credential


@transaction.atomic
def do_record_attendance(*, acting_user, credential: Delegate, attendance: str) -> Delegate:
    if attendance and credential.status != Delegate.Status.CONFIRMED:
        raise ValidationError({"attendance": _(
            "Only a delegate with a confirmed credential attends.")})
    return _update(acting_user, credential, {"attendance": attendance})


# --- class positions ---

@transaction.atomic
def do_create_class_position(*, acting_user, organization: Organization,
                             data: dict) -> ClassPosition:
    return _create(acting_user, ClassPosition(organization=organization, **data))


@transaction.atomic
def do_update_class_position(*, acting_user, entry: ClassPosition, data: dict) -> ClassPosition:
    """Rename, reorder or retire. Never deleted: sealed identities may name the entry."""
    data = {k: v for k, v in data.items() if k != "organization"}
    return _update(acting_user, entry, data)


def congresses_for_sender(unit: Unit) -> list[tuple[Congress, int]]:
    """The congresses, not closed, convened above ``unit`` whose key gives it seats, with its
    seats. The sending unit cannot see the convening unit's records: read under the system
    scope, and only this much leaves (title, dates and the unit's own seats)."""
    found = []
    with dbwall.system_scope():
        above = Unit.objects.filter(pk__in=unit.ancestor_ids())
        congresses = (Congress.objects.filter(unit__in=above)
                      .exclude(status=Congress.Status.CLOSED).select_related("unit"))
        for congress in congresses:
            key = DelegateKey.objects.filter(congress=congress).first()
            if key is not None and unit.pk in {u.pk for u in sending_units(key)}:
                found.append((congress, seats_of(key, unit)))
    return found
