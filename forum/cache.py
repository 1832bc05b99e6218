"""Whole-page caching for anonymous readers, kept right by generation numbers.

Each cached page's key holds the current "generation" of what it shows: the site, the
thread lists (home, category pages, search), one category or one thread. A write bumps
the generations it touches, so the next reader gets a fresh render and older copies are
never read again (they expire on their own). Generations live in the shared cache
(Redis in production), so a bump on one app server is seen by all.

Who bumps:
- forum.services and moderation call `bump(thread=...)` / `bump(category=...)` when they
  change a thread, its posts or counters (also through queryset.update(), which sends no
  signal);
- model saves and deletes of Post, Thread and Category (the admin included) bump through
  the signal receivers at the bottom, and a change to a member's public name or an expert
  profile bumps the whole site;
- a member's new post, helpful vote, follow or expert profile bumps their own scope
  (member_scope): forum.member_cache keeps which threads they took part in under it.

Signed-in members are never served these pages (they see their own pending posts, votes
and messages), nor is anyone with a message waiting, and a page is not stored when it set
a cookie or used a CSRF token.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

SITE = "site"
LISTS = "lists"
# Response headers worth keeping with a cached page (the middleware adds the rest).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Robots-Tag", "Link")


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def member_scope(user_id: int) -> str:
    """What a member has written, voted on and followed (see forum.member_cache)."""
    return f"member:{user_id}"


def category_scope(slug: str) -> str:
    # By slug, as in the URL: a cached category page needs no query to find its scope.
    return f"category:{slug}"


def _category_slug(*, category=None, category_id: int | None = None, thread_id=None):
    """The slug of a category given as an instance, an id, or through one of its threads."""
    from forum.models import Category, Thread

    if category is not None and hasattr(category, "slug"):
        return category.slug
    if category is not None:
        category_id = category
    if category_id is not None:
        return Category.objects.filter(pk=category_id).values_list("slug", flat=True).first()
    rows = Thread.objects.filter(pk=thread_id).values_list("category__slug", flat=True)
    return rows.first()


def _gen_key(scope: str) -> str:
    return f"gen:{scope}"


def _fresh_generation() -> int:
    # Never restart at 0: pages stored under an evicted generation must stay unreachable.
    return time.time_ns() // 1000


def generations(scopes: Iterable[str], *, with_key: str | None = None):
    """The current generation of each scope, as one string.

    With `with_key`, that entry is fetched in the same round trip and returned too:
    (generations, value or None).
    """
    values, found = generation_values(scopes, [with_key] if with_key else [])
    current = ".".join(values)
    return (current, found.get(with_key)) if with_key else current


def generation_values(scopes: Iterable[str], keys: list[str]) -> tuple[list[str], dict]:
    """The current generation of each scope and the entries under `keys`, in one round trip."""
    gen_keys = [_gen_key(s) for s in scopes]
    found = cache.get_many([*gen_keys, *keys])
    for key in gen_keys:
        if key not in found:
            cache.add(key, _fresh_generation(), timeout=None)
            found[key] = cache.get(key)
            if found[key] is None:
                # The cache is not answering (config/redis_cache.py): a value used once, so
                # nothing kept under an earlier one (here, or in a process) passes for current.
                found[key] = f"unread-{uuid.uuid4().hex}"
    return [str(found.pop(k)) for k in gen_keys], found


def bump_scopes(scopes: list[str]) -> None:
    """Bump these generations now and again when the transaction commits (see bump())."""
    _bump_now(scopes)
    transaction.on_commit(lambda: _bump_now(scopes), robust=True)


def _bump_now(scopes: Iterable[str]) -> None:
    for scope in scopes:
        key = _gen_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any new value invalidates
            cache.set(key, _fresh_generation(), timeout=None)


def bump(
    *,
    thread=None,
    category=None,
    site: bool = False,
    lists: bool = True,
    thread_id: int | None = None,
    category_id: int | None = None,
) -> None:
    """Say that a thread, a category's list, or everything changed.

    `thread` and `category` take an instance or an id (or pass `thread_id=` /
    `category_id=`); a thread also bumps its category's list. `lists=False` leaves the
    home page, category pages and search alone (for a change only the thread page shows,
    e.g. a helpful vote).

    The bump happens now (the writer's own next page is fresh) and again when the
    transaction commits, so a reader who rendered the old rows between the two cannot
    leave them cached.
    """
    thread = thread if thread is not None else thread_id
    category = category if category is not None else category_id
    scopes = []
    if site:
        scopes.append(SITE)
    if lists:
        scopes.append(LISTS)
    if thread is not None:
        thread_id = getattr(thread, "pk", thread)
        scopes.append(thread_scope(thread_id))
        if lists:
            loaded = getattr(thread, "category", None) if _category_loaded(thread) else None
            slug = _category_slug(
                category=loaded,
                category_id=getattr(thread, "category_id", None),
                thread_id=thread_id,
            )
            if slug:
                scopes.append(category_scope(slug))
    if category is not None:
        slug = _category_slug(category=category)
        if slug:
            scopes.append(category_scope(slug))
    bump_scopes(scopes)


# --- The page cache ---------------------------------------------------------------------
#
# A cacheable view is marked by `cache_anonymous_page`. PageCacheMiddleware, near the top
# of the middleware stack, serves visitors who carry no session or message cookie straight
# from the cache, before sessions, CSRF, authentication, messages or the view run, and
# stores pages with the headers the whole stack gave them. Anonymous visitors who do carry
# a session cookie are served from the same entries by the decorator, after
# authentication has shown they are not signed in and have no message waiting.


def _servable_from_cache(request: HttpRequest) -> bool:
    if settings.FORUM_PAGE_CACHE_SECONDS <= 0 or request.method not in {"GET", "HEAD"}:
        return False
    if request.user.is_authenticated:
        return False
    # A message waiting for this visitor (e.g. "You have signed out.") must be shown.
    return not len(messages.get_messages(request))


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not response.has_header("Cache-Control")
    )


def _page_key(request: HttpRequest) -> str:
    # The host is part of the key (and get_host() refuses hosts not in ALLOWED_HOSTS,
    # as CommonMiddleware would for a page rendered the ordinary way).
    address = f"{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _lookup(request: HttpRequest, scopes: list[str]) -> tuple[str, str, tuple | None]:
    """(key, current generations, stored entry if it is still current) in one round trip."""
    key = _page_key(request)
    current, stored = generations([SITE, *scopes], with_key=key)
    if stored is not None and stored[0] != current:
        stored = None
    return key, current, stored


def _from_entry(entry: tuple, *, all_headers: bool) -> HttpResponse:
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        if all_headers or name in _KEPT_HEADERS:
            response[name] = value
    return response


def cache_anonymous_page(scopes: Callable[..., list[str] | None]):
    """Serve anonymous GETs of a view from the cache.

    `scopes(request, *args, **kwargs)` lists what the page shows (beyond the whole site),
    or returns None to skip the cache for this request.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _servable_from_cache(request):
                return view(request, *args, **kwargs)
            # The middleware looked this page up already when the visitor had no cookies.
            found = getattr(request, "_page_cache_lookup", None)
            if found is None:
                page_scopes = scopes(request, *args, **kwargs)
                if page_scopes is None:
                    return view(request, *args, **kwargs)
                # One entry per URL, stored with the generations it was rendered under and
                # fetched with the current ones in one round trip: a page is served only if
                # nothing it shows has changed since.
                found = _lookup(request, page_scopes)
            key, current, stored = found
            if stored is not None:
                # The middleware below this view adds the other headers again.
                return _from_entry(stored, all_headers=False)
            response = view(request, *args, **kwargs)
            request._page_cache_store = (key, current)  # by PageCacheMiddleware
            return response

        wrapped.page_cache_scopes = scopes
        return wrapped

    return decorator


class PageCacheMiddleware:
    """Serves and stores the pages of views marked with `cache_anonymous_page`.

    Goes right after SecurityMiddleware and WhiteNoise: a visitor with no session and no
    message cookie cannot be signed in or have a message waiting, so their page comes
    from the cache without running the rest of the stack, with the headers that stack
    gave it when it was stored (SecurityMiddleware adds its own on the way out).
    """

    def __init__(self, get_response) -> None:
        from django.contrib.messages.storage.cookie import CookieStorage

        self.get_response = get_response
        self.identity_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.FORUM_PAGE_CACHE_SECONDS > 0
            and request.method in {"GET", "HEAD"}
            and not any(name in request.COOKIES for name in self.identity_cookies)
        ):
            found = self._lookup(request)
            if found is not None:
                if found[2] is not None:
                    return _from_entry(found[2], all_headers=True)
                request._page_cache_lookup = found
        response = self.get_response(request)
        store = getattr(request, "_page_cache_store", None)
        if store is not None and _storable(request, response):
            key, current = store
            headers = list(response.items())  # cookies are not headers here, and none were set
            entry = (current, response.status_code, headers, response.content)
            cache.set(key, entry, settings.FORUM_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _lookup(request: HttpRequest):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        scopes = getattr(match.func, "page_cache_scopes", None)
        if scopes is None:
            return None
        page_scopes = scopes(request, *match.args, **match.kwargs)
        if page_scopes is None:
            return None
        return _lookup(request, page_scopes)


def _category_loaded(thread) -> bool:
    from forum.models import Thread

    return isinstance(thread, Thread) and Thread.category.is_cached(thread)


# --- Saves through the ORM (the admin included) ------------------------------------------


def _post_changed(sender, instance, **kwargs) -> None:
    # The thread is usually loaded already (services pass it in); else one small query.
    loaded = type(instance).thread.is_cached(instance)
    bump(thread=instance.thread if loaded else instance.thread_id)


def _thread_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance)


