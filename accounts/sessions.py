"""Sessions read from the cache and kept in the database (SESSION_ENGINE when REDIS_URL is
set): Django's cached_db store, and the signed-in member's user row kept in the cache
under their generation (config.cache_keys.member_scope), fetched in the same round trip as
their session. docs/design.md, "Caches", says what makes the row old and why it is safe.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBSessionStore

from config.cache_keys import generations, keep, member_scope

# Session key -> its member's id, for sessions this process served: only a hint of which
# row to fetch with the session (a session's member never changes; the id is checked).
_MEMBERS: dict[str, str] = {}
# (member id, their generation, {key: value}) fetched with this request's session.
_prefetched: ContextVar[tuple | None] = ContextVar("prefetched_member", default=None)


class SessionStore(CachedDBSessionStore):
    def load(self):
        member = _MEMBERS.get(self._session_key) if self._session_key else None
        data = None
        _prefetched.set(None)
        if member is not None and settings.FORUM_PAGE_CACHE_SECONDS > 0:
            current, found = generations(
                [member_scope(member)], with_keys=[self.cache_key, _row_key(member)]
            )
            _prefetched.set((member, current, found))
            data = found.get(self.cache_key)
        if data is None:
            data = super().load()  # the cache, then the database
        if SESSION_KEY in data and self._session_key:
            if len(_MEMBERS) > 50_000:
                _MEMBERS.clear()
            _MEMBERS[self._session_key] = data[SESSION_KEY]
        return data


def _row_key(user_id) -> str:
    return f"user:{user_id}"


def cached_user(user_id, load: Callable):
    """The member's row as it came from the database, from the cache while their generation
    stays the one it was read under; else `load(user_id)`, then kept."""
    if settings.FORUM_PAGE_CACHE_SECONDS <= 0:
        return load(user_id)
    prefetched, key = _prefetched.get(), _row_key(user_id)
    _prefetched.set(None)
    if prefetched is not None and prefetched[0] == str(user_id):
        _member, current, found = prefetched
    else:
        current, found = generations([member_scope(user_id)], with_keys=[key])
    # Kept before anything is cached on it (permissions, the expert profile).
    return keep(found, key, current, lambda: load(user_id))
