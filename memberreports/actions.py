"""Writes of member reports: sending (by a user acting for a member organization), the
office's review, its face decisions and publishing.

Sending checks the files' sizes, count and types (by their first bytes) before anything is
written: a file refused there refuses the report. Their processing (``media.process``) is the
report's job (``memberreports/tasks.py``), which attaches them all at its end
(``do_attach_report_media``) or none (``do_drop_report_media``); meanwhile the report is
being processed and can be neither reviewed nor published. The unit keeps its own record of
the report (``MemberReport``); the coalition receives a separate ``SentReport`` that names the
organization only. The sending's audit row is the unit's; the copy's rows name no actor, so
the coalition's log does not say who sent it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from audit.log import record, snapshot
from campaigns.models import Campaign, Component
from memberreports import media
from memberreports.models import MemberReport, ReportMedia, SentReport
from memberreports.rights import is_sending_member, organizations_acting_for, writing_unit
from organizations.models import Organization

REPORT_FIELDS = ("text", "date", "city", "country", "signed_as")


@dataclass(frozen=True)
class Upload:
    content: bytes
    caption: str = ""


@transaction.atomic
def do_send_report(*, acting_user: Any, organization: Organization, campaign: Campaign,
                   component: Component | None, data: dict[str, Any],
                   uploads: Sequence[Upload] = ()) -> SentReport:
    if acting_user is not None and not organizations_acting_for(acting_user).filter(
            pk=organization.pk).exists():
        raise PermissionDenied
    if not is_sending_member(organization, campaign.coalition):
        raise ValidationError(_("Only the coalition's member organizations can send reports "
                                "to its campaigns."), code="not_a_member")
    if component is not None and component.campaign_id != campaign.pk:
        raise ValidationError({"component": _("That component is not this campaign's.")})
    fields = {name: data.get(name, "") for name in REPORT_FIELDS}
    media.check_limits([len(upload.content) for upload in uploads])
    for upload in uploads:
        media.check_type(upload.content[:16])

    own = MemberReport(unit=writing_unit(acting_user, organization), campaign=campaign,
                       component=component, sent_at=timezone.now(), **fields)
    own.full_clean()
    sent = SentReport(campaign=campaign, component=component, organization=organization,
                      media_state=(SentReport.MediaState.PROCESSING if uploads
                                   else SentReport.MediaState.READY), **fields)
    sent.full_clean()
    # The copy hangs on the coalition, beyond the sender's database wall: written under the
    # system scope, this insert, its media and their audit rows only.
    with dbwall.system_scope():
        sent.save()
        record(actor=None, action="create", obj=sent)
    own.sent_copy = sent
    own.save()
    record(actor=acting_user, action="create", obj=own)
    if uploads:
        from memberreports import tasks  # the job kind's module imports these actions

        tasks.enqueue_media(acting_user=acting_user, report=sent, unit=own.unit,
                            uploads=uploads)
        sent.refresh_from_db()  # the immediate backend (tests) has run the job already
    return sent


@transaction.atomic
def do_attach_report_media(*, acting_user: Any, report: SentReport,
                           processed: Sequence[tuple[media.Processed, str]]) -> SentReport:
    """The end of a report's job: all its files, made safe, and the report ready. A report
    no longer being processed (a run again after this one committed, or given up) gets
    nothing. Like the sending, the copy's rows name no actor."""
    del acting_user  # the job's starter, for the signature of every action; never named
    with dbwall.system_scope():
        report = SentReport.objects.select_for_update().get(pk=report.pk)
        if not report.media_processing:
            return report
        before = snapshot(report)
        for item, caption in processed:
            _add_media(report, item, caption)
        report.media_state = SentReport.MediaState.READY
        report.save()
        record(actor=None, action="update", obj=report, before=before)
    return report


@transaction.atomic
def do_drop_report_media(*, acting_user: Any, report: SentReport) -> SentReport:
    """A report whose files were refused, cancelled or given up stays, without any of them:
    its text was sent, and the organization's own record says it was."""
    del acting_user  # as in do_attach_report_media
    with dbwall.system_scope():
        report = SentReport.objects.select_for_update().get(pk=report.pk)
        if not report.media_processing:
            return report
        before = snapshot(report)
        report.media_state = SentReport.MediaState.FAILED
        report.save()
        record(actor=None, action="update", obj=report, before=before)
    return report


