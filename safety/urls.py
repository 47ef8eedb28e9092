from django.urls import path

from safety import views

app_name = "safety"
urlpatterns = [
    path("roles/<int:pk>/freeze/", views.FreezeView.as_view(), name="freeze"),
    path("freezes/", views.freeze_list, name="freeze_list"),
    path("freezes/<int:pk>/", views.freeze_report, name="freeze_report"),
    path("freezes/<int:pk>/unfreeze/", views.UnfreezeView.as_view(), name="unfreeze"),
]
