from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"

    def ready(self) -> None:
        # The figures a review is prepared with: this app's own, then those other apps add in
        # a ``review_figures`` module of their own (reviews/figures.py, ``register``).
        from reviews import figures_forces, figures_work  # noqa: F401

        autodiscover_modules("review_figures")
