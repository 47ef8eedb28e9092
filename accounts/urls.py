from django.urls import include, path

from accounts import views, views_lockout, views_mfa, views_passkeys

# Log in and out are registered without a namespace in nucleus/urls.py ("login", "logout").
app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    # Passwords, API tokens, role offers (accounts/urls_security.py).
    path("", include("accounts.urls_security")),
    # Second factor and lockouts (accounts/mfa.py, accounts/lockout.py).
    path("mfa/verify/", views_mfa.mfa_verify, name="mfa_verify"),
    path("mfa/enrol/", views_mfa.mfa_enrol, name="mfa_enrol"),
    # Passkeys (accounts/passkeys.py); their ceremonies are mounted by nucleus/urls.py.
    path("mfa/passkeys/", views_passkeys.passkey_list, name="passkeys"),
    path("mfa/passkeys/name/", views_passkeys.passkey_name, name="passkey_name"),
    path("mfa/passkeys/remove/", views_passkeys.passkey_remove, name="passkey_remove"),
    path("logins/locked/", views_lockout.locked_logins, name="locked_logins"),
    path("roles/<uuid:uid>/unlock-login/", views_lockout.unlock_login, name="unlock_login"),
]
