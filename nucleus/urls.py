from django.urls import include, path

from nucleus import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),
    path("", include("organizations.urls")),
    path("", include("people.urls")),
    path("api/", include("nucleus.api_urls")),
]
