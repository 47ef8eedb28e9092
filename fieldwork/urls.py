from django.urls import path

from fieldwork.views import (
    activities,
    contacts,
    csv_pages,
    dashboards,
    fields,
    notes,
    organization,
    pulse,
)

app_name = "fieldwork"
urlpatterns = [
    # Per organization
    path("fieldwork/organizations/<int:pk>/", dashboards.organization_dashboard,
         name="organization_dashboard"),
    path("fieldwork/organizations/<int:pk>/mass-organizations/",
         organization.mass_organization_create, name="mass_organization_create"),
    path("fieldwork/organizations/<int:pk>/scale/", organization.scale_edit, name="scale_edit"),
    path("fieldwork/organizations/<int:pk>/settings/", organization.settings_edit,
         name="settings_edit"),
    # Per unit
    path("fieldwork/units/<int:pk>/", dashboards.unit_dashboard, name="unit_dashboard"),
    path("fieldwork/units/<int:pk>/continuity/", dashboards.continuity, name="continuity"),
    path("fieldwork/units/<int:pk>/fields/new/", fields.field_create, name="field_create"),
    path("fieldwork/units/<int:pk>/activities/new/", activities.activity_create,
         name="activity_create"),
    path("fieldwork/units/<int:pk>/contacts.csv", csv_pages.export_contacts_view,
         name="export_contacts"),
    # Per field
    path("fieldwork/fields/<int:pk>/", fields.field_detail, name="field_detail"),
    path("fieldwork/fields/<int:pk>/wall-chart/", fields.wall_chart, name="wall_chart"),
    path("fieldwork/fields/<int:pk>/edit/", fields.field_edit, name="field_edit"),
    path("fieldwork/fields/<int:pk>/priority/", fields.field_priority, name="field_priority"),
    path("fieldwork/fields/<int:pk>/parts/new/", fields.part_create, name="part_create"),
    path("fieldwork/fields/<int:pk>/contacts/new/", contacts.contact_create,
         name="contact_create"),
    path("fieldwork/fields/<int:pk>/contacts/import/", csv_pages.import_contacts_view,
         name="import_contacts"),
    path("fieldwork/fields/<int:pk>/one-to-one/", activities.one_to_one, name="one_to_one"),
    path("fieldwork/fields/<int:pk>/structure-tests/new/", pulse.structure_test_create,
         name="structure_test_create"),
    path("fieldwork/fields/<int:pk>/mood/new/", pulse.mood_create, name="mood_create"),
    path("fieldwork/fields/<int:pk>/demands/new/", pulse.demand_raise, name="demand_raise"),
    path("fieldwork/fields/<int:pk>/struggles/new/", pulse.struggle_create,
         name="struggle_create"),
    # Per person, activity, structure test
    path("fieldwork/people/<int:pk>/profile/", contacts.contact_edit, name="contact_edit"),
    path("fieldwork/people/<int:pk>/assess/", contacts.assess, name="assess"),
    path("fieldwork/people/<int:pk>/ties/new/", contacts.tie_create, name="tie_create"),
    path("fieldwork/people/<int:pk>/assessment-notes/", notes.assessment_notes,
         name="assessment_notes"),
    path("fieldwork/activities/<int:pk>/follow-up-done/", activities.follow_up_done,
         name="follow_up_done"),
    path("fieldwork/activities/<int:pk>/notes/", activities.activity_notes,
         name="activity_notes"),
    path("fieldwork/structure-tests/<int:pk>/participation/", pulse.participation,
         name="participation"),
]
