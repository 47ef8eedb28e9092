from django.urls import path

from safety import views

app_name = "safety"
urlpatterns = [
    path("roles/<uuid:uid>/freeze/", views.FreezeView.as_view(), name="freeze"),
    path("freezes/", views.freeze_list, name="freeze_list"),
    path("freezes/<uuid:uid>/", views.freeze_report, name="freeze_report"),
    path("freezes/<uuid:uid>/unfreeze/", views.UnfreezeView.as_view(), name="unfreeze"),
]
