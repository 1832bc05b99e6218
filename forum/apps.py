from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        # Here, not at the top: the cache module imports models, ready only at this point.
        from forum import cache

        cache.connect_signals()
