"""Pages of member reports: sending one to a campaign, the campaign's reports, a report with
its photos and videos, and the office's review, face decisions and publishing.

Objects load through ``access_object`` (404 outside the scope, like a missing record); the
office's forms need ``change`` on the report, which only the coalition's office has."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from access.helpers import access_object, can
from campaigns.models import Campaign
from jobs.models import Job
from jobs.views import REFRESH_S
from memberreports import actions, media, tasks
from memberreports.forms import ReportForm, ReviewForm
from memberreports.models import ReportMedia, SentReport
from nucleus.web import ActionFormView, bound, error_text, run_form


def _detail_url(report: SentReport) -> str:
    return reverse("memberreports:detail", kwargs={"uid": report.uid})


class SendReportView(ActionFormView):
    scoped_model = Campaign
    form_class = ReportForm
    success_message = gettext_lazy("The report was sent to the coalition's office.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "campaign": self.object}

    def get_heading(self) -> str:
        return _("Report for %(campaign)s") % {"campaign": self.object.title}

    def get_notice(self) -> str:
        if not self.get_form().fields["organization"].queryset.exists():  # type: ignore[attr-defined]
            return _("You do not act for a member organization of this coalition, so you "
                     "cannot send a report.")
        return ""

    def get_cancel_url(self) -> str:
        return reverse("memberreports:campaign_reports", kwargs={"uid": self.object.uid})

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit=pgettext_lazy("button", "Send"), **kwargs)

    def perform(self, form) -> str:
        data = form.cleaned_data
        uploads = [actions.Upload(upload.read()) for upload in data["uploads"]]
        report = actions.do_send_report(
            acting_user=self.request.user, organization=data["organization"],
            campaign=self.object, component=data["component"],
            data={name: data[name] for name in actions.REPORT_FIELDS}, uploads=uploads)
        return _detail_url(report)


@login_required
@require_GET
def campaign_reports(request: HttpRequest, uid: UUID) -> HttpResponse:
    campaign = access_object(Campaign, request.user, uid)
    reports = (SentReport.objects.restrict(request.user, "view").filter(campaign=campaign)
               .select_related("organization", "component"))
    return render(request, "memberreports/campaign_reports.html", {
        "campaign": campaign, "reports": reports})


@login_required
@require_GET
def detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    report = access_object(SentReport, request.user, uid)
    office = can(request.user, SentReport, report, "change")
    # The job of its photos and videos, for whoever sees it (its unit's roles): progress
    # while they are processed, then why they are missing. The office only sees the state.
    job = None
    if report.media_state != SentReport.MediaState.READY:
        job = (Job.objects.restrict(request.user, "view")
               .filter(kind=tasks.KIND, subject_uid=report.uid).order_by("-created_at").first())
    return render(request, "memberreports/detail.html", {
        "report": report, "items": report.media.all(), "office": office, "job": job,
        "refresh_s": REFRESH_S,
        "review_form": ReviewForm(user=request.user) if office else None})


@login_required
@require_POST
def review(request: HttpRequest, uid: UUID) -> HttpResponse:
    report = access_object(SentReport, request.user, uid, "change")
    form = ReviewForm(bound(request), user=request.user)

    def perform() -> str:
        actions.do_review_report(acting_user=request.user, report=report,
                                 status=form.cleaned_data["status"],
                                 note=form.cleaned_data["note"])
        return _detail_url(report)

    done = run_form(request, form, perform, _("The review was saved."))
    if done is None:
        messages.error(request, _("The review was not saved: %(errors)s") % {
            "errors": " ".join(str(e) for errors in form.errors.values() for e in errors)})
        return HttpResponseRedirect(_detail_url(report))
    return done


@login_required
@require_POST
def publish(request: HttpRequest, uid: UUID) -> HttpResponse:
    report = access_object(SentReport, request.user, uid, "change")
    wanted = request.POST.get("published") != "0"
    try:
        actions.do_set_report_published(acting_user=request.user, report=report,
                                        published=wanted)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The report was published.") if wanted
                         else _("The report was taken down."))
    return HttpResponseRedirect(_detail_url(report))


@login_required
@require_POST
def faces(request: HttpRequest, uid: UUID) -> HttpResponse:
    item = access_object(ReportMedia, request.user, uid, "change")
    keep = request.POST.get("keep") == "1"
    try:
        actions.do_decide_faces(acting_user=request.user, item=item, keep=keep)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The faces are kept in this photo.") if keep
                         else _("The faces stay blurred in this photo."))
    return HttpResponseRedirect(_detail_url(item.report))


def _file_response(content: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def media_file(request: HttpRequest, uid: UUID) -> HttpResponse:
    item = access_object(ReportMedia, request.user, uid)
    return _file_response(media.read(item.file_sha256, item.file_type), item.file_type)


@login_required
@require_GET
def held_file(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The unblurred photo, for the office deciding on its faces; once decided it is gone,
    and the photo as shown is all there is."""
    item = access_object(ReportMedia, request.user, uid, "change")
    if not item.held_sha256:
        return HttpResponseRedirect(reverse("memberreports:media", kwargs={"uid": item.uid}))
    return _file_response(media.read(item.held_sha256, item.file_type, held=True),
                          item.file_type)


def _public_item(request: HttpRequest, uid: UUID) -> ReportMedia:
    """A published report's photo or video of a published campaign for anyone; else only for
    those who see it in the app (the office, the sender, once published the members)."""
    found = ReportMedia.objects.filter(uid=uid).select_related("report__campaign").first()
    if found is None:
        raise Http404
    public = found.report.published and found.report.campaign.is_published
    if not public and not (request.user.is_authenticated and ReportMedia.objects.restrict(
            request.user).filter(pk=found.pk).exists()):
        raise Http404
    return found


@require_GET
def public_thumbnail(request: HttpRequest, uid: UUID) -> HttpResponse:
    item = _public_item(request, uid)
    if item.kind != ReportMedia.Kind.PHOTO:
        raise Http404
    response = _file_response(media.thumbnail(media.read(item.file_sha256, item.file_type)),
                              "image/jpeg")
    return response


@require_GET
def public_media(request: HttpRequest, uid: UUID) -> HttpResponse:
    item = _public_item(request, uid)
    return _file_response(media.read(item.file_sha256, item.file_type), item.file_type)
