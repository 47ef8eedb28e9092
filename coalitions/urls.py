from django.urls import path

from coalitions import views, views_forms

app_name = "coalitions"
urlpatterns = [
    path("coalition-resolutions/", views.resolution_list, name="resolution_list"),
    path("coalition-resolutions/<uuid:uid>/", views.resolution_detail, name="resolution_detail"),
    path("coalition-resolutions/<uuid:uid>/take-up/", views.take_up, name="take_up"),
    path("coalition-resolutions/<uuid:uid>/close/", views.close, name="close"),
    path("coalition-resolutions/<uuid:uid>/texts/new/", views_forms.TextView.as_view(),
         name="add_text"),
    path("coalition-resolutions/<uuid:uid>/circulate/", views_forms.CirculateView.as_view(),
         name="circulate"),
    path("coalition-resolutions/<uuid:uid>/answer/", views_forms.AnswerView.as_view(),
         name="answer"),
    path("coalition-resolutions/<uuid:uid>/answer-received/",
         views_forms.WrittenAnswerView.as_view(),
         name="written_answer"),
    path("coalition-resolutions/<uuid:uid>/sign/", views_forms.SignView.as_view(), name="sign"),
    path("coalitions/<uuid:uid>/resolutions/new/", views_forms.DraftView.as_view(),
         name="draft"),
    path("coalitions/<uuid:uid>/resolutions/propose/", views_forms.ProposeView.as_view(),
         name="propose"),
    path("coalitions/<uuid:uid>/proposal-drafts/", views.proposal_drafts,
         name="proposal_drafts"),
    path("proposal-drafts/<uuid:uid>/", views.proposal_draft, name="proposal_draft"),
    path("proposal-drafts/<uuid:uid>/edit/", views_forms.DraftEditView.as_view(),
         name="proposal_draft_edit"),
    path("proposal-drafts/<uuid:uid>/send/", views_forms.DraftSendView.as_view(),
         name="proposal_draft_send"),
    path("coalitions/<uuid:uid>/adoption-rule/", views_forms.AdoptionRuleView.as_view(),
         name="adoption_rule"),
    path("coalitions/<uuid:uid>/signatories/import/", views.signatory_import,
         name="signatory_import"),
    path("coalitions/<uuid:uid>/office-dashboard/", views.office_dashboard, name="dashboard"),
]
