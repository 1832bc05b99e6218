"""Signed-in members' thread pages, from a copy shared by all of them.

Most of a thread page looks the same to every ordinary member. The parts that do not are
marked in the templates with `{% slot %}` (forum/templatetags/slots.py): the header's
member links, the follow form and each post (its author sees more of it, a member who
marked it helpful sees that). The page is rendered once per page number for a member who wrote,
voted and followed nothing, and cached under the same generations as the anonymous page
cache (forum.cache), so any change to the thread renders it again. That copy records each
slot: its template, its key and its output for that member.

For a member, each slot their own state touches is rendered again from its template
with their context: the header always; the follow form if they follow the thread; a post
of their own or one they marked helpful. Every other slot
keeps the copy's output. The CSRF token is the one value put in after rendering.

Anyone else gets the ordinary render (`None`): moderators, the thread's asker (feature
buttons, their own notices), suspended members, an expert on a prescription question
(the acknowledgement), a member with posts in the thread only they can see (pending or
returned), and a member with a message waiting (it shows at the top of the page).

Measured (`make bench BENCH_ARGS="--threads 2000 --duration 5"`, issue 15, one shared
2-CPU machine, before and after back to back): with the layers this module replaced (a
cached user row fetched with the session, a per-member participation cache, per-process
copies, a prepared statement) a member's page made no query on a hit and ran at 400 req/s
(0.16x the floor; 0.30x on a quieter run); now it makes two (the user row, the member's
state) and ran at 139 req/s (0.09x). In-process the state query is about 2.4 ms of 7 ms.
If the 0.25x target weighs more than the lines, a participation cache (skip the state
query on threads the member never touched, under a member scope) is the layer to restore.

What a hit costs, measured again for issue 15 (CPU time in-process, production settings,
1M posts, a loaded 2-CPU machine; ms of about 3.9): the user row 1.0 (0.7 once read from
one fixed SQL text, accounts/backends.py: building the query cost more than running it),
the Redis get of the shared copy 0.45, the session 0.3, the state query 0.3, the header
slot's render 0.3, unpickling the copy and session 0.2, the CSRF token 0.07, joining the
copy's slots and putting the token in about 0.3; the rest is Django's middleware and
request handling. Each round trip (two to Redis, two to PostgreSQL) costs more in wall
time than its CPU on a busy machine. Under wrk (base and this change served side by side,
3 interleaved rounds of 8 s) that CPU saved was worth about 2% of req/s (190 vs 187; the
answerer 94 vs 91): on a shared 2-CPU machine PostgreSQL, Redis and wrk take the rest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string

from accounts.models import ExpertProfile
from config.context_processors import site as site_context
from forum import cache as page_cache
from forum import permissions
from forum.models import HelpfulVote, Post, PostStatus, ThreadFollow
from forum.templatetags.slots import EVERY_MEMBER, MARKER

_SLOT = re.compile(MARKER.format(r"(\d+)"))
_PUBLIC = {PostStatus.PUBLISHED, PostStatus.REMOVED, PostStatus.WITHDRAWN}
# The slots a member's own state touches, by template (see the {% slot %} tags).
FOLLOW = "forum/includes/follow_button.html"
POST = "includes/post.html"


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
    return (
        settings.FORUM_PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and user.is_authenticated
        and user.is_active
        and not user.is_suspended
        and not user.can_moderate
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
    """The member's thread page from the shared copy, or None to render it the usual way.

    `load_thread()` is the view's lookup of the thread, needed only when the copy is missing
    or old: the copy keeps the thread it was rendered with, current for as long as the copy
    is. `build_context(request, thread, viewer=...)` is the view's context for the page.
    """
    if not _eligible_member(request):
        return None
    user = request.user
    page_param = request.GET.get("page") or ""
    key = f"memberpage:{thread_id}:{hashlib.sha256(page_param.encode()).hexdigest()[:16]}"
    stored = page_cache.kept(
        key,
        [page_cache.thread_scope(thread_id)],
        lambda: _render_shared(request, load_thread(), build_context),
    )
    if stored is None:
        return None
    thread, page, slots = stored
    # The asker sees feature buttons and their own notices; a wrong slug is redirected.
    if thread.author_id == user.pk or thread.slug != slug:
        return None
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
    token = get_token(request)
    context = {
        "user": user,
        "thread": thread,
        "is_following": following,
        "csrf_token": token,
        "nav": site_context(request)["nav"],
        "posts": _posts(user, thread, (own.keys() | voted) & on_page, voted),
    }

    def fill(parts: list) -> str:
        # Text and slot numbers alternate (see _render_shared).
        return "".join(part if i % 2 == 0 else slot(*slots[part]) for i, part in enumerate(parts))

    def slot(name: str, key, shared: list) -> str:
        if key != EVERY_MEMBER and (name, key) not in mine:
            return fill(shared)
        post = context["posts"].get(key)
        return get_template(name).render({**context, "post": post}, request)

    return HttpResponse(fill(page).replace(page_cache.CSRF_MARKER, token))


# The member's state as one fixed SQL text: building this union with the ORM on every
# request cost more than running it (make bench, issue 15).
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
    mine, voted, found = {}, set(), set()
    for row_kind, pk, status in rows:
        if row_kind == "own":
            mine[pk] = status
        elif row_kind == "vote":
            voted.add(pk)
        found.add(row_kind)
    return mine, voted, "follow" in found, "expert" in found


def _posts(user, thread, post_ids, voted) -> dict:
    """The member's own posts and those they voted for, as they see them (id -> Post)."""
    if not post_ids:
        return {}
    posts = list(
        Post.objects.filter(thread=thread, pk__in=post_ids).select_related(
            "author", "author__expert_profile", "disclaimer", "video"
        )
    )
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
