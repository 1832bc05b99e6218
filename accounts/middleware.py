from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class RequireMFAForStaffMiddleware:
    """Moderators and staff without an authenticator app are sent to set one up when they
    open /moderation/ or /admin/.

    Elsewhere they are ordinary members (User.needs_two_factor turns their powers off), so
    this only points them to the fix. Costs nothing for anonymous visitors or ordinary
    members; one small query for staff on the protected paths.
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
            request.path.startswith(self.prefixes())
            and request.path != reverse("admin:logout")
            and request.user.is_authenticated
            and request.user.needs_two_factor
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
