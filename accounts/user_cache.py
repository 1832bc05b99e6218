"""The signed-in member's user row, read from the shared cache instead of the database.

Django loads request.user with one query on every request. Here the authentication
backends (accounts.backends) keep a copy of the row in the cache (Redis in production,
so every app server shares it), stored with the generation of the scope `user:<id>`
(config.generations) and used only while that generation is current. The copy and
the generation come back in one round trip.

What makes a copy old:
- a save or delete of the user (the admin, allauth, suspensions, deletions, last_login
  at sign-in) bumps the scope through the signal receivers connected in
  AccountsConfig.ready();
- queryset updates, which send no signal, call `forget(user_id)` (moderation.notify and
  the notices page update the unread count that way).

Django still checks the session's password hash against the copy (so a password change
ends other sessions at once, as before) and the backends still refuse inactive users.
The copy is stored as it came from the database, before anything was cached on it, so a
member's permissions and expert profile are looked up as usual when a page needs them.

With sessions in the cache (accounts.sessions), the row comes in the same round trip as
the session itself (fetch_with).

Settings: USER_CACHE_SECONDS (0 turns the cache off).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from config import generations as generations_cache


def _scope(user_id) -> str:
    return f"user:{user_id}"


def _key(user_id) -> str:
    return f"authuser:{user_id}"


# What accounts.sessions fetched with this request's session: (user id, generation, entry).
# Set on every load of a cache session, so it never outlives the request that set it.
_prefetched: ContextVar[tuple | None] = ContextVar("prefetched_user", default=None)


def fetch_with(key: str, user_id) -> object | None:
    """The cache entry under `key` (a session), fetched in one round trip with this user's
    row; the row is kept for the get_user() call that follows in the same request."""
    if settings.USER_CACHE_SECONDS <= 0:
        _prefetched.set(None)
        return cache.get(key)
    (current,), found = generations_cache.generation_values([_scope(user_id)], [key, _key(user_id)])
    _prefetched.set((str(user_id), current, found.get(_key(user_id))))
    return found.get(key)


def clear_prefetched() -> None:
    _prefetched.set(None)


def get_user(user_id, *, load: Callable[[object], object | None]):
    """The user with this id from the cache, or from `load(user_id)` (then cached)."""
    seconds = settings.USER_CACHE_SECONDS
    if seconds <= 0 or user_id is None:
        return load(user_id)
    prefetched = _prefetched.get()
    _prefetched.set(None)
    if prefetched is not None and prefetched[0] == str(user_id):
        _user_id, current, stored = prefetched
    else:
        current, stored = generations_cache.generations([_scope(user_id)], with_key=_key(user_id))
    if stored is not None and stored[0] == current:
        return stored[1]
    user = load(user_id)
    if user is not None:
        # Stored under the generation read before the database was: a change committed
        # in between bumps it again, so this copy would never be used.
        cache.set(_key(user_id), (current, user), seconds)
    return user


def forget(user_id) -> None:
    """Say that a user's row changed (now, and again when the transaction commits)."""
    generations_cache.bump_scopes([_scope(user_id)])


def _user_saved(sender, instance, **kwargs) -> None:
    forget(instance.pk)


def connect_signals() -> None:
    """Called from AccountsConfig.ready()."""
    user_model = get_user_model()
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="user-cache-save")
    post_delete.connect(_user_saved, sender=user_model, dispatch_uid="user-cache-delete")
