from django.urls import path

from people import merge_views, views

app_name = "people"
urlpatterns = [
    path("people/search/", views.person_search, name="person_search"),
    path("people/<uuid:uid>/", views.person_detail, name="person_detail"),
    path("people/<uuid:uid>/reveal/", views.person_reveal, name="person_reveal"),
    path("people/<uuid:uid>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:uid>/identity/", views.person_identity_edit, name="person_identity_edit"),
    path("people/<uuid:uid>/move/", views.person_move, name="person_move"),
    path("people/<uuid:uid>/delete/", views.person_delete, name="person_delete"),
    path("people/<uuid:uid>/merge/", merge_views.person_merge, name="person_merge"),
    path("units/<uuid:uid>/people/new/", views.person_create, name="person_create"),
    path("organizations/<uuid:uid>/people/lookup/", views.person_lookup, name="person_lookup"),
]
