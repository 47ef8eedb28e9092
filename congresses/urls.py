from django.urls import path

from congresses import views

app_name = "congresses"
urlpatterns = [
    path("units/<uuid:uid>/congresses/", views.unit_congresses, name="unit_congresses"),
    path("units/<uuid:uid>/congresses/new/", views.CongressCreateView.as_view(),
         name="congress_create"),
    path("units/<uuid:uid>/mandates/new/", views.MandateCreateView.as_view(),
         name="mandate_create"),
    path("units/<uuid:uid>/composition/", views.unit_composition, name="unit_composition"),
    path("units/<uuid:uid>/class-positions/", views.class_positions, name="class_positions"),
    path("class-positions/<uuid:uid>/edit/", views.ClassPositionEditView.as_view(),
         name="class_position_edit"),
    path("congresses/<uuid:uid>/", views.congress_detail, name="congress_detail"),
    path("congresses/<uuid:uid>/edit/", views.CongressEditView.as_view(), name="congress_edit"),
    path("congresses/<uuid:uid>/key/", views.KeyView.as_view(), name="key_edit"),
    path("credentials/<uuid:uid>/", views.credential, name="credential"),
]
