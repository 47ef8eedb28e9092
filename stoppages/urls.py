from django.urls import path

from stoppages import views

app_name = "stoppages"
urlpatterns = [
    path("fieldwork/fields/<uuid:uid>/stop/ask/", views.ask, name="ask"),
    path("fieldwork/fields/<uuid:uid>/stop/reason/", views.reason, name="reason"),
]
