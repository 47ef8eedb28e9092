from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("units/<uuid:uid>/reviews/", views.unit_reviews, name="unit_reviews"),
    path("units/<uuid:uid>/reviews/prepare/", views.PrepareView.as_view(), name="prepare"),
    path("units/<uuid:uid>/reviews/below/", views.overview, name="overview"),
    path("reviews/<uuid:uid>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:uid>/edit/", views.ReviewEditView.as_view(), name="review_edit"),
    path("reviews/<uuid:uid>/figures/", views.review_figures, name="review_figures"),
    path("reviews/<uuid:uid>/conclude/", views.review_conclude, name="review_conclude"),
    path("reviews/<uuid:uid>/send-up/", views.review_send_up, name="review_send_up"),
    path("reviews/<uuid:uid>/findings/new/", views.FindingCreateView.as_view(),
         name="finding_create"),
    path("reviews/findings/<uuid:uid>/edit/", views.FindingEditView.as_view(),
         name="finding_edit"),
    path("reviews/findings/<uuid:uid>/measures/new/", views.MeasureCreateView.as_view(),
         name="measure_create"),
    path("reviews/measures/<uuid:uid>/edit/", views.MeasureEditView.as_view(),
         name="measure_edit"),
    path("reviews/measures/<uuid:uid>/follow-up/", views.FollowUpView.as_view(),
         name="measure_follow_up"),
]
