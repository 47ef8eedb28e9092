from django.apps import AppConfig


class MemberReportsConfig(AppConfig):
    name = "memberreports"
    verbose_name = "Member reports"
    default_auto_field = "django.db.models.BigAutoField"
