"""The forum's caches, and the one rule that keeps them right: generations.

THE RULE FOR ADDING A CACHED PAGE
1. Name what the page shows as scopes: `LISTS` (anything on a thread list: home, search,
   the categories), `thread_scope(id)`, `member_scope(id)`; the whole site (`SITE`) is
   always included. Add a new scope function here if none fits.
2. Mark the view with `@cached_page(scopes)`, where `scopes(request, *args, **kwargs)`
   returns that list (or None to skip the cache for this request).
3. Make every write to what a scope covers call `bump(...)`: model saves and deletes do it
   through the receivers in `connect_signals()` at the bottom (add one for a new model);
   `queryset.update()` sends no signal, so the service that calls it bumps by hand.
That is all: tests/perf/test_cache_rule.py adds a page exactly this way. How it works and
what else is kept this way: docs/design.md, "Caches".
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from accounts.models import ExpertProfile
from config.cache_keys import bump_scopes, generations, keep, member_scope
from forum import related
from forum.models import Category, HelpfulVote, Post, Thread, ThreadFollow
from moderation.models import Disclaimer

SITE = "site"
# The reader's CSRF token in shared HTML (NUL never reaches a page from what members write).
CSRF_MARKER = "\x00csrf\x00"
LISTS = "lists"


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def kept(key: str, scopes: Iterable[str], compute: Callable[[], object]):
    """`compute()`, kept under `key` while the site's and these scopes' generations stay
    those it was computed under (the rule at the top, for a part of a page)."""
    current, found = generations([SITE, *scopes], with_keys=[key])
    return keep(found, key, current, compute)


def bump(*, thread=None, site=False, lists=True, member=None) -> None:
    """Say that a thread (an instance or an id), a member's own row or state (`member`, an
    id) or everything (`site=True`) changed. A thread also bumps the lists (home, search,
    every category: a thread can move between them), unless `lists=False` (a change only
    the thread page shows, e.g. a helpful vote). config.cache_keys.bump_scopes says when."""
    scopes = [SITE] if site else []
    if member is not None:
        scopes.append(member_scope(member))
    if thread is not None:
        scopes.append(thread_scope(getattr(thread, "pk", thread)))
    if lists and (thread is not None or site):
        scopes.append(LISTS)
    bump_scopes(scopes)


# --- Whole pages for anonymous visitors ------------------------------------------------


def cached_page(scopes: Callable[..., list[str] | None]):
    """Mark a view whose GETs visitors without cookies get from the cache (see the rule at
    the top). `scopes(request, *args, **kwargs)` lists what the page shows (beyond the
    whole site), or returns None to skip the cache for this request."""

    def decorator(view):
        view.page_cache_scopes = scopes
        return view

    return decorator


class PageCacheMiddleware:
    """Serves and stores the pages of views marked with `cached_page`, for GETs without a
    session or message cookie, before the rest of the stack runs (docs/design.md)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.identity_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        scopes = self._scopes(request)
        if scopes is None:
            return self.get_response(request)
        # The host is part of the key (and get_host() refuses hosts not in ALLOWED_HOSTS,
        # as CommonMiddleware would for a page rendered the ordinary way).
        address = f"{request.get_host()}{request.get_full_path()}"
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()[:32]
        current, found = generations([SITE, *scopes], with_keys=[key])
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            _current, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if _storable(request, response):
            entry = (current, response.status_code, list(response.items()), response.content)
            cache.set(key, entry, settings.FORUM_PAGE_CACHE_SECONDS)
        return response

    def _scopes(self, request: HttpRequest) -> list[str] | None:
        """What the page shows (beyond the whole site), or None when this request is not
        one for the cache."""
        if (
            settings.FORUM_PAGE_CACHE_SECONDS <= 0
            or request.method not in {"GET", "HEAD"}
            or any(name in request.COOKIES for name in self.identity_cookies)
        ):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        scopes = getattr(match.func, "page_cache_scopes", None)
        return scopes(request, *match.args, **match.kwargs) if scopes else None


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not response.has_header("Cache-Control")
    )


def list_page_scopes(request: HttpRequest, *args, **kwargs) -> list[str]:
    """Home, search and the categories: any thread's change can show there."""
    return [LISTS]


def thread_page_scopes(request: HttpRequest, thread_id: int, **kwargs) -> list[str]:
    return [thread_scope(thread_id)]


# --- Related questions: the ranking is kept for a while, the rows under the lists' scope --

RELATED_SECONDS = 600


def similar_threads(thread, question) -> list[Thread]:
    """The related questions beside a thread: forum.related's ranking kept RELATED_SECONDS,
    its rows read again when the site's or the lists' generations change."""
    body = question.body if question else ""
    source = repr((thread.title, body, thread.category_id)).encode()
    key = f"related:{thread.pk}:{hashlib.blake2b(source, digest_size=12).hexdigest()}"
    current, entries = generations([SITE, LISTS], with_keys=[key])
    stored = entries.get(key)
    if settings.FORUM_PAGE_CACHE_SECONDS <= 0 or stored is None:
        found = related.rank_similar(
            title=thread.title, body=body, category=thread.category, exclude_id=thread.pk
        )
        stored = (time.time(), [t.pk for t in found], current, found)
    elif stored[2] != current:
        stored = (stored[0], stored[1], current, related.published_in_order(stored[1]))
    else:
        return stored[3]
    cache.set(key, stored, max(1, round(stored[0] + RELATED_SECONDS - time.time())))
    return stored[3]


