from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def has_staff_powers(user) -> bool:
    """Moderators and admin staff: the people who can see held posts and change others'."""
    return user.is_authenticated and (user.is_moderator or user.is_staff or user.is_superuser)


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAForStaffMiddleware:
    """Moderators and staff reach /moderation/ and /admin/ only with an authenticator app.

    Costs nothing for other paths and for anonymous visitors or ordinary members (their
    user row is loaded anyway); one small query for staff on the protected paths.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self._prefixes: tuple[str, ...] | None = None

    def prefixes(self) -> tuple[str, ...]:
        if self._prefixes is None:
            self._prefixes = (reverse("admin:index"), reverse("moderation:queue"))
        return self._prefixes

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.path.startswith(self.prefixes())
            and request.path != reverse("admin:logout")
            and has_staff_powers(request.user)
            and not has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Moderators and staff see members' private and held posts, so their "
                    "accounts must be protected by two-factor authentication. Please set up "
                    "an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
