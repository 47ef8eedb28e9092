"""Periodical pages: a periodical's profile with its editions, schedule and issues, the forms
that add to it, an issue and its file, and the continuity list of a publisher.

Every page loads its object with ``access_object`` (404 outside the scope, like a missing
record) and writes through the ``do_*`` actions (``nucleus.web.ActionFormView``).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from access.helpers import access_object, can
from nucleus.web import ActionFormView, error_text, fresh
from organizations.models import Organization
from publications import actions, drafts, files
from publications.forms import (
    EditionForm,
    IssueDraftForm,
    IssueForm,
    PeriodicalForm,
    StatusForm,
)
from publications.models import Issue, IssueDraft, Periodical
from publications.reports import (
    STOPPED,
    periodicals_continuity,
    publisher_periodicals,
    visible_unit_ids,
)

ISSUES_SHOWN = 60


def detail_url(periodical: Periodical) -> str:
    return reverse("publications:periodical_detail", kwargs={"uid": periodical.uid})


@login_required
@require_GET
def periodical_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    periodical = access_object(Periodical, user, uid, queryset=Periodical.objects.restrict(
        user).select_related("organization", "publishing_unit", "translation_of"))
    [report] = periodicals_continuity([periodical])
    visible = set(Periodical.objects.restrict(user).filter(
        pk__in=[periodical.translation_of_id, *periodical.translations.values_list(
            "pk", flat=True)]).values_list("pk", flat=True))
    issues = (Issue.objects.filter(edition__periodical=periodical)
              .select_related("edition").prefetch_related("articles")
              .order_by("-published_on", "-number")[:ISSUES_SHOWN])
    return render(request, "publications/periodical_detail.html", {
        "periodical": periodical,
        "unit_visible": periodical.publishing_unit_id in visible_unit_ids(user, [periodical]),
        "report": report,
        "history": list(periodical.status_periods.all()),
        "programme": periodical.programme_languages.all(),
        "translation_of": periodical.translation_of
        if periodical.translation_of_id in visible else None,
        "translations": [t for t in periodical.translations.all() if t.pk in visible],
        "issues": issues,
        "can_change": can(user, Periodical, periodical, "change"),
        # The editorial unit's records: only those who hold them see any.
        "drafts": IssueDraft.objects.restrict(user).filter(periodical=periodical)
        .select_related("edition"),
        "can_prepare": _may_prepare(user, periodical),
        "drafts_heading": IssueDraft._meta.verbose_name_plural,
    })


def _may_prepare(user, periodical: Periodical) -> bool:
    try:
        drafts.check_may_prepare(user, periodical)
    except ValidationError:
        return False
    return True


class _PeriodicalFormView(ActionFormView):
    """Create (on an organization) or edit a periodical; the programme languages go with it."""

    form_class = PeriodicalForm

    def organization(self) -> Organization:
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "organization": self.organization()}

    def save_programme(self, periodical: Periodical, form) -> None:
        rows = form.cleaned_data["programme"]
        if rows or periodical.programme_languages.exists():
            actions.do_set_programme_languages(acting_user=self.request.user,
                                               periodical=periodical, rows=rows)


class PeriodicalCreateView(_PeriodicalFormView):
    scoped_model = Organization
    scoped_action = "change"
    success_message = gettext_lazy("The periodical was added.")

    def organization(self) -> Organization:
        return self.object

    def get_heading(self) -> str:
        return _("New periodical · %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("publications:continuity", kwargs={"uid": self.object.uid})

    def get_form_kwargs(self):
        # The organization on the instance, so that the model's checks see the pairing.
        return {**super().get_form_kwargs(), "instance": Periodical(organization=self.object)}

    def perform(self, form) -> str:
        periodical = actions.do_create_periodical(
            acting_user=self.request.user, organization=self.object, data=form.action_data())
        self.save_programme(periodical, form)
        return detail_url(periodical)


class PeriodicalEditView(_PeriodicalFormView):
    scoped_model = Periodical
    scoped_action = "change"
    checks_version = True

    def organization(self) -> Organization:
        return self.object.organization

    def get_heading(self) -> str:
        return _("Edit %(name)s") % {"name": self.object.title}

    def get_cancel_url(self) -> str:
        return detail_url(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": fresh(self.object)}

    def perform(self, form) -> str:
        actions.do_update_periodical(acting_user=self.request.user, periodical=self.object,
                                     data=form.action_data())
        self.save_programme(self.object, form)
        return detail_url(self.object)


class _AddToPeriodical(ActionFormView):
    scoped_model = Periodical
    scoped_action = "change"

    def get_heading(self) -> str:
        return f"{self.heading} · {self.object.title}"

    def get_cancel_url(self) -> str:
        return detail_url(self.object)


class EditionAddView(_AddToPeriodical):
    form_class = EditionForm
    heading = gettext_lazy("Add an edition")
    success_message = gettext_lazy("The edition was added.")

    def perform(self, form) -> str:
        actions.do_add_edition(acting_user=self.request.user, periodical=self.object,
                               data=dict(form.cleaned_data))
        return detail_url(self.object)


class StatusAddView(_AddToPeriodical):
    form_class = StatusForm
    heading = gettext_lazy("Change status or schedule")
    success_message = gettext_lazy("The status was recorded.")

    def perform(self, form) -> str:
        actions.do_add_status(acting_user=self.request.user, periodical=self.object,
                              data=form.action_data())
        return detail_url(self.object)


class IssueAddView(_AddToPeriodical):
    form_class = IssueForm
    heading = gettext_lazy("Add an issue")
    success_message = gettext_lazy("The issue was added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "periodical": self.object}

    def perform(self, form) -> str:
        issue = actions.do_add_issue(
            acting_user=self.request.user, edition=form.cleaned_data["edition"],
            data=form.action_data(), articles=form.cleaned_data["contents"],
            upload=form.cleaned_data["file"])
        return reverse("publications:issue_detail", kwargs={"uid": issue.uid})


class DraftAddView(_AddToPeriodical):
    """A new issue in preparation: for those who may add the editorial unit's records; anyone
    else who sees the periodical is told so, and a post is refused."""

    scoped_action = "view"
    form_class = IssueDraftForm
    heading = IssueDraft._meta.verbose_name
    success_message = gettext_lazy("Saved.")

    def get_heading(self) -> str:
        return f"{capfirst(self.heading)} · {self.object.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "periodical": self.object, "instance": IssueDraft(periodical=self.object)}

    def get_notice(self) -> str:
        try:
            drafts.check_may_prepare(self.request.user, self.object)
        except ValidationError as refusal:
            return error_text(refusal)
        return ""

    def perform(self, form) -> str:
        drafts.check_may_prepare(self.request.user, self.object)
        drafts.do_create_draft(acting_user=self.request.user, periodical=self.object,
                               data=form.action_data())
        return detail_url(self.object)


class DraftEditView(ActionFormView):
    scoped_model = IssueDraft
    scoped_action = "change"
    checks_version = True
    form_class = IssueDraftForm

    def get_heading(self) -> str:
        return f"{self.object.periodical.title} · {self.object}"

    def get_cancel_url(self) -> str:
        return detail_url(self.object.periodical)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "periodical": self.object.periodical, "instance": fresh(self.object)}

    def perform(self, form) -> str:
        drafts.do_update_draft(acting_user=self.request.user, draft=self.object,
                               data=form.action_data())
        return detail_url(self.object.periodical)


@login_required
@require_POST
def draft_publish(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The publish button: the issue, or the refusal as a message and the draft unchanged."""
    draft = access_object(IssueDraft, request.user, uid, "change",
                          queryset=IssueDraft.objects.restrict(request.user, "change")
                          .select_related("periodical"))
    try:
        issue = drafts.do_publish_draft(acting_user=request.user, draft=draft)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return HttpResponseRedirect(reverse("publications:draft_edit",
                                            kwargs={"uid": draft.uid}))
    messages.success(request, _("The issue was added."))
    return HttpResponseRedirect(reverse("publications:issue_detail", kwargs={"uid": issue.uid}))


