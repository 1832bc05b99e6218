"""Authentication backends that read the signed-in user from the cache (accounts.user_cache).

They authenticate exactly as Django's and allauth's backends do; only `get_user`, which
runs on every request of a signed-in member, changes.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from accounts import user_cache


class _CachedUserMixin:
    def get_user(self, user_id):
        return user_cache.get_user(user_id, load=super().get_user)


class ModelBackend(_CachedUserMixin, DjangoModelBackend):
    """Django's ModelBackend (used by force_login and the admin's own checks)."""


class AuthenticationBackend(_CachedUserMixin, AllauthBackend):
    """allauth's backend (sign-in by e-mail address)."""
