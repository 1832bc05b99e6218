"""Signed-in members' thread pages: a copy shared by all ordinary members, and each one's part.

The templates mark what differs per member with `{% slot %}` (forum/templatetags/slots.py).
The shared copy is the page of a member who wrote, voted and followed nothing, split at its
slots and kept under the site's and the thread's generations; a member's part is the output
of the slots their own state touches, kept under those and their own generation. Who gets
the ordinary render instead (None) and what a hit costs: docs/design.md, "Caches".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from accounts.models import ExpertProfile
from config.cache_keys import generations, keep, member_scope
from config.context_processors import site as site_context
from forum import cache as page_cache
from forum import permissions
from forum.models import HelpfulVote, Post, PostStatus, ThreadFollow
from forum.templatetags.slots import EVERY_MEMBER, MARKER, render_slot

_SLOT = re.compile(MARKER.format(r"(\d+)"))
_PUBLIC = {PostStatus.PUBLISHED, PostStatus.REMOVED, PostStatus.WITHDRAWN}
# The slots a member's own state touches, by template (see the {% slot %} tags).
FOLLOW = "forum/includes/follow_button.html"
POST = "includes/post.html"


# A signed-in member who wrote nothing on the page, voted on nothing, follows nothing.
NEUTRAL = SimpleNamespace(
    pk=None, id=None, is_authenticated=True, is_anonymous=False, is_active=True,
    is_suspended=False, can_moderate=False, is_expert=False, verified_expert_profile=None,
    notify_on_answers=False, username="", public_name="",
)  # fmt: skip


def _eligible_member(request: HttpRequest) -> bool:
    user = request.user
    return (
        settings.FORUM_PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and user.is_authenticated
        and user.is_active
        and not user.is_suspended
        and not user.has_protected_role  # their header and powers hang on their 2FA too
        # A message waiting (e.g. "Your answer has been posted.") shows at the top.
        and not len(messages.get_messages(request))
    )


def thread_page(
    request: HttpRequest,
    thread_id: int,
    slug: str,
    *,
    load_thread: Callable,
    build_context: Callable,
) -> HttpResponse | None:
    """The member's page from the shared copy and their part, or None to render it the usual
    way. `load_thread()` is the view's lookup of the thread, needed only when the copy is
    missing or old (the copy keeps the thread it was rendered with);
    `build_context(request, thread, viewer=...)` is the view's context for the page."""
    if not _eligible_member(request):
        return None
    user = request.user
    page = hashlib.sha256((request.GET.get("page") or "").encode()).hexdigest()[:16]
    shared_key, part_key = (
        f"memberpage:{thread_id}:{page}",
        f"memberpart:{user.pk}:{thread_id}:{page}",
    )
    scopes = [page_cache.SITE, page_cache.thread_scope(thread_id), member_scope(user.pk)]
    current, found = generations(scopes, with_keys=[shared_key, part_key])
    shared = keep(
        found, shared_key, current.rpartition(".")[0],
        lambda: _render_shared(request, load_thread(), build_context),
    )  # fmt: skip
    # The asker sees feature buttons and their own notices; a wrong slug is redirected.
    if shared is None or shared[0].author_id == user.pk or shared[0].slug != slug:
        return None
    thread, html, slots = shared
    part = keep(found, part_key, current, lambda: _render_part(request, thread, slots))
    if part is None:
        return None

    def fill(parts: list) -> str:  # text and slot numbers alternate (see _render_shared)
        return "".join(
            (part[p] if p in part else fill(slots[p][2])) if i % 2 else p
            for i, p in enumerate(parts)
        )

    return HttpResponse(fill(html).replace(page_cache.CSRF_MARKER, get_token(request)))


