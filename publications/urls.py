from django.urls import path

from publications import views

app_name = "publications"
urlpatterns = [
    path("organizations/<uuid:uid>/periodicals/", views.continuity, name="continuity"),
    path("organizations/<uuid:uid>/periodicals/new/", views.PeriodicalCreateView.as_view(),
         name="periodical_create"),
    path("periodicals/<uuid:uid>/", views.periodical_detail, name="periodical_detail"),
    path("periodicals/<uuid:uid>/edit/", views.PeriodicalEditView.as_view(),
         name="periodical_edit"),
    path("periodicals/<uuid:uid>/editions/new/", views.EditionAddView.as_view(),
         name="edition_add"),
    path("periodicals/<uuid:uid>/status/new/", views.StatusAddView.as_view(),
         name="status_add"),
    path("periodicals/<uuid:uid>/issues/new/", views.IssueAddView.as_view(), name="issue_add"),
    path("periodicals/<uuid:uid>/drafts/new/", views.DraftAddView.as_view(),
         name="draft_add"),
    path("drafts/<uuid:uid>/", views.DraftEditView.as_view(), name="draft_edit"),
    path("drafts/<uuid:uid>/publish/", views.draft_publish, name="draft_publish"),
    path("issues/<uuid:uid>/", views.issue_detail, name="issue_detail"),
    path("issues/<uuid:uid>/file/", views.issue_file, name="issue_file"),
]
