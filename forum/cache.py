"""The forum's caches, and the one rule that keeps them right: generations.

THE RULE FOR ADDING A CACHED PAGE
1. Name what the page shows as scopes: `LISTS` (anything on a thread list),
   `thread_scope(id)`, `category_scope(slug)`; the whole site (`SITE`) is always included.
   Add a new scope function here if none fits.
2. Mark the view with `@cached_page(scopes)`, where `scopes(request, *args, **kwargs)`
   returns that list (or None to skip the cache for this request).
3. Make every write to what a scope covers call `bump(...)`: model saves and deletes do it
   through the receivers in `connect_signals()` at the bottom (add one for a new model);
   `queryset.update()` sends no signal, so the service that calls it bumps by hand.
That is all: tests/perf/test_cache_rule.py adds a page exactly this way.

How it works: each scope has a generation number in the shared cache (Redis in
production, so a bump on one app server is seen by all). A copy is stored with the
generations it was rendered under and used only while they are all current; a bump makes
older copies unreachable and they expire on their own. Every key also carries the release
(config/cache_keys.py), so a deploy never serves what an older release stored.

The same generations keep right members' shared thread pages (forum.member_page), each
post's HTML (`PostFragments`: a digest of the post's row, kept with the site's generation) and
the related questions' rows (`similar_threads`; their ranking is kept RELATED_SECONDS).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

from accounts.models import ExpertProfile
from forum import permissions, related
from forum.models import Category, HelpfulVote, Post, Thread
from moderation.models import Disclaimer

SITE = "site"
# Stands for the reader's CSRF token in HTML shared between readers (NUL never reaches a
# page from what members write).
CSRF_MARKER = "\x00csrf\x00"
LISTS = "lists"


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def category_scope(slug: str) -> str:
    # By slug, as in the URL: a cached category page needs no query to find its scope.
    return f"category:{slug}"


# --- Generations -------------------------------------------------------------------------


def _gen_key(scope: str) -> str:
    return f"gen:{scope}"


def _fresh_generation() -> int:
    # Never restart at 0: pages stored under an evicted generation must stay unreachable.
    return time.time_ns() // 1000


def generations(scopes: Iterable[str], *, with_keys: Iterable[str] = ()):
    """The current generation of each scope, as one string.

    With `with_keys`, those entries are fetched in the same round trip and returned too:
    (generations, {key: value} for the keys found).
    """
    gen_keys = [_gen_key(s) for s in scopes]
    with_keys = list(with_keys)
    found = cache.get_many([*gen_keys, *with_keys])
    for key in gen_keys:
        if key not in found:
            cache.add(key, _fresh_generation(), timeout=None)
            found[key] = cache.get(key)
            if found[key] is None:
                # The cache is not answering (config/redis_cache.py): a value used once, so
                # nothing kept under an earlier one passes for current.
                found[key] = f"unread-{uuid.uuid4().hex}"
    current = ".".join(str(found.pop(k)) for k in gen_keys)
    return (current, found) if with_keys else current


def kept(key: str, scopes: Iterable[str], compute: Callable[[], object]):
    """`compute()`, kept under `key` while the site's and these scopes' generations stay
    those it was computed under (the rule at the top, for a part of a page)."""
    current, found = generations([SITE, *scopes], with_keys=[key])
    stored = found.get(key)
    if settings.FORUM_PAGE_CACHE_SECONDS > 0 and stored is not None and stored[0] == current:
        return stored[1]
    value = compute()
    cache.set(key, (current, value), settings.FORUM_PAGE_CACHE_SECONDS)
    return value


def _bump_now(scopes: Iterable[str]) -> None:
    for scope in scopes:
        key = _gen_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any new value invalidates
            cache.set(key, _fresh_generation(), timeout=None)


def bump(*, thread=None, thread_id: int | None = None, site: bool = False, lists: bool = True):
    """Say that a thread (an instance or an id) or everything (`site=True`) changed.

    A thread also bumps the lists (home, search) and its category's page, unless
    `lists=False` (a change only the thread page shows, e.g. a helpful vote). The bump
    happens now (the writer's next page is fresh) and again when the transaction commits,
    so a reader who rendered the old rows in between cannot leave them cached.
    """
    thread = thread if thread is not None else thread_id
    scopes = [SITE] if site else []
    if lists:
        scopes.append(LISTS)
    if thread is not None:
        scopes.append(thread_scope(getattr(thread, "pk", thread)))
        if lists:
            scopes.append(category_scope(_category_slug(thread)))
    _bump_now(scopes)
    transaction.on_commit(lambda: _bump_now(scopes), robust=True)


def _category_slug(thread) -> str | None:
    if isinstance(thread, Thread) and Thread.category.is_cached(thread):
        return thread.category.slug
    if isinstance(thread, Thread):  # perhaps deleted already: its category is not
        return Category.objects.filter(pk=thread.category_id).values_list("slug", flat=True).first()
    return Thread.objects.filter(pk=thread).values_list("category__slug", flat=True).first()


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
    session or message cookie: such a visitor cannot be signed in or have a message
    waiting. Anyone with one gets the page rendered for them.

    Goes right after SecurityMiddleware and WhiteNoise: a page comes from the cache without
    running the rest of the stack, with the headers that stack gave it when it was stored
    (SecurityMiddleware adds its own on the way out). A page is stored with the generations
    read before it was rendered, so a change made meanwhile is never hidden.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.identity_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = self._lookup(request)
        if found is not None and found[2] is not None:
            _generation, status, headers, content = found[2]
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if found is not None and _storable(request, response):
            key, current, _stored = found
            entry = (current, response.status_code, list(response.items()), response.content)
            cache.set(key, entry, settings.FORUM_PAGE_CACHE_SECONDS)
        return response

    def _lookup(self, request: HttpRequest) -> tuple[str, str, tuple | None] | None:
        """(key, current generations, stored entry if still current), or None when this
        request is not one for the cache."""
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
        page_scopes = scopes(request, *match.args, **match.kwargs) if scopes else None
        if page_scopes is None:
            return None
        # The host is part of the key (and get_host() refuses hosts not in ALLOWED_HOSTS,
        # as CommonMiddleware would for a page rendered the ordinary way).
        address = f"{request.get_host()}{request.get_full_path()}"
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()[:32]
        current, found = generations([SITE, *page_scopes], with_keys=[key])
        stored = found.get(key)
        return key, current, stored if stored is not None and stored[0] == current else None


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
    """Home and search: any thread's change can show there."""
    return [LISTS]


def category_page_scopes(request: HttpRequest, slug: str, **kwargs) -> list[str]:
    return [category_scope(slug)]


def thread_page_scopes(request: HttpRequest, thread_id: int, **kwargs) -> list[str]:
    return [thread_scope(thread_id)]


# --- Post fragments: the part of a post every reader sees alike --------------------------


def _row_digest(post) -> str:
    """A digest of a post's row (the fields it was loaded with): any change to the post
    gives a new key. What it is shown with (author, expert profile, disclaimer, video) bumps
    the whole site when it changes."""
    values = [post.__dict__.get(f.attname) for f in post._meta.concrete_fields]
    return hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()


class PostFragments:
    """Rendered HTML of each post on a thread page, as a reader who did not write it sees it.

    Such readers see a post alike when they may do the same with it (vote, voted, feature:
    the `viewer_*` marks of permissions.mark_for_viewer), so its HTML is cached under a
    digest of the post's row and those marks, with the site's generation it was rendered
    under (read in the same round trip as the fragments): a post that did not change is
    neither fetched whole nor rendered again when another one in the thread did.
    Its forms carry CSRF_MARKER, the reader's token put in as it is shown. Authors' own
    posts and moderators' pages are rendered each time. Used by the {% cachedpost %} tag.
    """

    def __init__(self, *, posts, viewer) -> None:
        self.viewer_id = viewer.pk if viewer.is_authenticated else None
        enabled = settings.FORUM_PAGE_CACHE_SECONDS > 0 and not (
            viewer.is_authenticated and viewer.can_moderate
        )
        shared = [p for p in posts if p.author_id != self.viewer_id] if enabled else []
        self.keys = {p.pk: f"post:{p.pk}:{_row_digest(p)}:{_marks(p)}" for p in shared}
        self.site, found = generations([SITE], with_keys=self.keys.values()) if shared else ("", {})
        self.found = {key: html for key, (site, html) in found.items() if site == self.site}

    def has(self, post) -> bool:
        """Whether the post's HTML comes from the cache (else it is rendered now)."""
        return self.keys.get(post.pk) in self.found

    def render(self, post, render: Callable[[], str], context) -> str:
        key = self.keys.get(post.pk)
        if key is None:
            return render()
        html = self.found.get(key)
        if html is None:
            with context.push(csrf_token=CSRF_MARKER):
                html = str(render())
            cache.set(key, (self.site, html), settings.FORUM_PAGE_CACHE_SECONDS)
        if CSRF_MARKER in html:
            html = html.replace(CSRF_MARKER, str(context.get("csrf_token")))
        return mark_safe(html)  # noqa: S308 - our own template output, escaped when rendered


def _marks(post) -> str:
    return "".join("1" if getattr(post, mark, False) else "0" for mark in permissions.VIEWER_MARKS)


# --- Related questions: the ranking is kept for a while, the rows under the lists' scope --

RELATED_SECONDS = 600


def similar_threads(thread, question) -> list[Thread]:
    """The related questions shown beside a thread (forum.related ranks them).

    The ranking is kept RELATED_SECONDS; the rows shown with it are kept with the site's
    and the lists' generations and read again when they change, so a thread removed or
    renamed since never shows."""
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


# --- Saves through the ORM (the admin included) bump what they change --------------------


def _post_changed(sender, instance, **kwargs) -> None:
    # The thread is usually loaded already (services pass it in); else one small query.
    loaded = type(instance).thread.is_cached(instance)
    bump(thread=instance.thread if loaded else instance.thread_id)


def _thread_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance)


