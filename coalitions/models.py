"""Resolutions and joint statements of a coalition, their circulation, answers and signatories.

Everything here is the coalition's, not a unit's: a ``CoalitionResolution`` is
``COALITION_SENT`` (access/anchor.py), read by the coalition's office, by the organization
that proposed it (``proposed_by``: an organization, never a person or unit) and, once
circulated (``circulated``), by the users of every member organization. An ``Answer`` and a
``Signatory`` name the answering organization only; the answer is read by that organization
and the office, the signatory list by every member once circulated. The office changes all of
it through its actions; an organization writes only through ``do_send_proposal`` (which
writes the copy of its ``ProposalDraft`` through ``do_propose``), ``do_answer`` and
``do_sign_later`` (coalitions/actions.py), as one acting for it (coalitions/rights.py). The
``ProposalDraft`` itself is the writing unit's record, not the coalition's.
"""

from __future__ import annotations

import datetime
import math

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Coalition, Organization


class AdoptionRule(Record):
    """When a circulated resolution is adopted: an absolute number of approvals, or a share
    (per cent, rounded up) of the organizations it was circulated to."""

    class Kind(models.TextChoices):
        APPROVALS = "approvals", _("A number of approvals")
        SHARE = "share", _("A share of the member organizations")

    coalition = models.OneToOneField(Coalition, on_delete=models.CASCADE,
                                     related_name="adoption_rule", verbose_name=_("coalition"))
    kind = models.CharField(_("rule"), max_length=10, choices=Kind.choices,
                            default=Kind.APPROVALS)
    approvals = models.PositiveIntegerField(_("approvals needed"), null=True, blank=True,
                                            validators=[MinValueValidator(1)])
    share_percent = models.PositiveSmallIntegerField(
        _("share needed (per cent)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)])

    anchor = Anchor(at.COALITION, "coalition")

    class Meta:
        verbose_name = _("adoption rule")
        verbose_name_plural = _("adoption rules")
        constraints = [models.CheckConstraint(
            condition=(Q(kind="approvals", approvals__isnull=False)
                       | Q(kind="share", share_percent__isnull=False)),
            name="adoption_rule_complete")]

    def threshold(self, recipients: int) -> int:
        """Approvals needed when ``recipients`` organizations were asked."""
        if self.kind == self.Kind.APPROVALS:
            return int(self.approvals or 1)
        return max(1, math.ceil(recipients * int(self.share_percent or 100) / 100))

    def __str__(self) -> str:
        if self.kind == self.Kind.APPROVALS:
            return str(_("%(n)s approvals") % {"n": self.approvals})
        return str(_("%(p)s%% of the member organizations") % {"p": self.share_percent})


# Paths from the resolution's parts: read as the resolution is.
def _sent(prefix: str = "") -> Anchor:
    return Anchor(at.COALITION_SENT, f"{prefix}coalition", sender=f"{prefix}proposed_by",
                  shared=f"{prefix}circulated")


class CoalitionResolution(Record):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        JOINT_STATEMENT = "joint_statement", _("Joint statement")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by a member organization")
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated")
        ADOPTED = "adopted", _("Adopted")
        CLOSED = "closed", _("Closed")

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT,
                                  related_name="resolutions", verbose_name=_("coalition"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.RESOLUTION)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    # Set once circulated, never unset: from then on every member organization reads it.
    circulated = models.BooleanField(_("circulated"), default=False, editable=False)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, editable=False)
    # A proposal of a member organization: the organization, never who wrote it, unless it
    # chose to sign with a name.
    proposed_by = models.ForeignKey(Organization, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("proposed by"))
    signed_as = models.CharField(_("signed as"), max_length=200, blank=True)

    anchor = _sent()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return self.title

    @property
    def original(self) -> ResolutionText | None:
        return self.texts.filter(is_original=True).first()


class ResolutionText(Record):
    class Translation(models.TextChoices):
        DRAFT = "draft", _("Draft translation")
        CHECKED = "checked", _("Checked translation")

    resolution = models.ForeignKey(CoalitionResolution, on_delete=models.CASCADE,
                                   related_name="texts", verbose_name=_("resolution"))
    language = models.CharField(_("language"), max_length=10)
    is_original = models.BooleanField(_("original"), default=False)
    translation_status = models.CharField(_("translation"), max_length=8, blank=True,
                                          choices=Translation.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"))

    anchor = _sent("resolution__")

    class Meta:
        ordering = ["-is_original", "language"]
        verbose_name = _("resolution text")
        verbose_name_plural = _("resolution texts")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "language"],
                                    name="resolution_text_one_per_language"),
            models.UniqueConstraint(fields=["resolution"], condition=Q(is_original=True),
                                    name="resolution_text_one_original"),
            # An original has no translation status; a translation has one.
            models.CheckConstraint(
                condition=(Q(is_original=True, translation_status="")
                           | (Q(is_original=False) & ~Q(translation_status=""))),
                name="resolution_text_translation_status"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id} [{self.language}]"


