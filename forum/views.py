from __future__ import annotations

import functools
from http import HTTPStatus
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, router, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import fixed_queries, ratelimit
from forum import cache as page_cache
from forum import digest, member_page, permissions, related, search, services
from forum.forms import BODY_MAX, AskForm, EditPostForm, ReplyForm
from forum.models import Category, HelpfulVote, Post, PostStatus, Thread, ThreadFollow
from forum.notifications import UNFOLLOW_EXPIRED, read_unfollow_token
from forum.pagination import DeferredJoinPaginator
from forum.rendering import render_markdown
from moderation.help import reads_as


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


BODY_PREVIEW_MAX = BODY_MAX


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
        "expert_reply_count",
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
@page_cache.cached_page(page_cache.list_page_scopes)
def home(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.all())
    recent = _thread_list(Thread.objects.filter(status=PostStatus.PUBLISHED))[:15]
    return render(request, "forum/home.html", {"categories": categories, "recent": recent})


# Each category ordering is backed by a partial index on (category, ...) in Thread.Meta.
CATEGORY_SORTS = {
    "activity": ("Latest activity", ("-last_activity_at", "-id")),
    "newest": ("Newest", ("-created_at", "-id")),
    "unanswered": ("Unanswered", ("-created_at", "-id")),
}


@require_GET
@page_cache.cached_page(page_cache.list_page_scopes)
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    sort = request.GET.get("sort", "activity")
    if sort not in CATEGORY_SORTS:
        sort = "activity"
    threads = Thread.objects.filter(category=category, status=PostStatus.PUBLISHED)
    if sort == "unanswered":
        threads = threads.filter(reply_count=0)
    threads = _thread_list(threads).order_by(*CATEGORY_SORTS[sort][1])
    # Page 500 costs what page 1 does: ids from the sort's index first (forum/pagination.py).
    page = DeferredJoinPaginator(threads, settings.FORUM_THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    following = {"is_following": False, "digest_on": False}
    if request.user.is_authenticated:
        following = digest.following_state(user=request.user, category=category)
    return render(
        request,
        "forum/category.html",
        {
            **following,
            "category": category,
            "page": page,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _order) in CATEGORY_SORTS.items()],
            "query_prefix": f"sort={sort}&" if sort != "activity" else "",
        },
    )


# Who sees what on a thread page: the shapes its queries take (config.fixed_queries).
ANONYMOUS, MEMBER, MODERATOR = "anonymous", "member", "moderator"
_STAND_IN_VIEWERS = {
    ANONYMOUS: AnonymousUser(),
    MEMBER: get_user_model()(pk=fixed_queries.VIEWER),  # an ordinary member's rules
    MODERATOR: SimpleNamespace(is_authenticated=True, can_moderate=True),  # sees all
}


def _viewer_kind(user) -> str:
    if not (user.is_authenticated and user.pk):
        return ANONYMOUS  # forum.member_page's neutral member sees what visitors see
    return MODERATOR if user.can_moderate else MEMBER


@functools.lru_cache(maxsize=16)
def _fixed_thread(alias: str, kind: str, author: bool) -> fixed_queries.FixedQuery:
    related = ("category", "author") if author else ("category",)
    threads = Thread.objects.using(alias).visible_to(_STAND_IN_VIEWERS[kind])
    return fixed_queries.FixedQuery(
        threads.select_related(*related).filter(pk=fixed_queries.THREAD).order_by()
    )


def _get_thread_for_view(request: HttpRequest, thread_id: int, *, author=True) -> Thread:
    """`author=False`: without the asker's row (the thread page shows the question's)."""
    user = request.user
    query = _fixed_thread(router.db_for_read(Thread), _viewer_kind(user), author)
    found = query.rows(thread=thread_id, viewer=user.pk)
    if not found:
        raise Http404("No thread found.")
    return found[0]


