from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


class BallotsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ballots"

    def ready(self) -> None:
        # Voter keys other apps add (congress delegates): a ``ballot_voters`` module of
        # theirs registers a provider with ``ballots.electorate.register`` or names it
        # ``voter_keys`` (registered here; registering twice is a no-op).
        from ballots.electorate import register_module

        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "ballot_voters"):
                register_module(import_module(f"{config.name}.ballot_voters"))