def _issue(request: HttpRequest, uid: UUID) -> Issue:
    return access_object(Issue, request.user, uid, queryset=Issue.objects.restrict(
        request.user).select_related("edition__periodical"))


@login_required
@require_GET
def issue_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    issue = _issue(request, uid)
    return render(request, "publications/issue_detail.html", {
        "issue": issue, "periodical": issue.edition.periodical,
        "articles": issue.articles.all()})


@login_required
@require_GET
def issue_file(request: HttpRequest, uid: UUID) -> HttpResponse:
    issue = _issue(request, uid)
    if not issue.has_file:
        messages.info(request, _("This issue has no file."))
        return HttpResponseRedirect(reverse("publications:issue_detail",
                                            kwargs={"uid": issue.uid}))
    content = files.read(issue.file_sha256, issue.file_type)
    response = HttpResponse(content, content_type=issue.file_type)
    # Saved, not opened in the page: the name says nothing but the issue's number.
    name = f"issue-{issue.number}.{files.EXTENSIONS[issue.file_type]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _stopped_first_context(request: HttpRequest, org: Organization) -> dict:
    rows = periodicals_continuity(publisher_periodicals(request.user, org))
    return {"org": org, "rows": rows,
            "unit_ids": visible_unit_ids(request.user, [r.periodical for r in rows]),
            "stopped": sum(1 for r in rows if r.state == STOPPED),
            "can_add": can(request.user, Organization, org, "change")}


@login_required
@require_GET
def continuity(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A publisher's periodicals, stopped and late titles first, each edition with the
    timeline of its last due dates."""
    org = access_object(Organization, request.user, uid)
    return render(request, "publications/continuity.html",
                  _stopped_first_context(request, org))
