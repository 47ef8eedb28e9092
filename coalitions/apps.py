from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "coalitions"
