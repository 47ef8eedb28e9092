from django.urls import path

from alliances import views

app_name = "alliances"
urlpatterns = [
    path("units/<uuid:uid>/circles/", views.circles, name="circles"),
    path("circles/<uuid:uid>/", views.circle, name="circle"),
    path("circles/<uuid:uid>/criterion/", views.CriterionAddView.as_view(),
         name="criterion_add"),
    path("circles/<uuid:uid>/classify/", views.ClassifyView.as_view(), name="classify"),
    path("classifications/<uuid:uid>/", views.history, name="history"),
    path("classifications/<uuid:uid>/end/", views.EndClassificationView.as_view(),
         name="classification_end"),
    path("organizations/<uuid:uid>/splits/", views.organization_splits, name="splits"),
    path("organizations/<uuid:uid>/splits/record/", views.SplitRecordView.as_view(),
         name="split_record"),
    path("splits/<uuid:uid>/", views.split, name="split"),
]
