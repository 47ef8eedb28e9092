"""Passwords, API tokens, role offers (included in the accounts namespace)."""

from django.urls import path

from accounts import views_account, views_passwords, views_preferences, views_tokens

urlpatterns = [
    path("account/", views_account.account, name="account"),
    path("account/password/", views_passwords.password_change, name="password_change"),
    path("account/language/", views_preferences.PreferencesView.as_view(), name="preferences"),
    path("account/tokens/", views_tokens.token_list, name="tokens"),
    path("account/tokens/revoke/", views_tokens.token_revoke, name="token_revoke"),
    path("role-offers/<uuid:uid>/withdraw/", views_account.role_offer_withdraw,
         name="role_offer_withdraw"),
    path("roles/<uuid:uid>/password-reset/", views_passwords.password_reset,
         name="password_reset"),
]
