from __future__ import annotations

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils.text import slugify


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


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        if not user.username:
            user.username = username_from_display_name(user.display_name)

    def save_user(self, request, user, form, commit=True):
        user.display_name = form.cleaned_data.get("display_name", user.display_name)
        user.location = form.cleaned_data.get("location", user.location)
        return super().save_user(request, user, form, commit=commit)
