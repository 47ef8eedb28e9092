from django.urls import path

from access import views

app_name = "access"
urlpatterns = [
    path("units/<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
]
