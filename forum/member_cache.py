"""The thread page for signed-in members, from a cached copy shared by all of them.

Most of a thread page (header, question, answers, pagination, reply form, related
questions, footer) looks the same to every ordinary member. The whole page is rendered
once per page number as a "neutral" member would see it (someone who wrote none of the
posts, votes on none and follows nothing), with placeholders for the CSRF token and for
the member's part of the header, and cached under the same generation numbers as the
anonymous page cache (forum/cache.py), so any change to the thread renders it again.

Each request then applies the member's own state to that copy:
- their part of the header (name, notice count, log-out form), rendered fresh;
- the CSRF token (one masked token, as `{% csrf_token %}` would give);
- the "This helped me" buttons of the posts they marked helpful;
- the follow form;
- their own posts on the page, as only their author sees them (edit and withdraw links),
  rendered once per copy in each process (_own_posts).
Their votes, follow and posts in the thread come from one query, made only when the
thread is one they took part in: the cached list of those threads (see Participation)
comes in the same round trip as the shared copy.

Anyone else gets the ordinary render (`None` from `thread_page`): moderators, the thread's
asker (feature buttons, prescription notice), experts on a prescription question (the
acknowledgement form), suspended members, a member with posts in the thread that only
they can see (pending or returned ones), and a member with a message waiting (it shows
at the top of the page).
"""

from __future__ import annotations

import copy
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

import psycopg
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.models import ExpertProfile
from config.context_processors import site as site_context
from config.generations import generation_values
from forum import cache as page_cache
from forum import permissions
from forum.models import HelpfulVote, Post, PostStatus, ThreadFollow

# NUL never reaches a page from what members write (forms reject it, Markdown replaces
# it), so it cannot be confused with text in a post.
CSRF_PLACEHOLDER = "\x00csrf\x00"
NAV_PLACEHOLDER = "\x00member-nav\x00"
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
    if user.can_moderate:
        return False
    # A message waiting (e.g. "Your answer has been posted.") shows at the top of the page.
    return not len(messages.get_messages(request))


def _eligible_thread(request: HttpRequest, thread, slug: str) -> bool:
    # The asker sees feature buttons and their own notice; a wrong slug is redirected.
    return (
        thread.status == PostStatus.PUBLISHED
        and thread.author_id != request.user.pk
        and thread.slug == slug
    )


def _member_state(user, thread, post_ids: list[int], *, with_participation: bool = False) -> dict:
    """In one query: the member's posts in the thread (id -> status), their votes among
    `post_ids`, whether they follow the thread, (on a prescription question) whether they
    have an expert profile and, `with_participation`, a Participation."""
    posts, votes = Post._meta.db_table, HelpfulVote._meta.db_table
    follows, experts = ThreadFollow._meta.db_table, ExpertProfile._meta.db_table
    # Only table names and a constant are put into the SQL; the values are parameters. The
    # text is the same for every page, so PostgreSQL can keep it prepared (_fetch_prepared).
    parts = [
        f"SELECT 'own', id, status FROM {posts} WHERE thread_id = %s AND author_id = %s",  # noqa: S608 - table names only
        f"SELECT 'vote', v.post_id, '' FROM {votes} v JOIN {posts} p ON p.id = v.post_id "  # noqa: S608 - table names only
        "WHERE v.voter_id = %s AND p.thread_id = %s",
        f"SELECT 'following', thread_id, '' FROM {follows} WHERE thread_id = %s AND user_id = %s",  # noqa: S608 - table names only
    ]
    params = [thread.pk, user.pk, user.pk, thread.pk, thread.pk, user.pk]
    if thread.is_prescription_question or with_participation:
        parts.append(f"SELECT 'expert', id, '' FROM {experts} WHERE user_id = %s")  # noqa: S608 - table names only
        params.append(user.pk)
    if with_participation:
        parts.append(
            f"SELECT 'touched', thread_id, '' FROM (SELECT thread_id FROM {posts} "  # noqa: S608 - table names and a constant only
            f"WHERE author_id = %s UNION SELECT p.thread_id FROM {votes} v JOIN {posts} p "
            f"ON p.id = v.post_id WHERE v.voter_id = %s UNION SELECT thread_id FROM {follows} "
            f"WHERE user_id = %s LIMIT {_TOUCHED_MAX + 1}) touched"
        )
        params += [user.pk, user.pk, user.pk]
    on_page = set(post_ids)
    state: dict = {"own": {}, "voted": set(), "following": False, "expert": False}
    touched = set()
    for kind, pk, status in _fetch_prepared(" UNION ALL ".join(parts), params):
        if kind == "own":
            state["own"][pk] = status
        elif kind == "vote":
            if pk in on_page:
                state["voted"].add(pk)
        elif kind == "touched":
            touched.add(pk)
        else:
            state[kind] = True
    if with_participation:
        threads = frozenset(touched) if len(touched) <= _TOUCHED_MAX else None
        state["participation"] = Participation(threads, state["expert"])
    return state


