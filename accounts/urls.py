from django.urls import path

from accounts import views

# Log in and out are registered without a namespace in nucleus/urls.py ("login", "logout").
app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
]
