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
  profile bumps the whole site.

Signed-in members are never served these pages (they see their own pending posts, votes
and messages), nor is anyone with a message waiting, and a page is not stored when it set
a cookie or used a CSRF token.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

SITE = "site"
LISTS = "lists"
# Response headers worth keeping with a cached page (the middleware adds the rest).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Robots-Tag", "Link")


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def category_scope(category_id: int) -> str:
    return f"category:{category_id}"


def _gen_key(scope: str) -> str:
    return f"gen:{scope}"


def _fresh_generation() -> int:
    # Never restart at 0: pages stored under an evicted generation must stay unreachable.
    return time.time_ns() // 1000


def generations(scopes: Iterable[str]) -> str:
    """The current generation of each scope, as one string for a cache key."""
    keys = [_gen_key(s) for s in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_generation(), timeout=None)
            found[key] = cache.get(key)
    return ".".join(str(found[k]) for k in keys)


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
            category_id = getattr(thread, "category_id", None)
            if category_id is None:
                from forum.models import Thread

                rows = Thread.objects.filter(pk=thread_id).values_list("category_id", flat=True)
                category_id = rows.first()
            if category_id is not None:
                scopes.append(category_scope(category_id))
    if category is not None:
        scopes.append(category_scope(getattr(category, "pk", category)))
    _bump_now(scopes)
    transaction.on_commit(lambda: _bump_now(scopes), robust=True)


# --- The page cache ---------------------------------------------------------------------


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
            page_scopes = scopes(request, *args, **kwargs)
            if page_scopes is None:
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"page:{path}:{generations([SITE, *page_scopes])}"
            stored = cache.get(key)
            if stored is not None:
                status, headers, content = stored
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                headers = [(h, response[h]) for h in _KEPT_HEADERS if response.has_header(h)]
                cache.set(
                    key,
                    (response.status_code, headers, response.content),
                    settings.FORUM_PAGE_CACHE_SECONDS,
                )
            return response

        return wrapped

    return decorator


_category_ids: dict[str, int] = {}
_category_ids_loaded_at = 0.0


def category_id_for_slug(slug: str) -> int | None:
    """A category's id from its slug, from a small per-process map refreshed every minute."""
    global _category_ids_loaded_at
    if slug not in _category_ids or time.monotonic() - _category_ids_loaded_at > 60:
        from forum.models import Category

        _category_ids.clear()
        _category_ids.update(Category.objects.values_list("slug", "pk"))
        _category_ids_loaded_at = time.monotonic()
    return _category_ids.get(slug)


# --- Saves through the ORM (the admin included) ------------------------------------------


def _post_changed(sender, instance, **kwargs) -> None:
    # The thread is usually loaded already (services pass it in); else one small query.
    loaded = type(instance).thread.is_cached(instance)
    bump(thread=instance.thread if loaded else instance.thread_id)


def _thread_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance)


def _vote_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance.post.thread_id, lists=False)


def _category_changed(sender, instance, **kwargs) -> None:
    bump(category=instance)


def _public_identity_changed(sender, instance, created=False, update_fields=None, **kwargs):
    public = {"display_name", "location", "deleted_at", "username", "is_active"}
    if not created and (update_fields is None or public & set(update_fields)):
        bump(site=True)


def _expert_profile_changed(sender, instance, **kwargs) -> None:
    bump(site=True)


def connect_signals() -> None:
    """Called from ForumConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from accounts.models import ExpertProfile
    from forum.models import Category, HelpfulVote, Post, Thread

    for signal in (post_save, post_delete):
        signal.connect(_post_changed, sender=Post, dispatch_uid=f"cache-post-{signal}")
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"cache-thread-{signal}")
        signal.connect(_category_changed, sender=Category, dispatch_uid=f"cache-category-{signal}")
        signal.connect(_vote_changed, sender=HelpfulVote, dispatch_uid=f"cache-vote-{signal}")
        signal.connect(
            _expert_profile_changed, sender=ExpertProfile, dispatch_uid=f"cache-expert-{signal}"
        )
    post_save.connect(
        _public_identity_changed, sender=get_user_model(), dispatch_uid="cache-user-save"
    )


# --- What each cached page shows (the `scopes` argument of cache_anonymous_page) ---------


def list_page_scopes(request: HttpRequest, *args, **kwargs) -> list[str]:
    """Home and search: any thread's change can show there."""
    return [LISTS]


def category_page_scopes(request: HttpRequest, slug: str, **kwargs) -> list[str] | None:
    category_id = category_id_for_slug(slug)
    return None if category_id is None else [category_scope(category_id)]


def thread_page_scopes(request: HttpRequest, thread_id: int, **kwargs) -> list[str]:
    return [thread_scope(thread_id)]
