"""Pages of the periodic reviews: a unit's reviews, preparing one, the review itself (its
figures, the previous review's measures, findings and measures), writing findings and
measures, following measures up, and the committee's counts of the reviews below it.

Access: a review, its findings and measures are loaded with ``access_object`` — "view" for
reading (the unit's roles, roles with oversight above, and the committee directly above
once the review was sent up), "change" for everything that writes. A unit's pages load the
unit as structure; preparing a review needs the right to add records to the unit itself.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.helpers import access_object, can
from nucleus.web import ActionFormView, Done, run_step
from organizations.models import Unit
from reviews import actions, figures, queries
from reviews.forms import FindingForm, FollowUpForm, MeasureForm, ReviewForm
from reviews.models import Finding, Measure, Review


def review_url(review: Review) -> str:
    return reverse("reviews:review_detail", kwargs={"uid": review.uid})


@login_required
def unit_reviews(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    may_prepare = Unit.objects.holding_records(user, "add").filter(pk=unit.pk).exists()
    return render(request, "reviews/unit_reviews.html", {
        "unit": unit, "reviews": queries.unit_reviews(user, unit), "may_prepare": may_prepare,
        "has_units_below": Unit.objects.restrict(user).filter(parent=unit).exists()})


@login_required
def overview(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The committee's view of the reviews below it: numbers for every unit it may count,
    the texts only of reviews it may read (sent up to it, or with oversight)."""
    user = request.user
    unit = access_object(Unit, user, uid)
    total, rows = queries.counts_below(user, unit)
    return render(request, "reviews/overview.html", {
        "unit": unit, "total": total, "rows": rows,
        "readable": queries.readable_below(user, unit),
        "finding_kinds": Finding.Kind.choices, "measure_statuses": Measure.Status.choices,
        "review_statuses": Review.Status.choices})


@login_required
def review_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    review = access_object(Review, user, uid,
                           queryset=Review.objects.restrict(user).select_related("unit"))
    previous = queries.previous_review(user, review)
    return render(request, "reviews/review_detail.html", {
        "review": review, "unit": review.unit, "today": timezone.localdate(),
        "can_change": can(user, Review, review, "change"),
        "shown_figures": figures.shown(review.figures),
        "previous": previous,
        "previous_measures": queries.measures_of(user, previous) if previous else [],
        "findings": queries.findings_of(user, review),
        "parent": review.unit.parent if review.unit.parent_id else None})


class PrepareView(ActionFormView):
    """uid is the unit; only who may add records to the unit itself prepares its review."""

    form_class = ReviewForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access_object(
                Unit, request.user, kwargs.get("uid"),
                queryset=Unit.objects.holding_records(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_heading(self) -> str:
        return _("Prepare a review of %(unit)s") % {"unit": self.object.name}

    def get_notice(self) -> str:
        return _("The figures of the period are computed from the unit's records when you "
                 "prepare the review, and shown with it.")

    def get_cancel_url(self) -> str:
        return reverse("reviews:unit_reviews", kwargs={"uid": self.object.uid})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit=_("Prepare a review"), **kwargs)

    def perform(self, form: ReviewForm) -> Done:
        review = actions.do_prepare_review(acting_user=self.request.user, unit=self.object,
                                           data=form.data_for_action())
        return Done(review_url(review), _("The review is prepared: write its findings."))


class _ReviewPart(ActionFormView):
    scoped_action = "change"

    def review(self) -> Review:
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        return review_url(self.review())


class ReviewEditView(_ReviewPart):
    form_class = ReviewForm
    scoped_model = Review
    checks_version = True

    def review(self) -> Review:
        return self.object

    def get_heading(self) -> str:
        return _("Edit the review")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "review": self.object}

    def perform(self, form: ReviewForm) -> str:
        actions.do_update_review(acting_user=self.request.user, review=self.object,
                                 data=form.data_for_action())
        return review_url(self.object)


class FindingCreateView(_ReviewPart):
    form_class = FindingForm
    scoped_model = Review

    def review(self) -> Review:
        return self.object

    def get_heading(self) -> str:
        return _("Add a finding")

    def perform(self, form: FindingForm) -> str:
        actions.do_add_finding(acting_user=self.request.user, review=self.object,
                               data=form.cleaned_data)
        return review_url(self.object)


class FindingEditView(_ReviewPart):
    form_class = FindingForm
    scoped_model = Finding
    checks_version = True

    def review(self) -> Review:
        return self.object.review

    def get_heading(self) -> str:
        return _("Edit the finding")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "finding": self.object}

    def perform(self, form: FindingForm) -> str:
        actions.do_update_finding(acting_user=self.request.user, finding=self.object,
                                  data=form.cleaned_data)
        return review_url(self.object.review)


class MeasureCreateView(_ReviewPart):
    form_class = MeasureForm
    scoped_model = Finding

    def review(self) -> Review:
        return self.object.review

    def get_heading(self) -> str:
        return _("Add a measure")

    def get_notice(self) -> str:
        return self.object.text

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "review": self.object.review}

    def perform(self, form: MeasureForm) -> str:
        actions.do_add_measure(acting_user=self.request.user, finding=self.object,
                               data=form.cleaned_data)
        return review_url(self.object.review)


class MeasureEditView(_ReviewPart):
    form_class = MeasureForm
    scoped_model = Measure
    checks_version = True

    def review(self) -> Review:
        return self.object.finding.review

    def get_heading(self) -> str:
        return _("Edit the measure")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "review": self.review(), "measure": self.object}

    def perform(self, form: MeasureForm) -> str:
        actions.do_update_measure(acting_user=self.request.user, measure=self.object,
                                  data=form.cleaned_data)
        return review_url(self.review())


class FollowUpView(_ReviewPart):
    """Whether a measure was carried out: at any time, also after the review was sent up."""

    form_class = FollowUpForm
    scoped_model = Measure
    checks_version = True

    def review(self) -> Review:
        return self.object.finding.review

    def get_heading(self) -> str:
        return _("Follow up")

    def get_notice(self) -> str:
        return self.object.text

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "measure": self.object}

    def perform(self, form: FollowUpForm) -> str:
        actions.do_follow_up_measure(acting_user=self.request.user, measure=self.object,
                                     status=form.cleaned_data["status"],
                                     on=form.cleaned_data["status_on"])
        return review_url(self.review())


def _review_step(request: HttpRequest, uid: UUID, step: Any, done: str) -> HttpResponse:
    """A button on the review page: run the step, say what came of it, go back."""
    review = access_object(Review, request.user, uid, "change")
    return run_step(request, step, done, review_url(review), review=review)


@login_required
@require_POST
def review_figures(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _review_step(request, uid, actions.do_prepare_figures_again,
                        _("The figures were computed again."))


@login_required
@require_POST
def review_conclude(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _review_step(request, uid, actions.do_conclude_review,
                        _("The review is concluded. Follow its measures up."))


@login_required
@require_POST
def review_send_up(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _review_step(request, uid, actions.do_send_up_review,
                        _("The review was sent up to the committee above."))
