from django.apps import AppConfig


class StoppagesConfig(AppConfig):
    name = "stoppages"

    def ready(self) -> None:
        from stoppages.alerts import alert_stopped
        from tasks.notify import PAGE_ALERTS

        # Written when a secretary's home, notifications or dashboard page loads.
        if alert_stopped not in PAGE_ALERTS:
            PAGE_ALERTS.append(alert_stopped)
