from django.urls import path

from ballots import views

app_name = "ballots"
urlpatterns = [
    path("units/<uuid:uid>/ballots/", views.unit_boxes, name="unit_boxes"),
    path("units/<uuid:uid>/ballots/open/", views.OpenBoxView.as_view(), name="open_box"),
    path("ballots/<uuid:uid>/", views.box_detail, name="box"),
    path("ballots/<uuid:uid>/cast/", views.cast, name="cast"),
    path("ballots/<uuid:uid>/close/", views.CloseBoxView.as_view(), name="close"),
    path("ballots/<uuid:uid>/paper/", views.paper_first, name="paper_first"),
    path("motions/<uuid:uid>/ballot/", views.MotionBallotView.as_view(), name="motion_ballot"),
    path("paper-counts/<uuid:uid>/", views.paper_second, name="paper_second"),
]
