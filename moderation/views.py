from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from moderation.models import Flag, ModerationAction
from moderation.permissions import moderator_required


@require_GET
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    flags = (
        Flag.objects.filter(state=Flag.State.OPEN)
        .select_related("post__thread", "post__author", "reporter")
        .order_by("-is_urgent", "created_at")
    )
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/queue.html", {"page": page})


@require_GET
@moderator_required
def log(request: HttpRequest) -> HttpResponse:
    actions = ModerationAction.objects.select_related("actor")
    page = Paginator(actions, 100).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page})