# --- A post as every visitor, or every member, sees it: kept by what it shows ----------

POST_HTML_SECONDS = 3600


class SharedPosts:
    """The HTML of the posts on a page as a visitor, or the member with no part in the
    thread (forum.member_page's neutral one), sees them. Each is kept under a digest of
    everything its template shows, so nothing needs telling when a post changes: a changed
    post has a new key, and a write to a thread costs the next reader the changed post
    alone, not the 50 on the page. A post's template that comes to show something new
    must add it to _shown_by(); the release in every key covers template edits. No
    reader's CSRF token is kept: visitors get no form under a post, and the neutral
    member's forms carry CSRF_MARKER, replaced per member (forum.member_page)."""

    def __init__(self, posts, viewer) -> None:
        # The reader's language and time zone show in a post's date.
        self.kind = (
            "member" if viewer.is_authenticated else "visitor",
            translation.get_language(),
            timezone.get_current_timezone_name(),
        )
        on = settings.FORUM_PAGE_CACHE_SECONDS > 0
        self.keys = {post.pk: self._key(post) for post in posts} if on else {}
        self.found = cache.get_many(list(self.keys.values())) if self.keys else {}

    @staticmethod
    def for_viewer(posts, viewer) -> SharedPosts | None:
        """None for a viewer whose posts look like no one else's (their own posts, their
        votes, a moderator's links): their page is rendered whole."""
        return SharedPosts(posts, viewer) if viewer.pk is None else None

    def html(self, post, render: Callable[[], str]) -> str:
        key = self.keys.get(post.pk)
        html = self.found.get(key) if key else None
        if html is None:
            html = render()
            if key:
                cache.set(key, html, POST_HTML_SECONDS)
        return html

    def _key(self, post) -> str:
        source = repr((*self.kind, *_shown_by(post))).encode()
        return "post:" + hashlib.blake2b(source, digest_size=16).hexdigest()


def _shown_by(post) -> tuple:
    """Every value templates/jinja2/includes/post.html shows of a post, for a viewer who
    wrote none of them (its own marks from forum.permissions.mark_for_viewer included).
    Its links follow from its id and the release's URLs; an author's and an expert's
    links, from the username and the profile's id (a reverse() each costs more)."""
    expert = post.expert_identity
    video = None if post.is_question else getattr(post, "video", None)
    author = post.author
    return (
        post.pk,
        post.is_question,
        post.status,
        post.status_reason,
        post.created_at,
        post.edited_at,
        post.featured_at,
        post.helpful_count,
        post.is_expert_answer,
        hashlib.blake2b(post.public_html.encode(), digest_size=16).digest(),
        post.shown_name,
        author.username,
        author.location,
        author.deleted_at,
        expert
        and (
            expert.is_verified,
            expert.linked_to_member,
            expert.public_name,
            expert.title,
            expert.organisation,
            expert.pk,
        ),
        post.disclaimer_text,
        post.disclaimer_id and post.disclaimer.version,
        video and (video.host, video.video_id, video.title, video.transcript),
        post.viewer_can_vote,
        post.viewer_voted,
        post.viewer_can_feature,
        post.viewer_can_edit,
        post.viewer_can_withdraw,
    )


# --- Saves through the ORM (the admin included) bump what they change --------------------


def _thread_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance if sender is Thread else instance.thread_id)  # a thread, or its post


def _vote_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance.post.thread_id, lists=False)


def _everything_changed(sender, instance, **kwargs) -> None:
    # Category names and slugs, experts' names, disclaimers: they show on every page. An
    # expert profile also changes its member's own state.
    bump(site=True, member=getattr(instance, "user_id", None))


def _member_changed(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """A member's row (cached with their session) or follows changed; a change to what others
    see of them (their name, say) shows on every page."""
    public = {"display_name", "location", "deleted_at", "username", "is_active"}
    site = sender is not ThreadFollow and not created
    site = site and (update_fields is None or bool(public & set(update_fields)))
    bump(member=getattr(instance, "user_id", instance.pk), site=site)


def connect_signals() -> None:
    """Called from ForumConfig.ready()."""
    receivers = {
        Post: _thread_changed,
        Thread: _thread_changed,
        HelpfulVote: _vote_changed,
        Category: _everything_changed,
        Disclaimer: _everything_changed,
        ExpertProfile: _everything_changed,
        ThreadFollow: _member_changed,
        get_user_model(): _member_changed,
    }
    for signal in (post_save, post_delete):
        for model, receiver in receivers.items():
            signal.connect(receiver, sender=model, dispatch_uid=f"cache-{model.__name__}-{signal}")
