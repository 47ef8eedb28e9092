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
    path("fieldwork/organizations/<uuid:uid>/", dashboards.organization_dashboard,
         name="organization_dashboard"),
    path("fieldwork/organizations/<uuid:uid>/mass-organizations/",
         organization.mass_organization_create, name="mass_organization_create"),
    path("fieldwork/organizations/<uuid:uid>/scale/", organization.scale_edit, name="scale_edit"),
    path("fieldwork/organizations/<uuid:uid>/settings/", organization.settings_edit,
         name="settings_edit"),
    # Per unit
    path("fieldwork/units/<uuid:uid>/", dashboards.unit_dashboard, name="unit_dashboard"),
    path("fieldwork/units/<uuid:uid>/continuity/", dashboards.continuity, name="continuity"),
    path("fieldwork/units/<uuid:uid>/fields/new/", fields.field_create, name="field_create"),
    path("fieldwork/units/<uuid:uid>/activities/new/", activities.activity_create,
         name="activity_create"),
    path("fieldwork/units/<uuid:uid>/contacts.csv", csv_pages.export_contacts_view,
         name="export_contacts"),
    # Per field
    path("fieldwork/fields/<uuid:uid>/", fields.field_detail, name="field_detail"),
    path("fieldwork/fields/<uuid:uid>/wall-chart/", fields.wall_chart, name="wall_chart"),
    path("fieldwork/fields/<uuid:uid>/edit/", fields.field_edit, name="field_edit"),
    path("fieldwork/fields/<uuid:uid>/priority/", fields.field_priority, name="field_priority"),
    path("fieldwork/fields/<uuid:uid>/parts/new/", fields.part_create, name="part_create"),
    path("fieldwork/fields/<uuid:uid>/contacts/new/", contacts.contact_create,
         name="contact_create"),
    path("fieldwork/fields/<uuid:uid>/contacts/import/", csv_pages.import_contacts_view,
         name="import_contacts"),
    path("fieldwork/fields/<uuid:uid>/one-to-one/", activities.one_to_one, name="one_to_one"),
    path("fieldwork/fields/<uuid:uid>/structure-tests/new/", pulse.structure_test_create,
         name="structure_test_create"),
    path("fieldwork/fields/<uuid:uid>/mood/new/", pulse.mood_create, name="mood_create"),
    path("fieldwork/fields/<uuid:uid>/demands/new/", pulse.demand_raise, name="demand_raise"),
    path("fieldwork/fields/<uuid:uid>/struggles/new/", pulse.struggle_create,
         name="struggle_create"),
    # Per person, activity, structure test
    path("fieldwork/people/<uuid:uid>/profile/", contacts.contact_edit, name="contact_edit"),
    path("fieldwork/people/<uuid:uid>/assess/", contacts.assess, name="assess"),
    path("fieldwork/people/<uuid:uid>/ties/new/", contacts.tie_create, name="tie_create"),
    path("fieldwork/people/<uuid:uid>/assessment-notes/", notes.assessment_notes,
         name="assessment_notes"),
    path("fieldwork/activities/<uuid:uid>/follow-up-done/", activities.follow_up_done,
         name="follow_up_done"),
    path("fieldwork/activities/<uuid:uid>/notes/", activities.activity_notes,
         name="activity_notes"),
    path("fieldwork/structure-tests/<uuid:uid>/participation/", pulse.participation,
         name="participation"),
]
