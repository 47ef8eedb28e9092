from django.apps import AppConfig, apps
from django.contrib.auth import signals as auth_signals


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self) -> None:
        from audit import security

        # Logins, logouts and failed logins become audit rows (dispatch_uid: connected once
        # however often ready() runs).
        auth_signals.user_logged_in.connect(security.on_logged_in, dispatch_uid="audit-login")
        auth_signals.user_logged_out.connect(security.on_logged_out,
                                             dispatch_uid="audit-logout")
        auth_signals.user_login_failed.connect(security.on_login_failed,
                                               dispatch_uid="audit-login-failed")
        # Lockouts, when django-axes is installed (its signals module needs its models).
        if apps.is_installed("axes"):
            from axes.signals import user_locked_out

            user_locked_out.connect(security.on_locked_out, dispatch_uid="audit-lockout")
