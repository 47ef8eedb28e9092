"""Member reports (issue #10, 6): what a member organization did for a coalition's campaign,
with photos and videos.

* ``MemberReport`` is the organization's own record of the report, on the unit that wrote it
  (``RECORD``): the text as written and when it was sent. It holds no photo or video.
* ``SentReport`` is what the coalition receives (``do_send_report``): a separate copy that
  carries the organization, never the unit, person or user who wrote it — a name only when
  the organization chooses to sign with one (``signed_as``). Its office reviews it (accept,
  ask for changes with a note back, reject) and publishes an accepted one; the other member
  organizations see it only once published, anyone on the public campaign page.
* ``ReportMedia`` is one photo or video of a sent report, made safe before it was stored
  (``media.py``): no metadata, faces blurred in the file shown. Where faces were found, the
  unblurred pixels wait in a private file (``DATA_DIR/uploads/reports/held/``) until the
  office decides: keeping a face is an explicit, audited choice; blurring deletes that file.

A report sent with photos or videos is ``media_state`` PROCESSING until its job
(``memberreports/tasks.py``) has made them safe and attached them all (READY), or could not
(FAILED: refused, cancelled or given up; the report stays, without any of them). Until then
the office can neither review nor publish it, so nothing unprocessed is ever shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from campaigns.models import Campaign, Component
from organizations.models import Organization, Unit

# What the coalition receives: seen by its office and the sending organization's users and,
# once published, by the other member organizations' users; changed by the office only.
SENT = Anchor(at.COALITION_SENT, "campaign__coalition", sender="organization",
              shared="published")
SENT_MEDIA = Anchor(at.COALITION_SENT, "report__campaign__coalition",
                    sender="report__organization", shared="report__published")


class MemberReport(Record):
    """The organization's own copy of a report it sent, kept by the unit that wrote it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="member_reports",
                             verbose_name=_("unit"))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("campaign"))
    component = models.ForeignKey(Component, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("component"))
    text = models.TextField(_("report"))
    date = models.DateField(_("date"))
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    signed_as = models.CharField(_("signed as"), max_length=120, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    # The copy the coalition received: the unit knows where it went, never the reverse.
    sent_copy = models.OneToOneField("SentReport", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", editable=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("member report")
        verbose_name_plural = _("member reports")

    def __str__(self) -> str:
        return f"{self.city}, {self.date}"


class SentReport(Record):
    """A report as the coalition received it: the organization, never who wrote it."""

    class MediaState(models.TextChoices):
        READY = "ready", _("Ready")  # never shown: only the other two are
        PROCESSING = "processing", _("photos and videos being processed")
        FAILED = "failed", _("sent without its photos and videos")

    class Status(models.TextChoices):
        SENT = "sent", _("waiting for review")
        CHANGES = "changes", _("changes asked for")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="reports",
                                 verbose_name=_("campaign"))
    component = models.ForeignKey(Component, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="reports", verbose_name=_("component"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="sent_reports",
                                     verbose_name=_("organization"))
    text = models.TextField(_("report"))
    date = models.DateField(_("date"))
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    signed_as = models.CharField(_("signed as"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SENT, editable=False)
    office_note = models.TextField(_("note from the office"), blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    media_state = models.CharField(_("photos and videos"), max_length=10,
                                   choices=MediaState.choices, default=MediaState.READY,
                                   editable=False)

    anchor = SENT

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("report sent to the coalition")
        verbose_name_plural = _("reports sent to the coalition")

    def __str__(self) -> str:
        return f"{self.organization} — {self.city}, {self.date}"

    @property
    def is_published(self) -> bool:
        return self.published

    @property
    def media_processing(self) -> bool:
        return self.media_state == self.MediaState.PROCESSING


class ReportMedia(Record):
    """One photo or video of a sent report, stored without metadata (``media.py``)."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        VIDEO = "video", _("video")

    class Faces(models.TextChoices):
        NONE = "none", _("no face found")
        PENDING = "pending", _("faces blurred, waiting for the office")
        BLURRED = "blurred", _("faces blurred")
        KEPT = "kept", _("faces kept by the office")

    report = models.ForeignKey(SentReport, on_delete=models.CASCADE, related_name="media",
                               verbose_name=_("report"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, editable=False)
    caption = models.CharField(_("description"), max_length=200, blank=True)
    file_sha256 = models.CharField(max_length=64, editable=False)
    file_type = models.CharField(_("file type"), max_length=20, editable=False)
    file_size = models.PositiveIntegerField(_("file size"), editable=False)
    faces = models.PositiveSmallIntegerField(_("faces found"), default=0, editable=False)
    face_decision = models.CharField(_("faces"), max_length=8, choices=Faces.choices,
                                     default=Faces.NONE, editable=False)
    # The unblurred, metadata-free pixels while the office has not decided; empty after.
    held_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    anchor = SENT_MEDIA

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")

    def __str__(self) -> str:
        return self.caption or self.get_kind_display()
