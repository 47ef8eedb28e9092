from django.contrib.auth.views import LogoutView
from django.urls import include, path

from accounts.views import LoginView
from nucleus import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Not namespaced: settings.LOGIN_URL and LOGOUT_REDIRECT_URL name them. Log out is POST.
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    path("", include("organizations.urls")),
    path("", include("people.urls")),
    path("", include("access.urls")),
    path("", include("fieldwork.urls")),
    path("", include("deployment.urls")),
    path("api/", include("nucleus.api_urls")),
]
