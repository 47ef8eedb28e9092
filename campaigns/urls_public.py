from django.urls import path

from campaigns import public_views

app_name = "campaigns_public"
urlpatterns = [
    path("public/campaigns/<uuid:uid>/", public_views.page, name="page"),
    path("public/campaigns/<uuid:uid>/feed.atom", public_views.feed, name="feed"),
    path("public/materials/<uuid:uid>/", public_views.material, name="material"),
]
