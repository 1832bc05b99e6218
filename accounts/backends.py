"""Django's and allauth's authentication backends, under the names signed-in sessions carry.

A session remembers the dotted path of the backend that signed its member in, and Django
signs the member out when that path is no longer in AUTHENTICATION_BACKENDS: these names
stay so that sessions from earlier releases stay valid.

Both read a signed-in member's row from the cache (accounts.sessions.cached_user), or else
from one fixed SQL text, the one the ORM writes for `User.objects.get(pk=...)`: building
that query on every request cost more than running it (measured for issue 15).
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import router

from accounts.sessions import cached_user


@cache
def _user_row_sql(alias: str) -> str:
    """The ORM's text for one user by primary key, with its value as a parameter."""
    query = get_user_model()._default_manager.filter(pk=0).query
    sql, params = query.get_compiler(alias).as_sql()
    if params != (0,):  # a manager that filters more: nothing to gain, nothing to risk
        return ""
    return sql


class _FixedUserRow:
    def get_user(self, user_id):
        user = cached_user(user_id, self._load_user)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _load_user(self, user_id):
        model = get_user_model()
        # The primary: a lagging replica's row would be kept under the current generation.
        alias = router.db_for_write(model)
        sql = _user_row_sql(alias)
        if not sql:
            return model._default_manager.filter(pk=user_id).first()
        found = list(model._default_manager.raw(sql, [user_id]).using(alias))
        return found[0] if found else None


class ModelBackend(_FixedUserRow, DjangoModelBackend):
    """Django's ModelBackend (used by force_login and the admin's own checks)."""


class AuthenticationBackend(_FixedUserRow, AllauthBackend):
    """allauth's backend (sign-in by e-mail address)."""