@require_GET
def thread_redirect(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _get_thread_for_view(request, thread_id)
    return redirect(thread, permanent=True)


def _thread_posts(alias: str, kind: str):
    """The posts of the thread (THREAD) this kind of viewer sees, as a queryset."""
    posts = Post.objects.using(alias).visible_to(_STAND_IN_VIEWERS[kind])
    posts = posts.filter(thread_id=fixed_queries.THREAD)
    # The text with contact details highlighted is shown only to moderators.
    return posts if kind == MODERATOR else posts.defer("body_html_marked")


def _answers(alias: str, kind: str):
    """The answers shown in time order under the featured ones (paginated)."""
    answers = _thread_posts(alias, kind).filter(is_question=False).exclude(_FEATURED)
    return answers.order_by("created_at", "id")


@functools.lru_cache(maxsize=16)
def _fixed_answer_count(alias: str, kind: str) -> fixed_queries.FixedQuery:
    counted = _answers(alias, kind).order_by().values("thread_id").annotate(n=Count("pk"))
    return fixed_queries.FixedQuery(counted.values_list("n"), instances=False)


@functools.lru_cache(maxsize=256)
def _fixed_page_posts(alias: str, kind: str, first: int, per_page: int) -> fixed_queries.FixedQuery:
    """The question, the featured answers and the `per_page` answers from answer `first`,
    with what they are shown with, in one query, in time order.

    A thread has one question (a constraint) and at most MAX_FEATURED_ANSWERS featured
    (services.set_featured is the only writer of featured_at), so the LIMIT never cuts a
    row. It is there for PostgreSQL's planner: without it, it guesses a tenth of a long
    thread's posts and joins their authors by reading the whole member table (bench,
    1,000 answers and 5,000 members: 4.4 ms in the database; with it, 0.9 ms)."""
    on_page = _answers(alias, kind).values("pk")[first : first + per_page]
    top = Q(is_question=True) | (_FEATURED & Q(is_question=False))
    posts = _thread_posts(alias, kind).filter(top | Q(pk__in=on_page))
    posts = posts.as_shown().order_by("created_at", "id")
    return fixed_queries.FixedQuery(posts[: 1 + services.MAX_FEATURED_ANSWERS + per_page])


_FEATURED = Q(featured_at__isnull=False, status=PostStatus.PUBLISHED)


def _is_featured(post: Post) -> bool:
    """_FEATURED, for a post in hand."""
    return post.featured_at is not None and post.status == PostStatus.PUBLISHED


def _thread_context(
    request: HttpRequest,
    thread: Thread,
    reply_form: ReplyForm | None = None,
    preview_html: str = "",
    viewer=None,
):
    """The thread page: question, featured answers, then the rest in time order, paginated.

    `viewer` renders it for someone other than request.user (forum.member_page's neutral
    member, who has no account row: sees what every member sees, voted on nothing).
    """
    user = viewer or request.user
    alias, kind = router.db_for_read(Post), _viewer_kind(user)
    ids = {"thread": thread.pk, "viewer": user.pk}
    counted = _fixed_answer_count(alias, kind).rows(**ids)
    per_page = settings.FORUM_ANSWERS_PER_PAGE
    # Paginated by their number alone (a range of that length): the rows come next.
    page = Paginator(range(counted[0][0] if counted else 0), per_page).get_page(
        request.GET.get("page")
    )
    # The question, the featured answers and this page's answers, with their authors, in one query.
    first = (page.number - 1) * per_page
    rows = _fixed_page_posts(alias, kind, first, per_page).rows(**ids)
    question = next((post for post in rows if post.is_question), None)
    featured = [post for post in rows if not post.is_question and _is_featured(post)]
    featured.sort(key=lambda post: (post.featured_at, post.pk))
    page.object_list = [post for post in rows if not post.is_question and not _is_featured(post)]
    shown = ([question] if question else []) + featured + list(page.object_list)
    voted: set[int] = set()
    is_following = False
    if user.is_authenticated and user.pk:
        voted = set(
            HelpfulVote.objects.filter(voter=user, post__in=[p.pk for p in shown]).values_list(
                "post_id", flat=True
            )
        )
        is_following = ThreadFollow.objects.filter(thread=thread, user=user).exists()
    permissions.mark_for_viewer(shown, user, thread, voted)
    can_reply = (
        user.is_authenticated and not thread.is_locked and thread.status == PostStatus.PUBLISHED
    )
    return {
        "thread": thread,
        "question": question,
        "featured": featured if page.number == 1 else [],
        "answers": page.object_list,
        "page": page,
        "reply_form": reply_form or (_reply_form(request, thread, user) if can_reply else None),
        "preview_html": preview_html,
        "can_reply": can_reply,
        "is_following": is_following,
        "related": page_cache.similar_threads(thread, question),
        "shared_posts": page_cache.SharedPosts.for_viewer(shown, user),
    }


def _reply_form(request: HttpRequest, thread: Thread, viewer=None, data=None) -> ReplyForm:
    """Experts answering a prescription question must tick an acknowledgement first.

    `viewer`: whom the form is for, when not request.user (see _thread_context)."""
    require = thread.is_prescription_question and (viewer or request.user).is_expert
    return ReplyForm(data, require_acknowledgement=require)


@require_GET
@page_cache.cached_page(page_cache.thread_page_scopes)
def thread_detail(request: HttpRequest, thread_id: int, slug: str) -> HttpResponse:
    load_thread = functools.cache(lambda: _get_thread_for_view(request, thread_id, author=False))
    # Ordinary signed-in members: the page shared by all of them, their own parts rendered.
    shared = member_page.thread_page(
        request, thread_id, slug, load_thread=load_thread, build_context=_thread_context
    )
    if shared is not None:
        return shared
    thread = load_thread()
    if slug != thread.slug:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponsePermanentRedirect(thread.get_absolute_url() + query)
    return render(request, "forum/thread_detail.html", _thread_context(request, thread))


SIMILAR_MIN_TITLE = 8


@login_required
def thread_start(request: HttpRequest) -> HttpResponse:
    permissions.check_can_post(request.user)
    # From search's "ask this question" link, the words she searched for start the title.
    initial = {
        "category": request.GET.get("category"),
        "title": request.GET.get("title", "")[: Thread._meta.get_field("title").max_length],
    }
    form = AskForm(request.POST or None, initial=initial)
    if request.method == "POST" and "preview" in request.POST:
        form.is_valid()  # show what still needs fixing alongside the preview
        preview_html = render_markdown(request.POST.get("body", "")[:BODY_PREVIEW_MAX])
        context = {
            "form": form,
            "preview_html": preview_html,
            "similar": _similar_questions(
                request.POST.get("title", ""),
                request.POST.get("body", ""),
                request.POST.get("category", ""),
            ),
            **_help_before_posting(request),
        }
        return render(request, "forum/thread_start.html", context)
    if request.method == "POST" and form.is_valid():
        ratelimit.consume(request, "ask")
        thread = services.start_thread(
            author=request.user,
            category=form.cleaned_data["category"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        question = thread.posts.get(is_question=True)
        if question.shows_urgent_help or question.shows_crisis_support:
            # The help at the top of her thread comes first; no cheerful "posted" message.
            return redirect(thread)
        messages.success(request, _("Your question has been posted."))
        if thread.is_prescription_question:
            messages.info(
                request,
                _(
                    "Your question is about changing a prescribed medicine. Only the person "
                    "who prescribed it can advise you on that, so please keep taking it as "
                    "prescribed until you have talked to them. The notice above your question "
                    "suggests what to ask."
                ),
            )
        return redirect(thread)
    # Not posted (something to fix): if she described an urgent symptom, the help comes now.
    context = _help_before_posting(request) if request.method == "POST" else {}
    return render(request, "forum/thread_start.html", {"form": form, **context})


def _similar_questions(title: str, body: str = "", category_id: str = "") -> list[Thread]:
    """Up to five published questions like the one she is writing (forum.related)."""
    title = " ".join(title.split())[: Thread._meta.get_field("title").max_length]
    if len(title) < SIMILAR_MIN_TITLE:
        return []
    category = None
    if category_id.isdigit():
        category = Category.objects.filter(pk=int(category_id)).only("id", "slug").first()
    return related.rank_similar(title=title, body=body[:BODY_MAX], category=category)


@login_required
@require_GET
def thread_similar(request: HttpRequest) -> HttpResponse:
    """The similar-questions list under the title on the ask page (static/js/similar.js)."""
    similar = _similar_questions(request.GET.get("title", ""), "", request.GET.get("category", ""))
    return render(request, "forum/thread_similar.html", {"similar": similar})


def _help_before_posting(request: HttpRequest) -> dict:
    """What the checks find in a question not yet posted: the call-now banner or the crisis
    lines are shown before she posts. Never blocks or delays posting."""
    found = reads_as(request.POST.get("title", ""), request.POST.get("body", "")[:BODY_MAX])
    return {
        "shows_urgent_help": "urgent_symptom" in found,
        "shows_crisis_support": "crisis" in found,
    }


@login_required
@require_POST
def reply_create(request: HttpRequest, thread_id: int) -> HttpResponse:
    permissions.check_can_post(request.user)
    thread = _get_thread_for_view(request, thread_id)
    if thread.is_locked or thread.status != PostStatus.PUBLISHED:
        messages.error(request, _("This thread is not taking new answers."))
        return redirect(thread)
    form = _reply_form(request, thread, data=request.POST)
    if "preview" in request.POST:
        form.is_valid()
        preview_html = render_markdown(request.POST.get("body", "")[:BODY_PREVIEW_MAX])
        context = _thread_context(request, thread, reply_form=form, preview_html=preview_html)
        return render(request, "forum/thread_detail.html", context)
    if not form.is_valid():
        context = _thread_context(request, thread, reply_form=form)
        return render(request, "forum/thread_detail.html", context, status=HTTPStatus.BAD_REQUEST)
    body = form.cleaned_data["body"]
    with transaction.atomic():
        # Before the rate limit: a resent or double-clicked answer is not another answer.
        earlier = services.earlier_identical_reply(author=request.user, thread=thread, body=body)
        if earlier is None:
            ratelimit.consume(request, "reply")
            post = services.post_reply(author=request.user, thread=thread, body=body)
    if earlier is not None:
        messages.info(
            request,
            _(
                "You sent this answer a moment ago, so we kept it once. Nothing you wrote "
                "is lost: here it is."
            ),
        )
        return redirect(_post_url(request.user, earlier))
    if post.shows_urgent_help or post.shows_crisis_support:
        pass  # the help shown in her post comes first; no cheerful "posted" message
    elif post.is_pending:
        messages.warning(
            request,
            _(
                "Thank you. Your answer is saved and waits for a moderator before others can "
                "see it. %(why)s"
            )
            % {"why": post.status_reason},
        )
    else:
        messages.success(request, _("Thank you, your answer has been posted."))
    return redirect(_post_url(request.user, post))


# --- Links to one post, editing and withdrawing ----------------------------------------


def _post_url(user, post: Post) -> str:
    """The thread page (and page number) where the post is shown, with its anchor."""
    thread = post.thread
    url = thread.get_absolute_url()
    if not post.is_question and not (post.featured_at and post.is_published):
        earlier = (
            Post.objects.visible_to(user)
            .filter(thread_id=thread.pk, is_question=False)
            .exclude(_FEATURED)
            .filter(
                Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
            )
            .count()
        )
        page_number = earlier // settings.FORUM_ANSWERS_PER_PAGE + 1
        if page_number > 1:
            url += f"?page={page_number}"
    return f"{url}#post-{post.pk}"


def _get_post_for_action(request: HttpRequest, post_id: int) -> Post:
    """A post the user may see (in a thread they may see), or 404.

    Someone else's removed or withdrawn post shows only as a placeholder, so there is
    nothing to act on: 404, as if it were not there (moderators excepted).
    """
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "thread__category"),
        pk=post_id,
    )
    if (
        post.status in (PostStatus.REMOVED, PostStatus.WITHDRAWN)
        and post.author_id != request.user.pk
        and not request.user.can_moderate
    ):
        raise Http404
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    return post


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    permissions.check_can_post(request.user)
    post = _get_post_for_action(request, post_id)
    permissions.check(permissions.can_edit_post(request.user, post))
    initial = {"body": post.body, "title": post.thread.title}
    form = EditPostForm(request.POST or None, initial=initial, is_question=post.is_question)
    preview_html = ""
    limited: ratelimit.RateLimited | None = None
    if request.method == "POST" and "preview" in request.POST:
        form.is_valid()
        preview_html = render_markdown(request.POST.get("body", "")[:BODY_PREVIEW_MAX])
    elif request.method == "POST" and form.is_valid():
        try:
            ratelimit.consume(request, "edit")
        except ratelimit.RateLimited as error:
            limited = error  # the page again, with what they wrote, unsaved
        else:
            changed = services.edit_post(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            )
            post.refresh_from_db()
            if changed and not (post.shows_urgent_help or post.shows_crisis_support):
                messages.success(request, _("Your changes are saved."))
            return redirect(_post_url(request.user, post))
    status = HTTPStatus.BAD_REQUEST if request.method == "POST" and form.errors else HTTPStatus.OK
    context = {"post": post, "thread": post.thread, "form": form, "preview_html": preview_html}
    if limited is not None:
        context["retry_after_minutes"] = ratelimit.retry_after_minutes(limited.retry_after)
        response = render(
            request, "forum/post_edit.html", context, status=HTTPStatus.TOO_MANY_REQUESTS
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    return render(request, "forum/post_edit.html", context, status=status)


@login_required
def post_withdraw(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _get_post_for_action(request, post_id)
    permissions.check(permissions.can_withdraw_post(request.user, post))
    if request.method == "POST":
        try:
            services.withdraw_post(post=post, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_post_url(request.user, post))
        messages.success(request, _("Your post is withdrawn. Others see that you took it back."))
        if post.is_question:
            return redirect(post.thread.category)
        return redirect(_post_url(request.user, post))
    return render(request, "forum/post_withdraw.html", {"post": post, "thread": post.thread})


# --- Helpful votes, featured answers, following ------------------------------------------


@login_required
@require_POST
def vote(request: HttpRequest, post_id: int) -> HttpResponse:
    permissions.check_can_post(request.user)
    post = _get_post_for_action(request, post_id)
    permissions.check(permissions.can_vote_helpful(request.user, post))
    ratelimit.consume(request, "vote")
    services.toggle_helpful(post=post, voter=request.user)
    return redirect(_post_url(request.user, post))


@login_required
@require_POST
def feature(request: HttpRequest, post_id: int) -> HttpResponse:
    permissions.check_can_post(request.user)
    post = _get_post_for_action(request, post_id)
    permissions.check(permissions.can_feature_post(request.user, post))
    wanted = request.POST.get("action", "feature") != "unfeature"
    try:
        services.set_featured(post=post, by=request.user, featured=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    post.refresh_from_db()
    return redirect(_post_url(request.user, post))


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def thread_follow(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = _get_thread_for_view(request, thread_id)
    if request.POST.get("action") == "unfollow":
        services.unfollow_thread(thread_id=thread.pk, user=request.user)
        messages.success(request, _("You no longer follow this question."))
    else:
        permissions.check_can_post(request.user)
        services.follow_thread(thread=thread, user=request.user)
        if request.user.notify_on_answers:
            messages.success(request, _("You follow this question: we will e-mail new answers."))
        else:
            messages.success(
                request,
                _("You follow this question. Answer e-mails are off in your e-mail preferences."),
            )
    return redirect(_safe_next(request, thread.get_absolute_url()))


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def email_unfollow(request: HttpRequest, token: str) -> HttpResponse:
    """Stop e-mails about one question from a link in an e-mail, without logging in.

    GET only asks (mail scanners and link previews open links); the button POSTs, and so
    does a mail client's one-click unsubscribe (List-Unsubscribe-Post, RFC 8058).
    """
    found = read_unfollow_token(token)
    if found == UNFOLLOW_EXPIRED:
        return render(request, "forum/email_unfollow.html", {"expired": True}, status=400)
    if found is None:
        return render(request, "forum/email_unfollow.html", {"invalid": True}, status=400)
    user_id, thread_id = found
    thread = Thread.objects.filter(pk=thread_id).only("id", "title", "slug", "status").first()
    context = {"thread": thread, "token": token}
    if request.method == "GET":
        return render(request, "forum/email_unfollow.html", {**context, "confirm": True})
    if request.POST.get("action") == "refollow" and thread is not None:
        ThreadFollow.objects.get_or_create(thread_id=thread_id, user_id=user_id)
        return render(request, "forum/email_unfollow.html", {**context, "refollowed": True})
    ThreadFollow.objects.filter(thread_id=thread_id, user_id=user_id).delete()
    return render(request, "forum/email_unfollow.html", context)


@login_required
@require_POST
def category_follow(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    if request.POST.get("action") == "unfollow":
        digest.unfollow_category(category=category, user=request.user)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": category.name})
    else:
        digest.follow_category(category=category, user=request.user)
        messages.success(
            request,
            _(
                "You follow %(name)s: its new questions go into your weekly digest, "
                "if you ask for one."
            )
            % {"name": category.name},
        )
    return redirect(_safe_next(request, category.get_absolute_url()))


@login_required
@require_POST
def digest_settings(request: HttpRequest) -> HttpResponse:
    on = request.POST.get("action") == "on"
    digest.set_weekly_digest(user_id=request.user.pk, on=on)
    if on:
        messages.success(
            request,
            _(
                "We will e-mail you a weekly digest of what is new in what you follow. "
                "Each one has a link to stop it."
            ),
        )
    else:
        messages.success(request, _("The weekly digest is off."))
    return redirect(_safe_next(request, reverse("forum:home")))


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def digest_off(request: HttpRequest, token: str) -> HttpResponse:
    """Stop the weekly digest from the link in it, without logging in. GET only asks (mail
    scanners open links); the button POSTs, as does a one-click unsubscribe."""
    return weekly_email_switch(
        request,
        token,
        read_token=digest.read_digest_off_token,
        switch=lambda user_id, on: digest.set_weekly_digest(user_id=user_id, on=on),
        template="forum/digest_off.html",
    )


def weekly_email_switch(request, token: str, *, read_token, switch, template: str):
    """The page behind a weekly e-mail's stop link (the members' digest, the experts'):
    a link that is forged or cut short, or too old, says so; GET only asks; a POST stops
    the e-mail, or starts it again with action=on. `switch(whose, on)` changes the setting."""
    found = read_token(token)
    if found == UNFOLLOW_EXPIRED:
        return render(request, template, {"expired": True}, status=400)
    if found is None:
        return render(request, template, {"invalid": True}, status=400)
    context = {"token": token}
    if request.method == "GET":
        return render(request, template, {**context, "confirm": True})
    on = request.POST.get("action") == "on"
    switch(found, on)
    return render(request, template, {**context, "back_on": on})


# --- Search, feeds' neighbours --------------------------------------------------------------


@require_GET
@page_cache.cached_page(page_cache.list_page_scopes)
def search_view(request: HttpRequest) -> HttpResponse:
    query = search.clean_query(request.GET.get("q"))
    categories = list(Category.objects.only("id", "name", "slug"))
    chosen = next((c for c in categories if c.slug == request.GET.get("category")), None)
    context = {"query": query, "categories": categories, "chosen": chosen, "page": None}
    if not query.problem:
        found = search.find(
            user=request.user, query=query, category=chosen, exact=bool(request.GET.get("exact"))
        )
        searched, correction = found.searched, found.correction
        # search.find ranked and counted them already (up to MOST_COUNTED): the page's ids
        # come from that list, then one query fetches those threads with what they show.
        paginator = Paginator(found.ids, settings.FORUM_THREADS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = search.shown_threads(
            user=request.user, found=found, ids=list(page.object_list)
        )
        for thread in page.object_list:
            thread.snippet = search.snippet(thread.headline, searched.terms)
        params = {"q": query.text}
        if chosen:
            params["category"] = chosen.slug
        if request.GET.get("exact"):
            params["exact"] = "1"
        context.update(
            page=page,
            searched=searched,
            correction=correction,
            all_words=found.all_words,
            more_than=search.MOST_COUNTED if found.count > search.MOST_COUNTED else None,
            also_tried=found.also_tried,
            query_prefix=urlencode(params) + "&",
            exact_url=f"{reverse('forum:search')}?{urlencode({**params, 'exact': '1'})}",
            ask_url=f"{reverse('forum:thread-start')}?{urlencode({'title': query.text})}",
        )
    status = HTTPStatus.OK if query.problem in ("", "empty") else HTTPStatus.BAD_REQUEST
    return render(request, "forum/search.html", context, status=status)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /moderation/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search",
        f"Sitemap: {request.build_absolute_uri(reverse('forum:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")
