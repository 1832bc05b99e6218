from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Where a moderator was going when she was sent to set up two-factor authentication, and,
# once her authenticator app is added, the link back there (templates/allauth/layouts/manage.html).
NEXT_KEY = "mfa_setup_next"
CONTINUE_KEY = "mfa_continue_to"


def remember_where_she_was_going(sender, request=None, authenticator=None, **kwargs) -> None:
    """allauth's authenticator_added signal: the set-up is done, offer the way back."""
    if request is None or authenticator is None or authenticator.type != "totp":
        return
    target = request.session.pop(NEXT_KEY, None)
    if target:
        request.session[CONTINUE_KEY] = target


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
            if request.method == "GET":
                request.session[NEXT_KEY] = request.get_full_path()
            return redirect("mfa_activate_totp")
        if request.path.startswith(self.prefixes()) and request.user.is_authenticated:
            request.session.pop(CONTINUE_KEY, None)  # she is back where she was going
        return self.get_response(request)
