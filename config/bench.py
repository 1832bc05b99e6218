"""Views for `make bench` only, mounted when BENCH_ENDPOINTS=1."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def floor(request: HttpRequest) -> HttpResponse:
    """The framework floor: the full middleware stack and no database or cache work."""
    return HttpResponse("ok", content_type="text/plain")