def _vote_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance.post.thread_id, lists=False)
    bump_scopes([member_scope(instance.voter_id)])


def _follow_changed(sender, instance, **kwargs) -> None:
    bump_scopes([member_scope(instance.user_id)])


def _post_created(sender, instance, created=False, **kwargs) -> None:
    if created and instance.author_id is not None:
        bump_scopes([member_scope(instance.author_id)])


def _category_changed(sender, instance, **kwargs) -> None:
    # Names and slugs show on every page, and an old slug's pages must go: everything.
    bump(site=True)


def _public_identity_changed(sender, instance, created=False, update_fields=None, **kwargs):
    public = {"display_name", "location", "deleted_at", "username", "is_active"}
    if not created and (update_fields is None or public & set(update_fields)):
        bump(site=True)


def _expert_profile_changed(sender, instance, **kwargs) -> None:
    bump(site=True)
    bump_scopes([member_scope(instance.user_id)])


def connect_signals() -> None:
    """Called from ForumConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from accounts.models import ExpertProfile
    from forum.models import Category, HelpfulVote, Post, Thread, ThreadFollow

    for signal in (post_save, post_delete):
        signal.connect(_post_changed, sender=Post, dispatch_uid=f"cache-post-{signal}")
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"cache-thread-{signal}")
        signal.connect(_category_changed, sender=Category, dispatch_uid=f"cache-category-{signal}")
        signal.connect(_vote_changed, sender=HelpfulVote, dispatch_uid=f"cache-vote-{signal}")
        signal.connect(_follow_changed, sender=ThreadFollow, dispatch_uid=f"cache-follow-{signal}")
        signal.connect(
            _expert_profile_changed, sender=ExpertProfile, dispatch_uid=f"cache-expert-{signal}"
        )
    post_save.connect(_post_created, sender=Post, dispatch_uid="cache-post-created")
    post_save.connect(
        _public_identity_changed, sender=get_user_model(), dispatch_uid="cache-user-save"
    )


# --- What each cached page shows (the `scopes` argument of cache_anonymous_page) ---------


def list_page_scopes(request: HttpRequest, *args, **kwargs) -> list[str]:
    """Home and search: any thread's change can show there."""
    return [LISTS]


