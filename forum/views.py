from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from forum import services
from forum.forms import AskForm, ReplyForm
from forum.models import Category, Post, PostStatus, Thread


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse(
            "database unavailable", status=HTTPStatus.SERVICE_UNAVAILABLE, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=HTTPStatus.NOT_FOUND)


def _thread_list(queryset):
    return queryset.select_related("author", "category").only(
        "id",
        "title",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "is_prescription_question",
        "is_locked",
        "status",
        "author__id",
        "author__username",
        "author__display_name",
        "author__deleted_at",
        "category__id",
        "category__name",
        "category__slug",
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.all())
    recent = _thread_list(Thread.objects.filter(status=PostStatus.PUBLISHED))[:15]
    return render(request, "forum/home.html", {"categories": categories, "recent": recent})


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    threads = _thread_list(
        Thread.objects.filter(category=category, status=PostStatus.PUBLISHED)
    ).order_by("-last_activity_at", "-id")
    page = Paginator(threads, settings.FORUM_THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/category.html", {"category": category, "page": page})


def _get_thread_for_view(request: HttpRequest, thread_id: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("category", "author"),
        pk=thread_id,
    )


@require_GET
def thread_redirect(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _get_thread_for_view(request, thread_id)
    return redirect(thread, permanent=True)


def _thread_context(request: HttpRequest, thread: Thread, reply_form: ReplyForm | None = None):
    posts = list(
        Post.objects.visible_to(request.user)
        .filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "id")
    )
    question = next((p for p in posts if p.is_question), None)
    answers = [p for p in posts if not p.is_question]
    can_reply = (
        request.user.is_authenticated
        and not thread.is_locked
        and thread.status == PostStatus.PUBLISHED
    )
    return {
        "thread": thread,
        "question": question,
        "answers": answers,
        "reply_form": reply_form or (ReplyForm() if can_reply else None),
        "can_reply": can_reply,
    }


@require_GET
def thread_detail(request: HttpRequest, thread_id: int, slug: str) -> HttpResponse:
    thread = _get_thread_for_view(request, thread_id)
    if slug != thread.slug:
        return redirect(thread, permanent=True)
    return render(request, "forum/thread_detail.html", _thread_context(request, thread))


@login_required
def thread_start(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None, initial={"category": request.GET.get("category")})
    if request.method == "POST" and form.is_valid():
        thread = services.start_thread(
            author=request.user,
            category=form.cleaned_data["category"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Your question has been posted."))
        return redirect(thread)
    return render(request, "forum/thread_start.html", {"form": form})


@login_required
@require_POST
def reply_create(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _get_thread_for_view(request, thread_id)
    if thread.is_locked or thread.status != PostStatus.PUBLISHED:
        messages.error(request, _("This thread is not taking new answers."))
        return redirect(thread)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        context = _thread_context(request, thread, reply_form=form)
        return render(request, "forum/thread_detail.html", context, status=HTTPStatus.BAD_REQUEST)
    post = services.post_reply(author=request.user, thread=thread, body=form.cleaned_data["body"])
    messages.success(request, _("Thank you, your answer has been posted."))
    return redirect(post.get_absolute_url())
