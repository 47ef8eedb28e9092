"""The passkey ceremonies (accounts/views_webauthn.py), mounted by nucleus/urls.py.

The namespace and names are the plugin's (django_otp_webauthn/urls.py), which its template
tags reverse; its own URLconf is not mounted. What it lacks here on purpose: the
``.well-known/webauthn`` file (no related origins) and any login without a password.
"""

from django.urls import path

from accounts import views_webauthn

app_name = "otp_webauthn"
urlpatterns = [
    path("registration/begin/", views_webauthn.BeginRegistration.as_view(),
         name="credential-registration-begin"),
    path("registration/complete/", views_webauthn.CompleteRegistration.as_view(),
         name="credential-registration-complete"),
    path("authentication/begin/", views_webauthn.BeginAuthentication.as_view(),
         name="credential-authentication-begin"),
    path("authentication/complete/", views_webauthn.CompleteAuthentication.as_view(),
         name="credential-authentication-complete"),
    path("jsi18n/", views_webauthn.javascript_catalog, name="js-i18n-catalog"),
]
