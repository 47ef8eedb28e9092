from django.urls import path

from elections import views

app_name = "elections"
urlpatterns = [
    path("units/<uuid:uid>/elections/", views.unit_elections, name="unit_elections"),
    path("units/<uuid:uid>/elections/new/", views.ElectionCreateView.as_view(),
         name="election_create"),
    path("elections/<uuid:uid>/", views.election_detail, name="election_detail"),
    path("elections/<uuid:uid>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("elections/<uuid:uid>/appoint-sole-candidate/", views.appoint_sole,
         name="appoint_sole"),
    path("elections/<uuid:uid>/outcome/", views.OutcomeView.as_view(), name="outcome"),
    path("elections/<uuid:uid>/open-vote/", views.open_vote, name="open_vote"),
    path("elections/<uuid:uid>/close-vote/", views.close_vote, name="close_vote"),
    path("elections/<uuid:uid>/publish/", views.publish, name="publish"),
    path("elections/nominations/<uuid:uid>/accept/", views.nomination_accept,
         name="nomination_accept"),
    path("elections/nominations/<uuid:uid>/withdraw/", views.WithdrawView.as_view(),
         name="nomination_withdraw"),
]
