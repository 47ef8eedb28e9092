from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BallotsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ballots"

    def ready(self) -> None:
        # Voter keys other apps add (congress delegates): a ``ballot_voters`` module of
        # theirs registers a provider with ``ballots.electorate.register``.
        autodiscover_modules("ballot_voters")
