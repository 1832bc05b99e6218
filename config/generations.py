"""Generation numbers in the shared cache: the one way a cached copy is made old.

A cached entry is stored together with the current generation of each "scope" it was
built from (a thread, a category, a member's user row...). A write bumps the scopes it
touches; an entry whose stored generations differ from the current ones is never used
again and expires on its own. Generations live in the shared cache (Redis in
production), so a bump on one app server is seen by all. The page cache
(forum.cache) and the user-row cache (accounts.user_cache) both use it; it sits on the
ground floor so that both can.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction


def _gen_key(scope: str) -> str:
    return f"gen:{scope}"


def _fresh_generation() -> int:
    # Never restart at 0: pages stored under an evicted generation must stay unreachable.
    return time.time_ns() // 1000


def generations(scopes: Iterable[str], *, with_key: str | None = None):
    """The current generation of each scope, as one string.

    With `with_key`, that entry is fetched in the same round trip and returned too:
    (generations, value or None).
    """
    values, found = generation_values(scopes, [with_key] if with_key else [])
    current = ".".join(values)
    return (current, found.get(with_key)) if with_key else current


def generation_values(scopes: Iterable[str], keys: list[str]) -> tuple[list[str], dict]:
    """The current generation of each scope and the entries under `keys`, in one round trip."""
    gen_keys = [_gen_key(s) for s in scopes]
    found = cache.get_many([*gen_keys, *keys])
    for key in gen_keys:
        if key not in found:
            cache.add(key, _fresh_generation(), timeout=None)
            found[key] = cache.get(key)
            if found[key] is None:
                # The cache is not answering (config/redis_cache.py): a value used once, so
                # nothing kept under an earlier one (here, or in a process) passes for current.
                found[key] = f"unread-{uuid.uuid4().hex}"
    return [str(found.pop(k)) for k in gen_keys], found


def bump_scopes(scopes: list[str]) -> None:
    """Bump these generations now and again when the transaction commits: a reader who
    rendered the old rows between the two cannot leave them cached."""
    _bump_now(scopes)
    transaction.on_commit(lambda: _bump_now(scopes), robust=True)


def _bump_now(scopes: Iterable[str]) -> None:
    for scope in scopes:
        key = _gen_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any new value invalidates
            cache.set(key, _fresh_generation(), timeout=None)
