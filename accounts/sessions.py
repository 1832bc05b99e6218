"""Sessions read from the cache and kept in the database (SESSION_ENGINE when REDIS_URL is
set: Django's cached_db store), each loaded in one round trip together with its member's
cached user row (accounts.user_cache).

The database copy keeps members signed in when Redis restarts or is away (the cache then
answers as if empty: config/redis_cache.py). Django's store reads the session, then
authentication reads the user: two round trips to Redis on every signed-in request,
before the page does anything. A
session's member never changes (signing in as someone else gives a new session key), so
this process remembers which member each session it has seen belongs to, and fetches the
session and that member's row together. The row is used only when the session just loaded
names the same member, so a forgotten or mistaken mapping only costs the second round trip.
"""

from __future__ import annotations

import contextlib

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_ONLY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBSessionStore

from accounts import user_cache

# session key -> member id (as stored in the session), for sessions this process served.
_MEMBERS: dict[str, str] = {}
_MAX_REMEMBERED = 20_000


class SessionStore(CachedDBSessionStore):
    def load(self):
        user_cache.clear_prefetched()
        key = self._session_key
        member = _MEMBERS.get(key) if key else None
        data = None
        if member is not None:
            try:
                data = user_cache.fetch_with(self.cache_key, member)
            except Exception:  # noqa: BLE001 - as Django's store: a bad key means no session
                data = None
        if data is None:
            data = super().load()  # the cache (again), then the database
            if not data and key:
                data = self._adopt_cache_only_session(key)
        if data.get(SESSION_KEY) != member:
            user_cache.clear_prefetched()  # a row fetched for a member this session is not
        if SESSION_KEY in data and self._session_key:
            if len(_MEMBERS) >= _MAX_REMEMBERED:
                _MEMBERS.clear()
            _MEMBERS[self._session_key] = data[SESSION_KEY]
        return data

    def _adopt_cache_only_session(self, key: str) -> dict:
        """A session from before sessions were kept in the database (Redis only, Django's
        cache store): kept, and written to the database now, so the switch signs nobody out."""
        try:
            data = self._cache.get(CACHE_ONLY_PREFIX + key)
        except Exception:  # noqa: BLE001 - as Django's store: a bad key means no session
            data = None
        if not data:
            return {}
        self._session_key = key
        self._session_cache = data
        # CreateError: another request from the same browser adopted it at the same moment.
        with contextlib.suppress(CreateError):
            self.save(must_create=True)
        return data
