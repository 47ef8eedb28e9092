"""Role offers: how a role reaches a user whose existence the granter does not know.

The role form takes a username. Telling the secretary "no such user" (or making the role
appear at once) would let anyone with the form test usernames one by one. So, unless the
username already holds a role the secretary sees (then nothing new is learned and the role
changes at once), the form makes an *offer* to that username, whether or not a login has it:
the same query, the same row, the same page and message either way. The offer shows on the
unit's role page as open until it is accepted or expires (``OFFER_DAYS``). The page shows
the secretary a one-time acceptance code (only its SHA-256 is kept) to give the person in
person; the person enters it on their account page, agreeing to be known to the unit. A
stranger holding a mistyped username sees nothing (no unit, no organization), and a code
works only for the username it was made for. The role is then granted in the secretary's
name, after checking that the secretary could still grant it.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from access.actions import do_grant_role
from access.models import Role
from accounts.models import RoleOffer
from accounts.passwords import one_time_password
from audit.log import record, snapshot
from organizations.models import Unit

OFFER_DAYS = 14


def open_offers(user: Any, unit: Unit) -> models.QuerySet[RoleOffer]:
    """Offers on the unit that the user may see, open until accepted or expired."""
    return (RoleOffer.objects.restrict(user).filter(unit=unit, expires_at__gt=timezone.now())
            .order_by("username"))


def withdrawable_ids(user: Any, unit: Unit) -> set[int]:
    return set(RoleOffer.objects.restrict(user, "delete").filter(unit=unit)
               .values_list("pk", flat=True))


def known_holder(acting_user: Any, unit: Unit, username: str) -> Any | None:
    """The user with ``username`` when they already hold a role on ``unit`` that the acting
    user sees: changing that role reveals nothing the role page does not show already."""
    role = (Role.objects.restrict(acting_user).active().filter(unit=unit, user__username=username)
            .select_related("user").first())
    return role.user if role is not None else None


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().lower().encode()).hexdigest()


@transaction.atomic
def do_offer_role(*, acting_user: Any, unit: Unit, username: str, kind: str,
                  oversight: bool = False, identity_access: bool = False,
                  international_work: bool = False, since: datetime.date | None = None
                  ) -> tuple[RoleOffer, str]:
    """Offer a role on ``unit`` to ``username`` (existing or not); returns the offer and its
    acceptance code, shown once. An open offer to the same username on the unit is replaced
    (with a new code)."""
    code = one_time_password()
    data = {"kind": kind, "oversight": oversight, "identity_access": identity_access,
            "international_work": international_work,
            "since": since, "offered_by": acting_user, "code_hash": hash_code(code),
            "expires_at": timezone.now() + datetime.timedelta(days=OFFER_DAYS)}
    offer = (RoleOffer.objects.select_for_update()
             .filter(unit=unit, username=username).first())
    if offer is None:
        offer = RoleOffer(unit=unit, username=username, **data)
        offer.full_clean()
        offer.save()
        record(actor=acting_user, action="create", obj=offer)
        return offer, code
    before = snapshot(offer)
    for key, value in data.items():
        setattr(offer, key, value)
    offer.full_clean()
    offer.save()
    record(actor=acting_user, action="update", obj=offer, before=before)
    return offer, code


def _granter_refusal(offer: RoleOffer) -> str:
    """Why the secretary who made the offer could no longer grant it ("" if they could)."""
    granter = offer.offered_by
    unit = offer.unit
    if granter is None or not granter.is_active or not Unit.objects.restrict(
            granter, "change").filter(pk=unit.pk).exists():
        return _("This code is not valid.")
    reach = (Unit.objects.filter(path__startswith=unit.path) if offer.oversight
             else Unit.objects.filter(pk=unit.pk))
    if offer.oversight and reach.exclude(
            pk__in=Unit.objects.holding_records(granter, "view")).exists():
        return _("This code is not valid.")
    if offer.identity_access and reach.exclude(
            pk__in=Unit.objects.holding_records(granter, "reveal")).exists():
        return _("This code is not valid.")
    return ""


@transaction.atomic
def do_accept_role_offer(*, acting_user: Any, code: str) -> Role:
    """The addressee enters the code: the role is granted in the name of the secretary who
    offered it, and the offer is gone. An unknown code, one made for another username and an
    expired one all fail alike."""
    # The code is the addressee's right to the offer: it lies in a unit beyond their
    # database wall until the role is theirs.
    with dbwall.system_scope():
        offer = (RoleOffer.objects.select_for_update(of=("self",))
                 .filter(username=acting_user.username, code_hash=hash_code(code),
                         expires_at__gt=timezone.now()).select_related("unit", "offered_by")
                 .first())
        refusal = _granter_refusal(offer) if offer is not None else _("This code is not valid.")
        if offer is None or refusal:
            raise ValidationError({"code": refusal}, code="invalid")
        role = do_grant_role(acting_user=offer.offered_by, user=acting_user, unit=offer.unit,
                             kind=offer.kind, oversight=offer.oversight,
                             identity_access=offer.identity_access,
                             international_work=offer.international_work, since=offer.since)
        record(actor=acting_user, action="delete", obj=offer, fields=["accepted"])
        offer.delete()
    return role


@transaction.atomic
def do_withdraw_role_offer(*, acting_user: Any, offer: RoleOffer) -> None:
    record(actor=acting_user, action="delete", obj=offer)
    offer.delete()
