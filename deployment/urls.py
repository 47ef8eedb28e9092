from django.urls import path

from deployment.views import areas, planning, records, runs

app_name = "deployment"
urlpatterns = [
    path("units/<uuid:uid>/deployment/", planning.planning, name="planning"),
    path("units/<uuid:uid>/deployment/plan/", planning.run_start, name="run_start"),
    path("units/<uuid:uid>/deployment/teams/new/", planning.team_create, name="team_create"),
    path("deployment/plans/<uuid:uid>/", runs.run_detail, name="run_detail"),
    path("deployment/plans/<uuid:uid>/edit/", runs.run_edit, name="run_edit"),
    path("deployment/plans/<uuid:uid>/apply/", runs.run_apply, name="run_apply"),
    path("people/<uuid:uid>/capacity/", records.capacity_edit, name="capacity_edit"),
    path("people/<uuid:uid>/capacity/reveal/", records.capacity_reveal, name="capacity_reveal"),
    path("fields/<uuid:uid>/needs/", records.need_edit, name="need_edit"),
    path("deployment/organizations/<uuid:uid>/areas/", areas.areas, name="areas"),
    path("deployment/areas/<uuid:uid>/edit/", areas.area_edit, name="area_edit"),
]
