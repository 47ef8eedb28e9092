"""The REST API under /api/: included without a namespace, so names are ``unit-list`` ..."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

import nucleus.api_schema  # noqa: F401  (registers the token scheme with drf-spectacular)
from access.feed import ChangeFeedView
from agitprop.api import (
    CorrespondenceViewSet,
    DistributionViewSet,
    MaterialViewSet,
    ReceivedCorrespondenceViewSet,
)
from alliances.api import CircleViewSet, ClassificationViewSet, CriterionViewSet
from ballots.api import BallotBoxViewSet, PaperCountViewSet
from campaigns.api import (
    AnnouncementViewSet,
    CampaignMaterialViewSet,
    CampaignViewSet,
    ComponentViewSet,
    UptakeViewSet,
)
from coalitions.api import (
    AnswerViewSet,
    CirculationViewSet,
    CoalitionResolutionViewSet,
    ProposalDraftViewSet,
    ResolutionTextViewSet,
    SignatoryViewSet,
)
from congresses.api import ClassPositionViewSet, CongressViewSet, DelegateViewSet, MandateViewSet
from elections.api import ElectionViewSet, NominationViewSet, OfficeTermViewSet
from fieldwork.api import ContactProfileViewSet
from jobs.api import JobViewSet
from memberreports.api import MemberReportViewSet, ReportMediaViewSet
from organizations.api import CoalitionViewSet, OrganizationViewSet, UnitViewSet
from organs.api import (
    DecisionViewSet,
    MeetingViewSet,
    MotionViewSet,
    PublishedResolutionViewSet,
    ResolutionViewSet,
)
from people.api import PersonViewSet
from publications.api import IssueViewSet, PeriodicalViewSet
from reviews.api import FindingViewSet, MeasureViewSet, ReviewViewSet
from tasks.api import AssignmentViewSet, NotificationViewSet, TaskViewSet

router = DefaultRouter()
# Every URL takes at most one key, here the record's `uid` (viewsets look records up by uid:
# integer ids would tell install-wide counts); no `.json` suffix variants.
router.include_format_suffixes = False
router.register("coalitions", CoalitionViewSet, basename="coalition")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")
router.register("periodicals", PeriodicalViewSet, basename="periodical")
router.register("issues", IssueViewSet, basename="issue")
router.register("reviews", ReviewViewSet, basename="review")
router.register("tasks", TaskViewSet, basename="task")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("jobs", JobViewSet, basename="job")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("congresses", CongressViewSet, basename="congress")
router.register("delegates", DelegateViewSet, basename="delegate")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("class-positions", ClassPositionViewSet, basename="class-position")
router.register("review-findings", FindingViewSet, basename="review-finding")
router.register("review-measures", MeasureViewSet, basename="review-measure")
router.register("materials", MaterialViewSet, basename="material")
router.register("distributions", DistributionViewSet, basename="distribution")
router.register("correspondence", CorrespondenceViewSet, basename="correspondence")
router.register("received-correspondence", ReceivedCorrespondenceViewSet,
                basename="received-correspondence")
router.register("elections", ElectionViewSet, basename="election")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("office-terms", OfficeTermViewSet, basename="office-term")
router.register("ballot-boxes", BallotBoxViewSet, basename="ballot-box")
router.register("paper-counts", PaperCountViewSet, basename="paper-count")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("motions", MotionViewSet, basename="motion")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("published-resolutions", PublishedResolutionViewSet,
                basename="published-resolution")
router.register("circles", CircleViewSet, basename="circle")
router.register("circle-criteria", CriterionViewSet, basename="circle-criterion")
router.register("classifications", ClassificationViewSet, basename="classification")
router.register("coalition-resolutions", CoalitionResolutionViewSet,
                basename="coalition-resolution")
router.register("resolution-texts", ResolutionTextViewSet, basename="resolution-text")
router.register("circulations", CirculationViewSet, basename="circulation")
router.register("answers", AnswerViewSet, basename="answer")
router.register("signatories", SignatoryViewSet, basename="signatory")
router.register("proposal-drafts", ProposalDraftViewSet, basename="proposal-draft")
router.register("member-reports", MemberReportViewSet, basename="member-report")
router.register("report-media", ReportMediaViewSet, basename="report-media")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("campaign-components", ComponentViewSet, basename="campaign-component")
router.register("campaign-materials", CampaignMaterialViewSet, basename="campaign-material")
router.register("campaign-uptakes", UptakeViewSet, basename="campaign-uptake")
router.register("campaign-actions", AnnouncementViewSet, basename="campaign-action")
router.register("contact-profiles", ContactProfileViewSet, basename="contact-profile")

urlpatterns = [
    # The schema describes the API, not data, but the API as a whole is for logged-in users.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
         name="api-schema"),
    path("changes/", ChangeFeedView.as_view(), name="api-changes"),
    path("", include(router.urls)),
]
