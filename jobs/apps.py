from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"

    def ready(self) -> None:
        # Each app's ``tasks.py`` registers its job kinds (jobs.registry.register); importing
        # them here makes every kind known to the web process and to each worker alike.
        autodiscover_modules("tasks")
