from django.urls import path

from agitprop import views

app_name = "agitprop"
urlpatterns = [
    path("fieldwork/fields/<uuid:uid>/distribution/", views.DistributionCreateView.as_view(),
         name="distribution_create"),
    path("fieldwork/fields/<uuid:uid>/correspondence/", views.CorrespondenceCreateView.as_view(),
         name="correspondence_create"),
    path("units/<uuid:uid>/materials/", views.materials, name="materials"),
    path("units/<uuid:uid>/correspondence/", views.correspondence_list,
         name="correspondence_list"),
    path("correspondence/<uuid:uid>/send/", views.correspondence_send,
         name="correspondence_send"),
    path("periodicals/<uuid:uid>/correspondence/", views.received, name="received"),
]
