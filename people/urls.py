from django.urls import path

from people import merge_views, views

app_name = "people"
urlpatterns = [
    path("people/search/", views.person_search, name="person_search"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/identity/", views.person_identity_edit, name="person_identity_edit"),
    path("people/<int:pk>/move/", views.person_move, name="person_move"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("people/<int:pk>/merge/", merge_views.person_merge, name="person_merge"),
    path("units/<int:pk>/people/new/", views.person_create, name="person_create"),
    path("organizations/<int:pk>/people/lookup/", views.person_lookup, name="person_lookup"),
]
