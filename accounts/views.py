from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from forum.models import Post, Thread


@require_GET
def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(author=member)
        .select_related("category")
        .order_by("-created_at")[:20]
    )
    answers = (
        Post.objects.visible_to(request.user)
        .filter(author=member, is_question=False, status="published")
        .select_related("thread")
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "accounts/profile.html",
        {"member": member, "threads": threads, "answers": answers},
    )
