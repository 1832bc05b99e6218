from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def can_moderate(user) -> bool:
    return user.is_authenticated and user.can_moderate


def moderator_required(view):
    """Anonymous visitors go to the login page; signed-in non-moderators get 403."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def can_decide_appeal(user, appeal) -> bool:
    """Any moderator but the one who took the action appealed (and not the appellant)."""
    return (
        user.is_authenticated
        and user.can_moderate
        and user.pk != appeal.action.actor_id
        and user.pk != appeal.appellant_id
    )