def _not_while_processing(report: SentReport) -> None:
    if report.media_processing:
        raise ValidationError(_("The photos and videos of this report are still being "
                                "processed."), code="processing")


def _add_media(report: SentReport, item: media.Processed, caption: str) -> ReportMedia:
    held = ""
    if item.held is not None:
        held = media.store(item.held, item.content_type, held=True)
    row = ReportMedia(report=report, kind=item.kind, caption=caption[:200],
                      file_sha256=media.store(item.content, item.content_type),
                      file_type=item.content_type, file_size=len(item.content),
                      faces=item.faces, held_sha256=held,
                      face_decision=(ReportMedia.Faces.PENDING if item.faces
                                     else ReportMedia.Faces.NONE))
    row.full_clean()
    row.save()
    record(actor=None, action="create", obj=row)
    return row


@transaction.atomic
def do_review_report(*, acting_user: Any, report: SentReport, status: str,
                     note: str = "") -> SentReport:
    """Accept, ask for changes (a note back to the organization is needed) or reject."""
    report = SentReport.objects.select_for_update().get(pk=report.pk)
    if status not in (SentReport.Status.ACCEPTED, SentReport.Status.CHANGES,
                      SentReport.Status.REJECTED):
        raise ValidationError(_("Choose accept, ask for changes or reject."), code="status")
    _not_while_processing(report)
    if report.is_published:
        raise ValidationError(_("A published report is taken down before it is reviewed "
                                "again."), code="published")
    note = note.strip()
    if status == SentReport.Status.CHANGES and not note:
        raise ValidationError({"note": _("Say what should change.")})
    before = snapshot(report)
    report.status, report.office_note, report.reviewed_at = status, note, timezone.now()
    report.save()
    record(actor=acting_user, action="update", obj=report, before=before)
    return report


@transaction.atomic
def do_set_report_published(*, acting_user: Any, report: SentReport,
                            published: bool) -> SentReport:
    """Publish an accepted report (or take it down). Faces the office has not decided on
    stay blurred for good: their unblurred pixels are deleted."""
    report = SentReport.objects.select_for_update().get(pk=report.pk)
    if published == report.is_published:
        return report
    _not_while_processing(report)
    if published and report.status != SentReport.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted report can be published."),
                              code="not_accepted")
    if published:
        for item in report.media.filter(face_decision=ReportMedia.Faces.PENDING):
            _decide(acting_user, item, keep=False)
    before = snapshot(report)
    report.published = published
    report.published_at = timezone.now() if published else None
    report.save()
    record(actor=acting_user, action="update", obj=report, before=before)
    return report


@transaction.atomic
def do_decide_faces(*, acting_user: Any, item: ReportMedia, keep: bool) -> ReportMedia:
    """The office's choice for a photo with faces: keep them (the unblurred file becomes the
    one shown) or keep them blurred. Either way the held file goes, and the choice is in the
    audit log."""
    item = ReportMedia.objects.select_for_update().get(pk=item.pk)
    if item.face_decision != ReportMedia.Faces.PENDING:
        raise ValidationError(_("The faces of this photo were already decided on."),
                              code="decided")
    return _decide(acting_user, item, keep=keep)


def _decide(acting_user: Any, item: ReportMedia, *, keep: bool) -> ReportMedia:
    before = snapshot(item)
    held = item.held_sha256
    if keep:
        item.file_sha256 = media.store(media.read(held, item.file_type, held=True),
                                       item.file_type)
        item.file_size = media.path_of(item.file_sha256, item.file_type).stat().st_size
    item.face_decision = ReportMedia.Faces.KEPT if keep else ReportMedia.Faces.BLURRED
    item.held_sha256 = ""
    item.save()
    record(actor=acting_user, action="update", obj=item, before=before)
    if held:
        transaction.on_commit(lambda: media.discard_held(held, item.file_type))
    return item
