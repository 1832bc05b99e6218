"""Sessions read from the cache and kept in the database (SESSION_ENGINE when REDIS_URL is
set): Django's cached_db store, which keeps members signed in when Redis restarts or is
away (the cache then answers as if empty: config/redis_cache.py).

One addition: a session from before sessions were kept in the database (Redis only,
Django's cache store) is adopted on first use, so that switch signed nobody out.
"""

from __future__ import annotations

import contextlib

from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_ONLY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBSessionStore


class SessionStore(CachedDBSessionStore):
    def load(self):
        key = self._session_key  # the database store forgets a key it does not hold
        data = super().load()  # the cache, then the database
        if not data and key:
            data = self._adopt_cache_only_session(key)
        return data

    def _adopt_cache_only_session(self, key: str) -> dict:
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
