from django.urls import path

from campaigns import views, views_sent

app_name = "campaigns"
urlpatterns = [
    path("coalitions/<uuid:uid>/campaigns/", views.coalition_campaigns,
         name="coalition_campaigns"),
    path("coalitions/<uuid:uid>/campaigns/new/", views.CampaignCreateView.as_view(),
         name="create"),
    path("campaigns/<uuid:uid>/", views.detail, name="detail"),
    path("campaigns/<uuid:uid>/edit/", views.CampaignEditView.as_view(), name="edit"),
    path("campaigns/<uuid:uid>/publish/", views.publish, name="publish"),
    path("campaigns/<uuid:uid>/components/new/", views.ComponentAddView.as_view(),
         name="component_add"),
    path("campaigns/<uuid:uid>/day-of-action/", views.DayOfActionView.as_view(),
         name="day_of_action"),
    path("campaigns/<uuid:uid>/materials/new/", views.MaterialAddView.as_view(),
         name="material_add"),
    path("campaign-materials/<uuid:uid>/public/", views.material_public,
         name="material_public"),
    path("campaigns/<uuid:uid>/take-up/", views_sent.UptakeView.as_view(), name="take_up"),
    path("campaigns/<uuid:uid>/announce/", views_sent.AnnounceView.as_view(), name="announce"),
    path("campaign-actions/<uuid:uid>/publish/", views_sent.publish_announcement,
         name="announcement_publish"),
]