def _fetch_prepared(sql: str, params: list) -> list[tuple]:
    """Rows of a query run on every member's thread page.

    On PostgreSQL it runs as a prepared statement: planning it took longer than running
    it (about 0.3 ms against 0.06 ms at a million posts). settings.DB_PREPARED_STATEMENTS
    lets the connection keep prepared statements; Django's own cursors never make any, so
    this is the only one. It goes through Django's cursor wrapper (error translation,
    execute wrappers) like any other query.
    """
    if connection.vendor != "postgresql" or connection.queries_logged:
        # Logged queries (DEBUG, tests counting them) go the ordinary way, so the log shows
        # their SQL: a prepared statement's text is not kept on the cursor.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.ensure_connection()
    with connection.make_cursor(_PreparingCursor(connection.connection)) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _PreparingCursor(psycopg.Cursor):
    """psycopg's server-side binding cursor, preparing each statement it runs."""

    def execute(self, query, params=None, **kwargs):
        kwargs.setdefault("prepare", True)
        return super().execute(query, params, **kwargs)


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
    current, stored, taken_part, member_generation = _shared_copy(key, scopes, request.user.pk)
    if stored is None:
        thread = load_thread()
        if not _eligible_thread(request, thread, slug):
            return None
        stored, posts = _render_shared(request, thread, build_context, generation=current)
        cache.set(key, stored, settings.FORUM_PAGE_CACHE_SECONDS)
        stored = _remember(key, stored, posts)
    thread = stored["thread"]
    if not _eligible_thread(request, thread, slug):
        return None
    if taken_part is None:
        state = _member_state(
            request.user, thread, list(stored["authors"]), with_participation=True
        )
        _remember_participation(request.user.pk, member_generation, state["participation"])
    elif taken_part.threads is None or thread.pk in taken_part.threads:
        state = _member_state(request.user, thread, list(stored["authors"]))
    else:
        state = {"own": {}, "voted": (), "following": False, "expert": taken_part.expert}
    if state["expert"] and thread.is_prescription_question:
        return None  # experts answering a prescription question tick an acknowledgement
    if any(status not in _PUBLIC for status in state["own"].values()):
        return None  # posts only this member sees change the page and its pagination
    token = get_token(request)
    try:
        content = _personalise(request, thread, stored, state, token)
    except _Unexpected:
        return None
    nav = get_template("includes/member_nav.html").render(
        {"user": request.user, "nav": site_context(request)["nav"], "csrf_token": token}
    )
    return HttpResponse(content.replace(NAV_PLACEHOLDER, nav, 1))


# The shared copies this process used last. While a copy's generation is current, a
# request fetches only the generation numbers (a few bytes) instead of the copy (about
# 60 KB for 50 answers): a third of the time a member's page took at a million posts.
_RECENT: OrderedDict[str, dict] = OrderedDict()
_RECENT_MAX = 64


def _shared_copy(key: str, scopes: list[str], user_id: int):
    """(current generations, the shared copy if there is a current one, the member's
    Participation if known, the member's generation), in one round trip when this process
    has the copy."""
    recent = _RECENT.get(key)
    part_key = _participation_key(user_id)
    keys = [part_key] if recent is not None else [key, part_key]
    values, found = generation_values([*scopes, page_cache.member_scope(user_id)], keys)
    current, member_generation = ".".join(values[:-1]), values[-1]
    entry = found.get(part_key)
    taken_part = entry[1] if entry is not None and entry[0] == member_generation else None
    if recent is not None and recent["generation"] == current:
        _RECENT.move_to_end(key)
        return current, recent, taken_part, member_generation
    # Not in this process, or older: another process may have rendered the current one.
    stored = found[key] if key in found else cache.get(key)
    if stored is None or stored["generation"] != current:
        return current, None, taken_part, member_generation
    return current, _remember(key, stored), taken_part, member_generation


