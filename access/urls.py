from django.urls import path

from access import views

app_name = "access"
urlpatterns = [
    path("units/<uuid:uid>/roles/", views.role_grant, name="role_grant"),
    path("roles/<uuid:uid>/revoke/", views.role_revoke, name="role_revoke"),
]
