from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        # Connects the receivers that forget the cached help numbers when admins edit them.
        from moderation import help  # noqa: F401
