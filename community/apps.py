from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """The top floor: a member's pages that reach across accounts, forum and moderation
    (public profile, account deletion, data export, expert applications, the admin for
    accounts). It owns no models; `accounts` stays the ground floor beneath it."""

    name = "community"
    verbose_name = _("Community")
