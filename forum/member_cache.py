"""The thread page for signed-in members, from a cached copy shared by all of them.

Most of a thread page (question, answers, pagination, reply form, related questions)
looks the same to every ordinary member. That part is rendered once per page number as a
"neutral" member would see it (someone who wrote none of the posts, votes on none and
follows nothing), with a placeholder for the CSRF token, and cached under the same
generation numbers as the anonymous page cache (forum/cache.py), so any change to the
thread renders it again.

Each request then applies the member's own state to that copy:
- the CSRF token (one masked token, as `{% csrf_token %}` would give);
- the "This helped me" buttons of the posts they marked helpful (one query);
- the follow form (one query);
- their own posts on the page, rendered fresh (edit/withdraw links, notes only the
  author sees; one query, only when they have posts on the page).

Anyone else gets the ordinary render (`None` from `thread_page`): moderators, the thread's
asker (feature buttons, prescription notice), experts on a prescription question (the
acknowledgement form), suspended members, and a member with posts in the thread that only
they can see (pending or returned ones).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.models import ExpertProfile
from forum import cache as page_cache
from forum import permissions
from forum.models import HelpfulVote, Post, PostStatus, ThreadFollow

# NUL never reaches a page from what members write (forms reject it, Markdown replaces
# it), so it cannot be confused with text in a post.
CSRF_PLACEHOLDER = "\x00csrf\x00"
CONTENT_ONLY_LAYOUT = "forum/content_only.html"
_PUBLIC = {PostStatus.PUBLISHED, PostStatus.REMOVED, PostStatus.WITHDRAWN}
# How post_actions.html shows the helpful button before and after the member's vote.
_NOT_VOTED = (
    '<button type="submit" class="button button-secondary button-small" '
    'aria-pressed="false">This helped me</button>'
)
_VOTED = (
    '<button type="submit" class="button button-secondary button-small" '
    'aria-pressed="true">Helpful ✓ (undo)</button>'
)


class _Unexpected(Exception):
    """The cached copy does not look as expected: render the page the ordinary way."""


class NeutralMember:
    """A signed-in member who wrote nothing on the page, voted on nothing, follows nothing."""

    pk = None
    id = None
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_suspended = False
    can_moderate = False
    is_expert = False
    verified_expert_profile = None
    notify_on_answers = False
    username = ""
    public_name = ""


NEUTRAL = NeutralMember()


def _eligible_member(request: HttpRequest) -> bool:
    user = request.user
    if settings.FORUM_PAGE_CACHE_SECONDS <= 0 or request.method not in {"GET", "HEAD"}:
        return False
    if not user.is_authenticated or not user.is_active or user.is_suspended:
        return False
    return not user.can_moderate


def _eligible_thread(request: HttpRequest, thread, slug: str) -> bool:
    # The asker sees feature buttons and their own notice; a wrong slug is redirected.
    return (
        thread.status == PostStatus.PUBLISHED
        and thread.author_id != request.user.pk
        and thread.slug == slug
    )


def _member_state(user, thread, post_ids: list[int]) -> dict:
    """In one query: the member's posts in the thread (id -> status), their votes among
    `post_ids`, whether they follow the thread and (on a prescription question) whether
    they have an expert profile."""
    if connection.vendor == "postgresql":
        # One array parameter: the SQL text stays the same whatever the page holds, so
        # psycopg parses it once per process instead of on every request.
        in_posts, post_params = "= ANY(%s)", [post_ids]
    else:
        in_posts = f"IN ({', '.join(['%s'] * len(post_ids)) or 'NULL'})"
        post_params = post_ids
    posts, votes = Post._meta.db_table, HelpfulVote._meta.db_table
    follows, experts = ThreadFollow._meta.db_table, ExpertProfile._meta.db_table
    # Only table names and placeholders are put into the SQL; the values are parameters.
    parts = [
        f"SELECT 'own', id, status FROM {posts} WHERE thread_id = %s AND author_id = %s",  # noqa: S608 - table names only
        f"SELECT 'vote', post_id, '' FROM {votes} WHERE voter_id = %s AND post_id {in_posts}",  # noqa: S608 - table names and placeholders only
        f"SELECT 'following', thread_id, '' FROM {follows} WHERE thread_id = %s AND user_id = %s",  # noqa: S608 - table names only
    ]
    params = [thread.pk, user.pk, user.pk, *post_params, thread.pk, user.pk]
    if thread.is_prescription_question:
        parts.append(f"SELECT 'expert', id, '' FROM {experts} WHERE user_id = %s")  # noqa: S608 - table names only
        params.append(user.pk)
    state: dict = {"own": {}, "voted": set(), "following": False, "expert": False}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for kind, pk, status in cursor.fetchall():
            if kind == "own":
                state["own"][pk] = status
            elif kind == "vote":
                state["voted"].add(pk)
            else:
                state[kind] = True
    return state


def thread_page(
    request: HttpRequest,
    thread_id: int,
    slug: str,
    *,
    load_thread: Callable[[], object],
    build_context: Callable[..., dict],
) -> HttpResponse | None:
    """The member's thread page from the shared copy, or None to render it the usual way.

    `load_thread()` is the view's (memoised) lookup of the thread, needed only when the
    copy is missing or stale: the copy keeps the thread it was rendered with, current for
    as long as the copy is. `build_context(request, thread, viewer=...)` is the view's
    context for the page.
    """
    if not _eligible_member(request):
        return None
    page_param = request.GET.get("page") or ""
    digest = hashlib.sha256(page_param.encode()).hexdigest()[:16]
    key = f"memberpage:{thread_id}:member:{digest}"
    scopes = [page_cache.SITE, page_cache.thread_scope(thread_id)]
    current, stored = page_cache.generations(scopes, with_key=key)
    if stored is None or stored["generation"] != current:
        thread = load_thread()
        if not _eligible_thread(request, thread, slug):
            return None
        stored = _render_shared(request, thread, build_context, generation=current)
        cache.set(key, stored, settings.FORUM_PAGE_CACHE_SECONDS)
    thread = stored["thread"]
    if not _eligible_thread(request, thread, slug):
        return None
    state = _member_state(request.user, thread, list(stored["authors"]))
    if state["expert"]:
        return None  # experts answering a prescription question tick an acknowledgement
    if any(status not in _PUBLIC for status in state["own"].values()):
        return None  # posts only this member sees change the page and its pagination
    token = get_token(request)
    try:
        content = _personalise(request, thread, stored, state, token)
    except _Unexpected:
        return None
    context = {"thread": thread, "thread_content": content, "csrf_token": token}
    return render(request, "forum/thread_detail.html", context)


def _render_shared(request: HttpRequest, thread, build_context, *, generation: str) -> dict:
    context = build_context(request, thread, viewer=NEUTRAL)
    shown = ([context["question"]] if context["question"] else []) + list(context["featured"])
    shown += list(context["answers"])
    context.update(user=NEUTRAL, csrf_token=CSRF_PLACEHOLDER, layout=CONTENT_ONLY_LAYOUT)
    html = render_to_string("forum/thread_detail.html", context, request=request)
    follow = render_to_string(
        "forum/includes/follow_button.html",
        {"user": NEUTRAL, "thread": thread, "is_following": False, "csrf_token": CSRF_PLACEHOLDER},
    )
    return {
        "generation": generation,
        "thread": thread,
        "html": html,
        "follow": follow,
        "authors": {post.pk: post.author_id for post in shown},
    }


def _article_span(html: str, post_id: int) -> tuple[int, int]:
    anchor = html.find(f'id="post-{post_id}"')
    start = html.rfind("<article", 0, anchor) if anchor >= 0 else -1
    end = html.find("</article>", anchor) if anchor >= 0 else -1
    if start < 0 or end < 0:
        raise _Unexpected
    return start, end + len("</article>")


def _personalise(request: HttpRequest, thread, stored: dict, state: dict, token: str) -> str:
    user = request.user
    html: str = stored["html"]
    edits: list[tuple[int, int, str]] = []
    # Their own posts: rendered fresh, as only the author sees them.
    own_on_page = [pk for pk in stored["authors"] if pk in state["own"]]
    if own_on_page:
        edits += _own_posts(request, thread, html, own_on_page, token)
    # Their helpful votes.
    for post_id in state["voted"]:
        start, end = _article_span(html, post_id)
        form = html.find(f'action="{reverse("forum:vote", args=[post_id])}"', start, end)
        if form < 0:
            continue  # no helpful button on this post (e.g. withdrawn since)
        button = html.find(_NOT_VOTED, form, end)
        if button < 0:
            raise _Unexpected
        edits.append((button, button + len(_NOT_VOTED), _VOTED))
    # The follow form.
    if state["following"]:
        start = html.find(stored["follow"])
        if start < 0:
            raise _Unexpected
        fresh = render_to_string(
            "forum/includes/follow_button.html",
            {"user": user, "thread": thread, "is_following": True, "csrf_token": token},
        )
        edits.append((start, start + len(stored["follow"]), fresh))
    edits.sort()
    parts, position = [], 0
    for start, end, replacement in edits:
        if start < position:
            raise _Unexpected
        parts += [html[position:start], replacement]
        position = end
    parts.append(html[position:])
    content = "".join(parts).replace(CSRF_PLACEHOLDER, token)
    return mark_safe(content)  # noqa: S308 - our own template output, escaped when rendered


def _own_posts(request: HttpRequest, thread, html: str, post_ids: list[int], token: str):
    user = request.user
    posts = Post.objects.filter(pk__in=post_ids, thread=thread).select_related(
        "author", "author__expert_profile", "disclaimer"
    )
    template = get_template("includes/post.html")
    edits = []
    for post in posts:
        post.thread = thread
        post.viewer_can_edit = permissions.can_edit_post(user, post)
        post.viewer_can_withdraw = permissions.can_withdraw_post(user, post)
        post.viewer_can_vote = permissions.can_vote_helpful(user, post)
        post.viewer_voted = False  # members cannot vote on their own posts
        post.viewer_can_feature = False  # only the asker and moderators feature
        fresh = template.render(
            {"post": post, "thread": thread, "user": user, "csrf_token": token}, request
        )
        fresh_start, fresh_end = _article_span(fresh, post.pk)
        start, end = _article_span(html, post.pk)
        edits.append((start, end, fresh[fresh_start:fresh_end]))
    return edits
