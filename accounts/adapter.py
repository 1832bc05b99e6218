from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from accounts import emails
from config.mail import MAIL_ERRORS

logger = logging.getLogger(__name__)


def username_from_display_name(display_name: str) -> str:
    """A URL-safe handle derived from the pseudonym, never from the e-mail address."""
    base = slugify(display_name).replace("-", "")[:20] or "member"
    if len(base) < 3:
        base = f"member{base}"
    User = get_user_model()
    candidate = base
    while User.objects.filter(username__iexact=candidate).exists():
        candidate = f"{base[:20]}{secrets.randbelow(9000) + 1000}"
    return candidate


def user_display(user) -> str:
    """How allauth's pages, messages and e-mails name someone: her pseudonym, never the
    internal username (settings.ACCOUNT_USER_DISPLAY)."""
    return str(getattr(user, "public_name", "") or "")


@dataclass(frozen=True)
class SiteForEmails:
    """What allauth's e-mails call the site: its name and real address (SITE_NAME, SITE_URL),
    not the host the request happened to use."""

    name: str
    domain: str

    @classmethod
    def current(cls) -> SiteForEmails:
        return cls(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def _on_site_url(value, request):
    """allauth builds its links (confirm, reset, sign up) from the address the request came
    to; e-mails use the site's real one, SITE_URL, like every other e-mail the site sends."""
    if request is None or not isinstance(value, str) or "://" not in value:
        return value
    origin = request.build_absolute_uri("/").rstrip("/")
    if value.startswith(origin + "/"):
        return settings.SITE_URL + value[len(origin) :]
    return value


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails, rendered once; one the mail server refuses is queued to be tried
        again, so signing up or asking for a password reset never fails because it is away."""
        site = {"current_site": SiteForEmails.current(), "site_url": settings.SITE_URL}
        request = allauth_context.request
        context = {key: _on_site_url(value, request) for key, value in context.items()}
        message = self.render_mail(
            template_prefix, email, {"request": request, "email": email, **site, **context}
        )
        try:
            message.send()
        except MAIL_ERRORS as error:
            logger.warning("%s not sent now (%s); queued again", template_prefix, error)
            emails.send_later(message)

    def populate_username(self, request, user) -> None:
        if not user.username:
            user.username = username_from_display_name(user.display_name)

    def save_user(self, request, user, form, commit=True):
        user.display_name = form.cleaned_data.get("display_name", user.display_name)
        user.location = form.cleaned_data.get("location", user.location)
        return super().save_user(request, user, form, commit=commit)
