from django.urls import path

from deployment.views import planning, records, runs

app_name = "deployment"
urlpatterns = [
    path("units/<int:pk>/deployment/", planning.planning, name="planning"),
    path("units/<int:pk>/deployment/plan/", planning.run_start, name="run_start"),
    path("units/<int:pk>/deployment/teams/new/", planning.team_create, name="team_create"),
    path("deployment/plans/<int:pk>/", runs.run_detail, name="run_detail"),
    path("deployment/plans/<int:pk>/edit/", runs.run_edit, name="run_edit"),
    path("deployment/plans/<int:pk>/apply/", runs.run_apply, name="run_apply"),
    path("people/<int:pk>/capacity/", records.capacity_edit, name="capacity_edit"),
    path("people/<int:pk>/capacity/reveal/", records.capacity_reveal, name="capacity_reveal"),
    path("fields/<int:pk>/needs/", records.need_edit, name="need_edit"),
]
