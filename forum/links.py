"""The links under each post on a thread page, without a reverse() for each one.

A thread page shows up to seven links for each of its 50 posts, and each `{% url %}` costs
tens of microseconds. Each link's pattern is reversed once per URL configuration with a
stand-in id; a post's link is that text with its own id in the stand-in's place, which is
exactly what reverse() gives (tests/perf/test_nav_links.py checks it).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_LINKS = {
    "vote": "forum:vote",
    "feature": "forum:feature",
    "edit": "forum:post-edit",
    "withdraw": "forum:post-withdraw",
    "flag": "moderation-member:flag",
    "moderate": "moderation:post",
    "video_edit": "experts:video-edit",
}
_STAND_IN = 918273645


@lru_cache(maxsize=8)
def _patterns(prefix: str, urlconf: str) -> tuple[tuple[str, str, str], ...]:
    rows = []
    for key, name in _LINKS.items():
        head, tail = reverse(name, args=[_STAND_IN], urlconf=urlconf).split(str(_STAND_IN))
        rows.append((key, head, tail))
    return tuple(rows)


def post_links(post_ids) -> dict[int, dict[str, str]]:
    """Each post's links by name (see _LINKS), for these post ids."""
    patterns = _patterns(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return {pk: {key: f"{head}{pk}{tail}" for key, head, tail in patterns} for pk in post_ids}