def category_page_scopes(request: HttpRequest, slug: str, **kwargs) -> list[str]:
    return [category_scope(slug)]


def thread_page_scopes(request: HttpRequest, thread_id: int, **kwargs) -> list[str]:
    return [thread_scope(thread_id)]


# --- Post fragments: the part of a post every reader sees alike ----------------------------


class PostFragments:
    """Rendered HTML of a thread page's posts, shared by every reader who sees them alike.

    Everyone but moderators, and the post's own author, sees a post's header, text,
    expert byline and disclaimer the same way; that part is cached per post under the
    thread's generation (any change in the thread renders it again). The per-reader part
    (vote and edit buttons, with their CSRF token) is rendered fresh each time.
    Used by the {% cachedpost %} tag in includes/post.html.
    """

    def __init__(self, *, thread_id: int, posts, viewer) -> None:
        self.viewer_id = viewer.pk if viewer.is_authenticated else None
        self.enabled = settings.FORUM_PAGE_CACHE_SECONDS > 0 and not (
            viewer.is_authenticated and viewer.can_moderate
        )
        self.keys: dict[int, str] = {}
        self.found: dict[str, str] = {}
        if self.enabled:
            current = generations([SITE, thread_scope(thread_id)])
            self.keys = {post.pk: f"post:{post.pk}:{current}" for post in posts}
            self.found = cache.get_many(list(self.keys.values()))

    def render(self, post, render: Callable[[], str]) -> str:
        key = self.keys.get(post.pk)
        if key is None or post.author_id == self.viewer_id:
            return render()
        html = self.found.get(key)
        if html is None:
            html = render()
            cache.set(key, str(html), settings.FORUM_PAGE_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - our own template output, escaped when rendered
