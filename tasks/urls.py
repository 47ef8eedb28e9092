from django.urls import path

from tasks import views

app_name = "tasks"
urlpatterns = [
    path("units/<uuid:uid>/tasks/", views.unit_tasks, name="unit_tasks"),
    path("units/<uuid:uid>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/<uuid:uid>/", views.task_edit, name="task_edit"),
    path("tasks/<uuid:uid>/done/", views.task_complete, name="task_complete"),
    path("units/<uuid:uid>/assignments/", views.assignments, name="assignments"),
    path("units/<uuid:uid>/assignments/new/", views.assignment_create,
         name="assignment_create"),
    path("assignments/<uuid:uid>/", views.assignment_detail, name="assignment_detail"),
    path("notifications/", views.notifications, name="notifications"),
]