def _vote_changed(sender, instance, **kwargs) -> None:
    bump(thread=instance.post.thread_id, lists=False)


def _everything_changed(sender, instance, **kwargs) -> None:
    # Category names and slugs, experts' names, disclaimers: they show on every page and
    # in every post fragment.
    bump(site=True)


def _public_identity_changed(sender, instance, created=False, update_fields=None, **kwargs):
    public = {"display_name", "location", "deleted_at", "username", "is_active"}
    if not created and (update_fields is None or public & set(update_fields)):
        bump(site=True)


def connect_signals() -> None:
    """Called from ForumConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_post_changed, sender=Post, dispatch_uid=f"cache-post-{signal}")
        signal.connect(_thread_changed, sender=Thread, dispatch_uid=f"cache-thread-{signal}")
        signal.connect(_everything_changed, sender=Category, dispatch_uid=f"cache-cat-{signal}")
        signal.connect(
            _everything_changed, sender=Disclaimer, dispatch_uid=f"cache-disclaimer-{signal}"
        )
        signal.connect(_vote_changed, sender=HelpfulVote, dispatch_uid=f"cache-vote-{signal}")
        signal.connect(
            _everything_changed, sender=ExpertProfile, dispatch_uid=f"cache-expert-{signal}"
        )
    post_save.connect(
        _public_identity_changed, sender=get_user_model(), dispatch_uid="cache-user-save"
    )
