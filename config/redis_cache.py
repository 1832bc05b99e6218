"""Django's Redis cache backend, made to keep the site up when Redis is not.

Two changes to Django's backend:

- One client object per connection pool. Django's backend builds a new redis.Redis client
  for every cache call; with redis-py 7 that costs more than the round trip for a small
  value. A client is thread-safe (it takes a connection from the pool per command), so one
  per pool is enough.

- Redis being down, slow or restarting is a cache miss, not an error. Every call that
  fails answers as if the cache were empty (a read finds nothing, a write stores nothing,
  `incr` says the key is missing), and for the next REDIS_RETRY_SECONDS this process does
  not try Redis at all, so pages do not wait on a dead server. Pages are then rendered
  from the database, members stay signed in (sessions are `cached_db`: the database holds
  them), and rate limits count nothing until Redis is back.

  A write that failed would have replaced or removed a value (a page-cache generation
  bump, a session saved or ended, a user row changed): the old value must not come back
  when Redis does. So the keys of failed writes are remembered, and deleted before
  anything else once Redis answers again. If more than MAX_REMEMBERED keys failed, the
  whole cache database is cleared instead (everything in it can be rebuilt). The process
  that remembers them also tries again on a timer (every REDIS_RETRY_SECONDS) rather than
  only at its next request: another web process, which saw nothing fail, could otherwise
  serve the old page from Redis until this one happens to be asked something.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

MAX_REMEMBERED = 50_000


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


class ForgivingRedisCache(ReusingRedisCache):
    """ReusingRedisCache that treats Redis being unreachable as an empty cache."""

    def __init__(self, server, params) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("retry_seconds", 1.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._failed_writes: set[str] = set()
        self._overflowed = False
        self._retry_timer: threading.Timer | None = None

    # --- the guard around every call -------------------------------------------------

    def _call(self, operation, fallback, *, writes=()):
        """Run `operation` against Redis; on failure remember `writes` and return fallback."""
        if time.monotonic() < self._down_until:
            self._remember(writes)
            return fallback
        try:
            if self._failed_writes or self._overflowed:
                self._forget_failed_writes()
            return operation()
        except RedisError as exc:
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning("Redis is not answering (%s); serving without the cache", exc)
                self._down_until = time.monotonic() + self.retry_seconds
            self._remember(writes)
            return fallback

    def _remember(self, keys) -> None:
        keys = list(keys)
        with self._lock:
            if not self._overflowed:
                self._failed_writes.update(keys)
                if len(self._failed_writes) > MAX_REMEMBERED:
                    self._failed_writes.clear()
                    self._overflowed = True
            if keys or self._overflowed:
                self._schedule_retry()

    def _schedule_retry(self) -> None:
        """(Called with the lock held.) Try to forget the failed writes again soon."""
        if self._retry_timer is not None:
            return
        timer = threading.Timer(self.retry_seconds, self._retry_forget)
        timer.daemon = True
        self._retry_timer = timer
        timer.start()

    def _retry_forget(self) -> None:
        with self._lock:
            self._retry_timer = None
            pending = bool(self._failed_writes) or self._overflowed
        if not pending:
            return
        try:
            self._forget_failed_writes()
        except RedisError:
            with self._lock:
                self._down_until = time.monotonic() + self.retry_seconds
                self._schedule_retry()

    def _forget_failed_writes(self) -> None:
        with self._lock:
            keys, overflowed = list(self._failed_writes), self._overflowed
        if overflowed:
            self._cache.clear()
            logger.warning("Redis is back; cleared the cache (too many writes were missed)")
        elif keys:
            self._cache.delete_many(keys)
            logger.warning("Redis is back; dropped %d entries written while it was away", len(keys))
        with self._lock:
            self._failed_writes.difference_update(keys)
            if overflowed:
                self._overflowed = False

    def _keys(self, keys, version) -> list[str]:
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # --- Django's cache API -------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        run = super().add
        return self._call(
            lambda: run(key, value, timeout, version), False, writes=self._keys([key], version)
        )

    def get(self, key, default=None, version=None):
        run = super().get
        return self._call(lambda: run(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        run = super().set
        return self._call(
            lambda: run(key, value, timeout, version), None, writes=self._keys([key], version)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        run = super().touch
        return self._call(lambda: run(key, timeout, version), False)

    def delete(self, key, version=None):
        run = super().delete
        return self._call(lambda: run(key, version), False, writes=self._keys([key], version))

    def get_many(self, keys, version=None):
        run = super().get_many
        return self._call(lambda: run(keys, version), {})

    def has_key(self, key, version=None):
        run = super().has_key
        return self._call(lambda: run(key, version), False)

    def incr(self, key, delta=1, version=None):
        run = super().incr
        missing = object()
        result = self._call(
            lambda: run(key, delta, version), missing, writes=self._keys([key], version)
        )
        if result is missing:
            # What callers already handle: the key is not there (they then set it).
            raise ValueError(f"Key {key!r} not found (the cache is not answering)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        run = super().set_many
        keys = list(data)
        written = self._keys(keys, version)
        return self._call(lambda: run(data, timeout, version), keys, writes=written)

    def delete_many(self, keys, version=None):
        run = super().delete_many
        keys = list(keys)
        return self._call(lambda: run(keys, version), None, writes=self._keys(keys, version))

    def clear(self):
        run = super().clear
        return self._call(run, False)
