"""Read-replica routing, switched on by DATABASE_REPLICA_URL (see config/settings.py).

Reads go to the replica; writes, and every read inside a transaction or after a write
in the same request, go to the primary ("default"). A replica lags a little, so a
member who has just written something (a non-safe request) also reads from the
primary for the next few seconds, through a short-lived cookie: they see their own
answer after the redirect.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_started
from django.db import connections

PRIMARY, REPLICA = "default", "replica"
PIN_COOKIE = "use_primary"
_pinned: ContextVar[bool] = ContextVar("db_pinned_to_primary", default=False)


def pin_to_primary() -> None:
    """Send this request's remaining reads to the primary."""
    _pinned.set(True)


def _unpin(**kwargs) -> None:
    _pinned.set(False)


request_started.connect(_unpin, dispatch_uid="config.db_router.unpin")


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


class PinPrimaryMiddleware:
    """Reads of non-safe requests, and of the next few seconds after one, use the primary."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        unsafe = request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}
        if unsafe or PIN_COOKIE in request.COOKIES:
            pin_to_primary()
        response = self.get_response(request)
        if unsafe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