class ResolutionPoint(Record):
    """A numbered point of one text, where the text has them."""

    text = models.ForeignKey(ResolutionText, on_delete=models.CASCADE, related_name="points",
                             verbose_name=_("text"))
    number = models.PositiveSmallIntegerField(_("number"))
    body = models.TextField(_("point"))

    anchor = _sent("text__resolution__")

    class Meta:
        ordering = ["number"]
        verbose_name = _("resolution point")
        verbose_name_plural = _("resolution points")
        constraints = [models.UniqueConstraint(fields=["text", "number"],
                                               name="resolution_point_unique")]


class StatusChange(Record):
    """The resolution's status history: one row per status, with its day."""

    resolution = models.ForeignKey(CoalitionResolution, on_delete=models.CASCADE,
                                   related_name="status_changes", verbose_name=_("resolution"))
    status = models.CharField(_("status"), max_length=12,
                              choices=CoalitionResolution.Status.choices)
    on = models.DateField(_("on"))

    anchor = _sent("resolution__")

    class Meta:
        ordering = ["on", "created_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class Circulation(Record):
    """A resolution sent to all member organizations or a chosen set, with a deadline. The
    organizations asked are recorded when it is circulated (the share rule counts them)."""

    resolution = models.OneToOneField(CoalitionResolution, on_delete=models.CASCADE,
                                      related_name="circulation", verbose_name=_("resolution"))
    circulated_on = models.DateField(_("circulated on"))
    deadline = models.DateField(_("deadline"))
    organizations = models.ManyToManyField(Organization, related_name="+",
                                           verbose_name=_("organizations asked"))

    anchor = _sent("resolution__")

    class Meta:
        verbose_name = _("circulation")
        verbose_name_plural = _("circulations")
        constraints = [models.CheckConstraint(condition=Q(deadline__gte=models.F("circulated_on")),
                                              name="circulation_deadline_after_start")]

    def is_open(self, on: datetime.date) -> bool:
        return (self.resolution.status == CoalitionResolution.Status.CIRCULATED
                and self.circulated_on <= on <= self.deadline)


class Answer(Record):
    """An organization's answer to a circulation. A change replaces it: the old row is kept
    with ``replaced_at`` set, so the history of answers stays."""

    class Vote(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        ABSTAIN = "abstain", _("Abstain")

    circulation = models.ForeignKey(Circulation, on_delete=models.CASCADE,
                                    related_name="answers", verbose_name=_("circulation"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organization"))
    vote = models.CharField(_("answer"), max_length=8, choices=Vote.choices)
    comment = models.TextField(_("comment"), blank=True)
    answered_on = models.DateField(_("answered on"))
    signed_as = models.CharField(_("signed as"), max_length=200, blank=True)
    # Entered by the office from an answer received in writing (the organization has no
    # users here, or sent it by other means).
    received_in_writing = models.BooleanField(_("received in writing"), default=False)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True, editable=False)

    anchor = Anchor(at.COALITION_SENT, "circulation__resolution__coalition",
                    sender="organization")

    class Meta:
        ordering = ["answered_on", "created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(
            fields=["circulation", "organization"], condition=Q(replaced_at__isnull=True),
            name="answer_one_current_per_organization")]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.vote}"


class Signatory(Record):
    """An organization that signed an adopted resolution: an approving one, on the day of its
    approval, or a later signatory after adoption, on the day it signed."""

    resolution = models.ForeignKey(CoalitionResolution, on_delete=models.CASCADE,
                                   related_name="signatories", verbose_name=_("resolution"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organization"))
    signed_on = models.DateField(_("signed on"))
    later = models.BooleanField(_("later signatory"), default=False)

    anchor = Anchor(at.COALITION_SENT, "resolution__coalition", sender="organization",
                    shared="resolution__circulated")

    class Meta:
        ordering = ["later", "signed_on", "organization__name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [models.UniqueConstraint(fields=["resolution", "organization"],
                                               name="signatory_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id} ({self.signed_on})"


class ProposalDraft(Record):
    """A member organization's proposal while it is drafted: the writing unit's own record
    (``RECORD``), read by the unit's scope like any record, never by the coalition's office or
    the other member organizations. Sending it (``do_send_proposal``) writes the coalition's
    ``CoalitionResolution`` copy, which names the organization (and ``signed_as``) only; the
    unit keeps the draft, no longer editable, with the day it was sent."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT,
                             related_name="proposal_drafts", verbose_name=_("unit"))
    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("coalition"))
    kind = models.CharField(_("kind"), max_length=16, choices=CoalitionResolution.Kind.choices,
                            default=CoalitionResolution.Kind.RESOLUTION)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    body = models.TextField(_("text"))
    # The numbered points, one per line, in their order.
    points = models.TextField(_("Numbered points"), blank=True)
    signed_as = models.CharField(_("signed as"), max_length=200, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True, editable=False)
    # The copy the coalition received: the unit knows where it went, never the reverse.
    sent_copy = models.OneToOneField(CoalitionResolution, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", editable=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal draft")
        verbose_name_plural = _("proposal drafts")

    def __str__(self) -> str:
        return self.title

    @property
    def organization(self) -> Organization:
        return self.unit.organization

    def point_lines(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]
