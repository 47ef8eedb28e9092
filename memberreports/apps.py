from django.apps import AppConfig


class MemberReportsConfig(AppConfig):
    name = "memberreports"
    verbose_name = "Member reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The campaign's Atom feed carries the published reports too.
        from campaigns.public import FEED_SOURCES
        from memberreports.feed import report_items

        if report_items not in FEED_SOURCES:
            FEED_SOURCES.append(report_items)
