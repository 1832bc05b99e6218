from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Here, not at the top: models and signals can be imported once the registry is ready.
        from allauth.mfa.signals import authenticator_added

        from accounts.middleware import remember_where_she_was_going

        authenticator_added.connect(remember_where_she_was_going, dispatch_uid="mfa-next")
