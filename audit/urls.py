from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("units/<uuid:uid>/audit/", views.unit_log, name="unit_log"),
]
