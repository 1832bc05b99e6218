"""Cache keys carry the release, and cached copies are kept by generations (forum/cache.py
has the rule; docs/design.md "Caches" says why and what is kept)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# Sessions (any of Django's stores) and rate-limit counters outlive a release on purpose.
KEPT_ACROSS_RELEASES = ("django.contrib.sessions.", "ratelimit:", "allauth:rl:")


def make_key(key: str, key_prefix: str, version: int) -> str:
    """settings.CACHES' KEY_FUNCTION."""
    if key.startswith(KEPT_ACROSS_RELEASES):
        return f"{key_prefix}:{version}:{key}"
    return f"{key_prefix}:{settings.RELEASE}:{version}:{key}"


def member_scope(user_id) -> str:
    """A member's own row and state (bumped by forum.cache's receivers and by hand)."""
    return f"member:{user_id}"


def _fresh_generation() -> int:
    # Never restart at 0: copies stored under an evicted generation must stay unreachable.
    return time.time_ns() // 1000


def generations(scopes: Iterable[str], *, with_keys: Iterable[str] = ()):
    """The current generation of each scope, as one string; with `with_keys`, those entries
    are fetched in the same round trip: (generations, {key: value} for the keys found)."""
    gen_keys = [f"gen:{s}" for s in scopes]
    with_keys = list(with_keys)
    found = cache.get_many([*gen_keys, *with_keys])
    for key in gen_keys:
        if key not in found:
            cache.add(key, _fresh_generation(), timeout=None)
            # None: the cache is not answering (config/redis_cache.py); a value used once.
            found[key] = cache.get(key) or f"unread-{uuid.uuid4().hex}"
    current = ".".join(str(found.pop(k)) for k in gen_keys)
    return (current, found) if with_keys else current


def keep(found: dict, key: str, current: str, compute: Callable[[], object]):
    """The value stored under `key` in `found` (fetched with the generations `current`) if
    stored under those, else `compute()`, stored now."""
    stored = found.get(key)
    if settings.FORUM_PAGE_CACHE_SECONDS > 0 and stored is not None and stored[0] == current:
        return stored[1]
    value = compute()
    cache.set(key, (current, value), settings.FORUM_PAGE_CACHE_SECONDS)
    return value


def bump_scopes(scopes: list[str]) -> None:
    """Make copies kept under these scopes old, now and again when the transaction commits
    (so a reader who rendered the old rows in between cannot leave them cached)."""

    def bump() -> None:
        for key in (f"gen:{scope}" for scope in scopes):
            try:
                cache.incr(key)
            except ValueError:  # not there yet (or evicted): any new value invalidates
                cache.set(key, _fresh_generation(), timeout=None)

    bump()
    transaction.on_commit(bump, robust=True)
