"""People: members and contacts, each in exactly one unit, identities encrypted at rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Unit
from organizations.regions import regions_by_unit, unit_region
from people.references import FOLLOWS
from people.reindex import indexes_for
from vault import crypto
from vault.keyring import Keyring


@dataclass
class Identity:
    """The protected fields; only ever decrypted through people.actions.reveal_identity."""

    legal_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""
    # The person's class position (the uid of a congresses.ClassPosition of their
    # organization, as a string) and sector: sealed with the identity because, with a unit's
    # small size, they identify. Ciphertexts sealed before these existed open with them blank.
    class_position: str = ""
    sector: str = ""

    FIELDS = ("legal_name", "phone", "email", "address", "notes", "class_position", "sector")

    def as_dict(self) -> dict[str, str]:
        # Flat strings: no need for dataclasses.asdict's deep copy (50 µs; an import seals a
        # million of these).
        return {name: getattr(self, name) for name in self.FIELDS}


class Person(Record):
    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        CONTACT = "contact", _("Contact")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people",
                             verbose_name=_("unit"))
    alias = models.CharField(_("alias"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    status = models.CharField(_("membership status"), max_length=10, choices=Status.choices,
                              default=Status.CANDIDATE)
    status_since = models.DateField(_("status since"))
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    # The ciphertext is bound to this row by its uid (associated data "person:<uid>").
    identity_sealed = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    email_index = models.CharField(max_length=40, blank=True, db_index=True, editable=False)

    anchor = Anchor(at.RECORD, "unit")
    keeps_tombstone = True
    sealed_fields = ("identity_sealed", "phone_index", "email_index")
    # Chosen in forms by typing the alias when there are too many to list (access/typed_choices).
    typed_choice_attribute = "alias"

    class Meta:
        ordering = ["alias"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(fields=["unit", "alias"],
                                               name="person_unique_alias_in_unit")]

    def __str__(self) -> str:
        return self.alias

    # --- identity sealing; callers go through people.actions ---
    def _aad(self) -> str:
        return f"person:{self.uid}"

    def seal_identity(self, identity: Identity, keyring: Keyring | None = None,
                      region: str | None = None) -> None:
        """Seal the identity and index its phone and email. A phone written without its
        country code is read as a number of ``region`` (default: the unit's phone region,
        ``organizations.regions``)."""
        salt = self.unit.organization.index_salt
        if region is None:
            region = unit_region(self.unit)
        self.identity_sealed = crypto.encrypt_json(identity.as_dict(), aad=self._aad(),
                                                   keyring=keyring)
        self.phone_index, self.email_index = indexes_for(
            identity.as_dict(), salt=salt, region=region, keyring=keyring)

    def unseal_identity(self, keyring: Keyring | None = None) -> Identity:
        return Identity(**crypto.decrypt_json(self.identity_sealed, aad=self._aad(),
                                              keyring=keyring))

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
        """Re-seal every identity (with ``pk_range``, those with a primary key in it: one
        batch of ``vault.rotation``) and its indexes under the keyring's current key."""
        count = 0
        regions: dict[int, dict[int, str]] = {}  # organization → unit → phone region
        rows = cls.objects.select_related("unit__organization").order_by("pk")
        if pk_range is not None:
            rows = rows.filter(pk__range=pk_range)
        for person in rows.iterator(chunk_size=500):
            org = person.unit.organization
            if org.pk not in regions:
                regions[org.pk] = regions_by_unit(org)
            read = person.identity_sealed
            person.seal_identity(person.unseal_identity(), keyring=keyring,
                                 region=regions[org.pk].get(person.unit_id, ""))
            # Only over what was read: an identity edited meanwhile keeps the edit (sealed
            # by its editor under the current key, or found by the rotation's next pass).
            cls.objects.filter(pk=person.pk, identity_sealed=read).update(
                identity_sealed=person.identity_sealed, phone_index=person.phone_index,
                email_index=person.email_index)
            count += 1
            progress(1)
        return count


class StatusChange(Record):
    """History of a person's membership status."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_changes",
                               verbose_name=_("person"))
    status = models.CharField(_("membership status"), max_length=10,
                              choices=Person.Status.choices)
    on = models.DateField(_("since"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": FOLLOWS}

    class Meta:
        ordering = ["-on", "-recorded_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.status} on {self.on}"


class Headcount(Record):
    """How many people a unit holds, kept in step by the actions that add, move and remove
    people (``people/headcounts.py``), so that pages counting people in a subtree (home,
    organization, unit) add up a row per unit instead of counting every person. Counted like
    the people themselves: ``Headcount.objects.countable(user)``, never shown per row."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="headcount",
                                verbose_name=_("unit"))
    people = models.PositiveIntegerField(_("people"), default=0)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.people}"
