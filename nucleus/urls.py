from django.conf import settings
from django.urls import include, path

from accounts import views_preferences
from accounts.views import LoginView
from accounts.views_session import LogoutView
from nucleus import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Django's language switch, which also saves a logged-in user's choice on the profile.
    path("i18n/setlang/", views_preferences.set_language, name="set_language"),
    # Not namespaced: settings.LOGIN_URL and LOGOUT_REDIRECT_URL name them. Log out is POST.
    path("login/", LoginView.as_view(), name="login"),
    # Logging out also ends the user's API tokens (accounts/views_session.py).
    path("logout/", LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    # Passkey ceremonies (JSON), in the plugin's namespace "otp_webauthn".
    path("mfa/webauthn/", include("accounts.urls_webauthn")),
    path("", include("organizations.urls")),
    path("", include("people.urls")),
    path("", include("access.urls")),
    path("", include("safety.urls")),
    path("", include("publications.urls")),
    path("", include("agitprop.urls")),
    path("", include("ballots.urls")),
    path("", include("memberreports.urls")),
    path("", include("coalitions.urls")),
    path("", include("fieldwork.urls")),
    path("", include("deployment.urls")),
    path("", include("reviews.urls")),
    path("", include("tasks.urls")),
    path("", include("stoppages.urls")),
    path("", include("jobs.urls")),
    path("", include("backups.urls")),
    path("", include("organs.urls")),
    path("", include("alliances.urls")),
    path("", include("congresses.urls")),
    path("", include("elections.urls")),
    path("", include("campaigns.urls")),
    # The public campaign pages, without login (campaigns/public_views.py).
    path("", include("campaigns.urls_public")),
    path("", include("audit.urls")),
    path("api/", include("nucleus.api_urls")),
]
if settings.NUCLEUS_BENCH_HELLO:  # bench/serving.py's baseline, never in a normal install
    from nucleus import bench_hello

    urlpatterns += bench_hello.urlpatterns
