from django.apps import AppConfig


class AgitpropConfig(AppConfig):
    name = "agitprop"
