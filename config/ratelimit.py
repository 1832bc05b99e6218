"""Limits on abuse-prone writes (asking, replying, editing, flagging, voting), per member and
per IP.

In a view, once the form is valid and just before the write:

    from config import ratelimit
    ratelimit.consume(request, "reply")

Over the limit, `consume` raises `RateLimited`; `RateLimitMiddleware` turns that into the
friendly 429 page (templates/429.html, which allauth also uses for its own limits).
Limits live in settings.FORUM_RATE_LIMITS as "count/period" (period: 30s, 10m, 1h, 1d).
Counters are fixed windows in the cache (Redis in production), so they hold across workers.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass
from http import HTTPStatus

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    match = _RATE_RE.match(text)
    if not match:
        raise ImproperlyConfigured(f"A rate limit looks like '5/10m', not {text!r}")
    count, amount, unit = match.groups()
    return Rate(int(count), int(amount or 1) * _UNIT_SECONDS[unit])


class RateLimited(Exception):  # noqa: N818 - reads better at the call site than ...Error
    def __init__(self, action: str, retry_after: int) -> None:
        super().__init__(f"Rate limit for {action!r} reached")
        self.action = action
        self.retry_after = retry_after


def client_ip(request: HttpRequest) -> str:
    """The visitor's address as allauth sees it (honours ALLAUTH_TRUSTED_PROXY_COUNT)."""
    try:
        return get_adapter(request).get_client_ip(request) or "unknown"
    except Exception:  # a malformed X-Forwarded-For must not turn into a 500
        return request.META.get("REMOTE_ADDR") or "unknown"


def _identities(request: HttpRequest) -> list[tuple[str, str]]:
    user = getattr(request, "user", None)
    identities = []
    if user is not None and user.is_authenticated:
        identities.append(("user", str(user.pk)))
    identities.append(("ip", client_ip(request)))
    return identities


def consume(request: HttpRequest, action: str) -> None:
    """Count one `action` for this member and this IP; raise RateLimited over a limit."""
    if not settings.FORUM_RATE_LIMITS_ENABLED:
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.can_moderate:
        return
    limits = settings.FORUM_RATE_LIMITS.get(action)
    if not limits:
        raise ImproperlyConfigured(f"settings.FORUM_RATE_LIMITS has no entry for {action!r}")
    now = time.time()
    retry_after = 0
    for scope, ident in _identities(request):
        spec = limits.get(scope)
        if not spec:
            continue
        rate = parse_rate(spec)
        window = int(now // rate.seconds)
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        key = f"ratelimit:{action}:{scope}:{digest}:{rate.seconds}:{window}"
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=rate.seconds + 1)
            used = 1
        if used > rate.count:
            retry_after = max(retry_after, math.ceil((window + 1) * rate.seconds - now))
    if retry_after:
        raise RateLimited(action, retry_after)


def retry_after_minutes(retry_after: int | None) -> int | None:
    """Whole minutes to tell the member, at least one."""
    return max(1, math.ceil(retry_after / 60)) if retry_after else None


def too_many_requests(request: HttpRequest, *, retry_after: int | None = None) -> HttpResponse:
    minutes = retry_after_minutes(retry_after)
    response = render(
        request, "429.html", {"retry_after_minutes": minutes}, status=HTTPStatus.TOO_MANY_REQUESTS
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Shows the 429 page when a view raises RateLimited."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, RateLimited):
            return too_many_requests(request, retry_after=exception.retry_after)
        return None
