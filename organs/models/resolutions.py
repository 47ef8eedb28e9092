"""An organization's own resolutions: a title, numbered points, the organizations it is
about (from the directory), the public names of its signatories, adopted as a decision of
the organ that holds it.

The resolution is the organ's record. Publishing it on the organization's public profile
writes a separate ``PublishedResolution`` anchored on the organization (title, date, points,
the organizations it is about, signatories) with no relation to the organ, its decision or
its people: those who read the profile learn what the organization resolved, never which of
its units did or how it voted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Organization, Unit
from organs.models.decisions import Decision
from publications.models import Precision

TITLE_MAX = 300
POINT_MAX = 10000


class PublishedResolution(Record):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="published_resolutions",
                                     verbose_name=_("organization"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    dated = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date known to the"), max_length=5,
                                      choices=Precision.choices, default=Precision.DAY)
    preamble = models.TextField(_("preamble"), max_length=POINT_MAX, blank=True)
    about = models.ManyToManyField(Organization, blank=True, related_name="+",
                                   verbose_name=_("about"))
    signatories = models.TextField(_("signatories"), blank=True)
    signature_count = models.PositiveSmallIntegerField(_("signatures"), null=True, blank=True)
    published_on = models.DateField(_("published on"))

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        verbose_name = _("published resolution")
        verbose_name_plural = _("published resolutions")
        ordering = ["organization", "-dated", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def signatory_names(self) -> list[str]:
        return [n for n in (line.strip() for line in self.signatories.splitlines()) if n]


class PublishedPoint(Record):
    published = models.ForeignKey(PublishedResolution, on_delete=models.CASCADE,
                                  related_name="points", verbose_name=_("resolution"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=POINT_MAX)

    anchor = Anchor(at.ORGANIZATION, "published__organization")

    class Meta:
        verbose_name = _("point of a published resolution")
        verbose_name_plural = _("points of published resolutions")
        ordering = ["published", "number"]
        constraints = [models.UniqueConstraint(fields=["published", "number"],
                                               name="published_point_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class Resolution(Record):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="resolutions",
                             verbose_name=_("organ"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    preamble = models.TextField(_("preamble"), max_length=POINT_MAX, blank=True)
    about = models.ManyToManyField(Organization, blank=True, related_name="+",
                                   verbose_name=_("about the organizations"))
    # Public names, one a line, as the text gives them; the count alone when it does not.
    signatories = models.TextField(_("signatories"), blank=True)
    signature_count = models.PositiveSmallIntegerField(_("signatures"), null=True, blank=True)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="resolutions", verbose_name=_("adopted by"))
    # The copy on the profile, once published (the copy knows nothing of this row).
    published = models.OneToOneField(PublishedResolution, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     editable=False, verbose_name=_("published copy"))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["unit", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def signatory_names(self) -> list[str]:
        return [n for n in (line.strip() for line in self.signatories.splitlines()) if n]


class ResolutionPoint(Record):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE,
                                   related_name="points", verbose_name=_("resolution"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=POINT_MAX)

    anchor = Anchor(at.RECORD, "resolution__unit")

    class Meta:
        verbose_name = _("point")
        verbose_name_plural = _("points")
        ordering = ["resolution", "number"]
        constraints = [models.UniqueConstraint(fields=["resolution", "number"],
                                               name="resolution_point_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"
