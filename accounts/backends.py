"""Django's and allauth's authentication backends, under the names signed-in sessions carry.

A session remembers the dotted path of the backend that signed its member in, and Django
signs the member out when that path is no longer in AUTHENTICATION_BACKENDS: these names
stay so that sessions from earlier releases stay valid.

Both read a signed-in member's row from the cache (accounts.sessions.cached_user), or else
from one fixed SQL text, the one the ORM writes for `User.objects.get(pk=...)`
(config.fixed_queries): building that query on every request cost more than running it
(measured for issue 15).
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import router

from accounts.sessions import cached_user
from config.fixed_queries import VIEWER, FixedQuery


@cache
def _user_row(alias: str) -> FixedQuery:
    """`User.objects.get(pk=...)` as the ORM writes it, run with the member's id."""
    return FixedQuery(get_user_model()._default_manager.using(alias).filter(pk=VIEWER))


class _FixedUserRow:
    def get_user(self, user_id):
        user = cached_user(user_id, self._load_user)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _load_user(self, user_id):
        # The primary: a lagging replica's row would be kept under the current generation.
        found = _user_row(router.db_for_write(get_user_model())).rows(viewer=user_id)
        return found[0] if found else None


class ModelBackend(_FixedUserRow, DjangoModelBackend):
    """Django's ModelBackend (used by force_login and the admin's own checks)."""


class AuthenticationBackend(_FixedUserRow, AllauthBackend):
    """allauth's backend (sign-in by e-mail address)."""
