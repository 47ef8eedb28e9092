from django.apps import AppConfig


class ImportExportBenchConfig(AppConfig):
    name = "bench.importexport_bench"
    label = "importexport_bench"
    default_auto_field = "django.db.models.BigAutoField"
