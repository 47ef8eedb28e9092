from django.urls import path

from backups import views

app_name = "backups"
urlpatterns = [
    path("system/units/<uuid:uid>/", views.system_work, name="system_work"),
    path("system/units/<uuid:uid>/backup/", views.start_backup, name="start_backup"),
    path("system/units/<uuid:uid>/key-rotation/", views.start_key_rotation,
         name="start_key_rotation"),
]
