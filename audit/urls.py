from django.urls import path

from audit import views

app_name = "audit"
urlpatterns = [
    path("units/<int:pk>/audit/", views.unit_log, name="unit_log"),
]
