"""Contacts (what the unit knows about them beyond their identity) and ties between people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models.fields import Field, FieldPart
from fieldwork.models.mass import MassOrganization
from people.models import Person
from people.references import Held

# --- contacts and ties ---

class ContactProfile(Record):
    """What the unit knows about a contact beyond their identity: where they work, in which
    part, their job, union and whether they lead their workmates."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE,
                                  related_name="contact_profile", verbose_name=_("person"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="contacts",
                              verbose_name=_("field"))
    part = models.ForeignKey(FieldPart, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="contacts", verbose_name=_("part"))
    job = models.CharField(_("job"), max_length=120, blank=True)
    union = models.ForeignKey(MassOrganization, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="contacts",
                              verbose_name=_("union"))
    leader = models.BooleanField(_("natural leader"), default=False,
                                 help_text=_("Respected by workmates; others follow them."))
    tags = models.CharField(_("tags"), max_length=300, blank=True,
                            help_text=_("Comma separated."))
    # The latest assessment (by date, then id), kept in step by fieldwork.actions.do_assess:
    # the history stays in Assessment; counting a column keeps wall charts and dashboards
    # over 200,000 contacts fast.
    current_level = models.ForeignKey("AssessmentLevel", null=True, blank=True, editable=False,
                                      on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("current level"))
    current_assessed_on = models.DateField(_("last assessed on"), null=True, blank=True,
                                           editable=False)
    # The date of the latest activity naming the contact, kept in step by the activity
    # actions (fieldwork.contact_dates): lists, filters and the wall chart read a column.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True,
                                       editable=False)

    # Counted with the field they are mapped in: a field's contacts are its aggregate, and
    # the join goes through 1,000 fields instead of 200,000 people.
    anchor = Anchor(at.RECORD, "person__unit", count_path="field__unit")
    person_references = {"person": Held(_(
        "A contact stays with the unit that works the field they are mapped in. If another "
        "unit must know them, it records them itself."))}
    keeps_tombstone = True

    class Meta:
        verbose_name = _("contact profile")
        verbose_name_plural = _("contact profiles")
        # With current_level the counts per field and part (wall chart, structure test,
        # dashboards) are answered from the index alone.
        indexes = [models.Index(fields=["field", "part", "current_level"],
                                name="contact_profile_field_level"),
                   models.Index(fields=["field", "last_contact_on"],
                                name="contact_profile_last_contact")]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]

    def clean(self) -> None:
        errors = {}
        # Normalize: stripped, no duplicates, original order.
        self.tags = ", ".join(dict.fromkeys(self.tag_list))
        if self.person_id:
            if self.person.kind != Person.Kind.CONTACT:
                errors["person"] = _("Only a contact has a contact profile.")
            elif self.field_id and self.field.unit_id != self.person.unit_id:
                errors["field"] = _("The contact must be in the unit that works this field.")
        if self.field_id and self.part is not None and self.part.field_id != self.field_id:
            errors["part"] = _("This part belongs to another field.")
        if (self.field_id and self.union is not None and
                self.union.organization_id != self.field.unit.organization_id):
            errors["union"] = _("This mass organization is tracked by another organization.")
        if errors:
            raise ValidationError(errors)


class Tie(Record):
    class Kind(models.TextChoices):
        KNOWS = "knows", _("Knows")
        WORKS_BESIDE = "works_beside", _("Works beside")
        FAMILY = "family", _("Family")
        IN_TOUCH = "in_touch", _("In touch (member with contact)")

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_from",
                                    verbose_name=_("from"))
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_to",
                                  verbose_name=_("to"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    # Both ends are in the same unit (Tie.clean), so one end decides.
    anchor = Anchor(at.RECORD, "from_person__unit")
    person_references = dict.fromkeys(("from_person", "to_person"), Held(_(
        "This person has ties to people of their unit, and ties stay within a unit. Remove "
        "the ties before moving the person.")))

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [models.UniqueConstraint(fields=["from_person", "to_person", "kind"],
                                               name="tie_unique_pair_kind")]

    def __str__(self) -> str:
        return f"{self.from_person} {self.kind} {self.to_person}"

    def clean(self) -> None:
        if not (self.from_person_id and self.to_person_id):
            return
        a, b = self.from_person, self.to_person
        if a.pk == b.pk:
            raise ValidationError(_("A tie links two different people."))
        if a.unit_id != b.unit_id:
            raise ValidationError(_("Both people of a tie must be in the same unit."))
        if self.kind == self.Kind.IN_TOUCH and {a.kind, b.kind} != {Person.Kind.MEMBER,
                                                                    Person.Kind.CONTACT}:
            raise ValidationError({"kind": _(
                "'In touch' links a member with a contact.")})
        reverse = Tie.objects.filter(from_person=b, to_person=a, kind=self.kind)
        if reverse.exclude(pk=self.pk).exists():
            raise ValidationError(_("This tie is already recorded the other way round."))