def _render_part(request: HttpRequest, thread, slots: list) -> dict | None:
    """The member's part of the page: {slot number: output} for the slots their own state
    touches, with CSRF_MARKER for their token; None for a page that differs in more."""
    user = request.user
    own, voted, following, expert = _member_state(user, thread)
    if expert:
        return None  # experts answering a prescription question tick an acknowledgement
    if any(status not in _PUBLIC for status in own.values()):
        return None  # posts only this member sees change the page and its pagination
    on_page = {key for _name, key, _parts in slots if isinstance(key, int)}
    voted &= on_page
    mine = {(POST, pk) for pk in own.keys() | voted}
    if following:
        mine.add((FOLLOW, None))
    posts = _posts(user, thread, (own.keys() | voted) & on_page, voted)
    shown = [posts[pk] for pk in own.keys() & posts.keys()]
    if any(post.shows_crisis_support or post.shows_urgent_help for post in shown):
        return None  # the helplines shown to her follow her browser's languages
    context = {"user": user, "request": request, "thread": thread, "is_following": following}
    context.update(csrf_token=page_cache.CSRF_MARKER, nav=site_context(request)["nav"])
    return {
        number: render_slot(name, {**context, "post": posts.get(key)})
        for number, (name, key, _parts) in enumerate(slots)
        if key == EVERY_MEMBER or (name, key) in mine
    }


# The member's state as one fixed SQL text (building this union with the ORM cost more
# than running it) and one query, so a page filling the cache stays under 12 queries.
_STATE_SQL = f"""
    SELECT 'own', id, status FROM {Post._meta.db_table} WHERE thread_id = %s AND author_id = %s
    UNION ALL SELECT 'vote', vote.post_id, '' FROM {HelpfulVote._meta.db_table} vote
        JOIN {Post._meta.db_table} post ON post.id = vote.post_id
        WHERE post.thread_id = %s AND vote.voter_id = %s
    UNION ALL SELECT 'follow', thread_id, '' FROM {ThreadFollow._meta.db_table}
        WHERE thread_id = %s AND user_id = %s
    UNION ALL SELECT 'expert', id, '' FROM {ExpertProfile._meta.db_table}
        WHERE %s AND user_id = %s
"""  # noqa: S608 - table names from the models, values as parameters


def _member_state(user, thread) -> tuple[dict, set, bool, bool]:
    """In one query: the member's posts in the thread (id -> status), the posts in it they
    marked helpful, whether they follow it and, on a prescription question, whether they
    have an expert profile (verified or not: the ordinary render decides)."""
    ids = [thread.pk, user.pk] * 3 + [thread.is_prescription_question, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL, ids)
        rows = cursor.fetchall()
    mine = {pk: status for kind, pk, status in rows if kind == "own"}
    voted = {pk for kind, pk, _status in rows if kind == "vote"}
    found = {kind for kind, _pk, _status in rows}
    return mine, voted, "follow" in found, "expert" in found


def _posts(user, thread, post_ids, voted) -> dict:
    """The member's own posts and those they voted for, as they see them (id -> Post)."""
    if not post_ids:
        return {}
    posts = list(Post.objects.filter(thread=thread, pk__in=post_ids).as_shown())
    permissions.mark_for_viewer(posts, user, thread, voted)
    return {post.pk: post for post in posts}


def _render_shared(request: HttpRequest, thread, build_context) -> tuple | None:
    """The thread, the page as the neutral member sees it and its slots, each (template,
    key, output); None for a thread not published (not a page members share). The page
    and each output are split at the slot markers: text and slot numbers alternate."""
    if thread.status != PostStatus.PUBLISHED:
        return None
    slots: list = []
    context = build_context(request, thread, viewer=NEUTRAL)
    context.update(user=NEUTRAL, csrf_token=page_cache.CSRF_MARKER, messages=(), shared_slots=slots)
    html = render_to_string("forum/thread_detail.html", context, request=request)

    def split(text: str) -> list:
        parts = _SLOT.split(text)
        return [int(part) if i % 2 else part for i, part in enumerate(parts)]

    return thread, split(html), [(name, key, split(output)) for name, key, output in slots]
