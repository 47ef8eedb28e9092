from django.urls import path

from memberreports import views

app_name = "memberreports"
urlpatterns = [
    path("campaigns/<uuid:uid>/reports/", views.campaign_reports, name="campaign_reports"),
    path("campaigns/<uuid:uid>/reports/send/", views.SendReportView.as_view(), name="send"),
    path("reports/<uuid:uid>/", views.detail, name="detail"),
    path("reports/<uuid:uid>/review/", views.review, name="review"),
    path("reports/<uuid:uid>/publish/", views.publish, name="publish"),
    path("reports/media/<uuid:uid>/", views.media_file, name="media"),
    path("reports/media/<uuid:uid>/original/", views.held_file, name="held"),
    path("reports/media/<uuid:uid>/faces/", views.faces, name="faces"),
    # The public campaign page's photos and videos (no login once published).
    path("public/reports/media/<uuid:uid>/", views.public_media, name="public_media"),
    path("public/reports/media/<uuid:uid>/small.jpg", views.public_thumbnail,
         name="public_thumbnail"),
]
