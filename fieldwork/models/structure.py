"""Structure tests and who took part in them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models.common import _not_in_future
from fieldwork.models.contacts import ContactProfile
from fieldwork.models.fields import Field
from people.models import Person
from people.references import Held

# --- structure tests ---

class StructureTest(Record):
    class Kind(models.TextChoices):
        PETITION = "petition", _("Petition")
        SIGN_UP = "sign_up", _("Sign-up")
        BADGE_DAY = "badge_day", _("Badge or sticker day")
        MEETING = "meeting", _("Meeting")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="structure_tests",
                              verbose_name=_("field"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"), validators=[_not_in_future])

    anchor = Anchor(at.RECORD, "field__unit")

    class Meta:
        verbose_name = _("structure test")
        verbose_name_plural = _("structure tests")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Participation(Record):
    test = models.ForeignKey(StructureTest, on_delete=models.CASCADE,
                             related_name="participations", verbose_name=_("structure test"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="test_participations", verbose_name=_("person"))

    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": Held(_(
        "This person took part in a structure test of their unit's field, which stays with "
        "that unit."))}

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["test", "person"],
                                               name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.person} in {self.test}"

    def clean(self) -> None:
        if self.test_id and self.person_id:
            profile = ContactProfile.objects.filter(person_id=self.person_id).first()
            if profile is None or profile.field_id != self.test.field_id:
                raise ValidationError({"person": _(
                    "Only a contact of this field can take part in its structure test.")})
