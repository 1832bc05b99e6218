"""Cache keys carry the release, so a new release never reads what an older one stored.

A deploy changes templates and code: a page, a member's part of a page or a pickled user
row cached by the last release must not be served by the new one, and with the release
in the key it is not (the old entries expire on their own). settings.RELEASE is the
`RELEASE` variable, or else a digest of the code, templates and static files.

A few keys outlive a release on purpose: sessions (members stay signed in across a
deploy; a session is plain data any release reads the same way) and the rate-limit
counters (a deploy must not hand an abuser a fresh allowance).
"""

from __future__ import annotations

from django.conf import settings

# Any of Django's session stores (cache, cached_db) and both kinds of rate-limit counter.
KEPT_ACROSS_RELEASES = ("django.contrib.sessions.", "ratelimit:", "allauth:rl:")


def make_key(key: str, key_prefix: str, version: int) -> str:
    """settings.CACHES' KEY_FUNCTION."""
    if key.startswith(KEPT_ACROSS_RELEASES):
        return f"{key_prefix}:{version}:{key}"
    return f"{key_prefix}:{settings.RELEASE}:{version}:{key}"