# Most pages a member reads are of threads they never wrote in, voted in or followed: for
# those their state is known without a query. Which threads they did take part in, and
# whether they have an expert profile, is cached under their own generation
# (forum.cache.member_scope), which their new posts, votes, follows and expert profile
# bump; it is read with the shared copy and, when missing or old, filled by the same query
# that reads their state. A member in more threads than this is always asked the database.
_TOUCHED_MAX = 5000


class Participation(NamedTuple):
    threads: frozenset | None  # None: more than _TOUCHED_MAX
    expert: bool  # has an expert profile (verified or not)


def _participation_key(user_id: int) -> str:
    return f"participation:{user_id}"


def _remember_participation(user_id: int, generation: str, taken_part: Participation) -> None:
    # Stored under the generation read before the query: a change committed after that
    # read bumps it again, so this entry would not be used.
    cache.set(
        _participation_key(user_id), (generation, taken_part), settings.FORUM_PAGE_CACHE_SECONDS
    )


def _remember(key: str, stored: dict, posts: dict | None = None) -> dict:
    """Keep a shared copy in this process, with the posts it shows when this process
    rendered it ("posts": id -> Post) and room for its members' own posts (_own_posts)."""
    kept = {**stored, "posts": dict(posts or {}), "own_html": {}}
    _RECENT[key] = kept
    _RECENT.move_to_end(key)
    while len(_RECENT) > _RECENT_MAX:
        _RECENT.popitem(last=False)
    return kept


def _render_shared(request: HttpRequest, thread, build_context, *, generation: str):
    """(the shared copy, to cache; the posts it shows, id -> Post)."""
    context = build_context(request, thread, viewer=NEUTRAL)
    shown = ([context["question"]] if context["question"] else []) + list(context["featured"])
    shown += list(context["answers"])
    context.update(
        user=NEUTRAL,
        csrf_token=CSRF_PLACEHOLDER,
        member_nav=mark_safe(NAV_PLACEHOLDER),  # noqa: S308 - a constant
        messages=(),  # the member's own messages are never in the shared copy
    )
    html = render_to_string("forum/thread_detail.html", context, request=request)
    follow = render_to_string(
        "forum/includes/follow_button.html",
        {"user": NEUTRAL, "thread": thread, "is_following": False, "csrf_token": CSRF_PLACEHOLDER},
    )
    stored = {
        "generation": generation,
        "thread": thread,
        "html": html,
        "follow": follow,
        "authors": {post.pk: post.author_id for post in shown},
    }
    return stored, {post.pk: post for post in shown}


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
        edits += _own_posts(request, thread, html, own_on_page, stored)
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
    return content


def _own_posts(request: HttpRequest, thread, html: str, post_ids: list[int], kept: dict):
    """The member's own posts, rendered as only their author sees them.

    `kept` is this process's entry for the shared copy: "posts" holds the posts it shows
    (when this process rendered it; others are loaded and added) and "own_html" each own
    post's rendering, with the CSRF placeholder. Both stay right for as long as the copy
    is: what an author sees of their post depends only on the post and the thread, since
    suspended members never get here.
    """
    user = request.user
    known, rendered = kept["posts"], kept["own_html"]
    missing = [pk for pk in post_ids if pk not in rendered and pk not in known]
    if missing:
        loaded = Post.objects.filter(pk__in=missing, thread=thread).select_related(
            "author", "author__expert_profile", "disclaimer", "video"
        )
        known.update((post.pk, post) for post in loaded)
    template = get_template("includes/post.html")
    edits = []
    for pk in post_ids:
        if pk not in rendered:
            if pk not in known:
                raise _Unexpected
            post = copy.copy(known[pk])  # the shared one keeps what the neutral member sees
            post.thread = thread
            post.viewer_can_edit = permissions.can_edit_post(user, post)
            post.viewer_can_withdraw = permissions.can_withdraw_post(user, post)
            post.viewer_can_vote = permissions.can_vote_helpful(user, post)
            post.viewer_voted = False  # members cannot vote on their own posts
            post.viewer_can_feature = False  # only the asker and moderators feature
            fresh = template.render(
                {"post": post, "thread": thread, "user": user, "csrf_token": CSRF_PLACEHOLDER},
                request,
            )
            fresh_start, fresh_end = _article_span(fresh, pk)
            rendered[pk] = fresh[fresh_start:fresh_end]
        start, end = _article_span(html, pk)
        edits.append((start, end, rendered[pk]))
    return edits
