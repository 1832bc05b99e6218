from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        from experts import signals  # imported once the app registry is ready

        signals.connect_signals()
