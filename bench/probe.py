"""In-process half of `make bench`: picks the pages, signs a member in, counts SQL queries.

Run by bench/run.py with the same environment as the benchmarked server (production
settings, the same database, Redis and cache key prefix), so the session it creates is
one the server accepts. Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from forum import cache as page_cache  # noqa: E402
from forum.models import Category, Post, PostStatus, Thread  # noqa: E402

SEARCH_TERMS = "heparin injections"
MISSPELT_TERMS = "heprin injectoins"  # corrected to the words above (forum.search_spelling)
# No thread has all three words (the seeded forum never says thyroid): the threads with some
# of them are shown, ranked (forum.search.find, the widest search there is).
SOME_WORDS_TERMS = "heparin injections thyroid"
MEMBER = "member00001"
UNCACHED_ROUNDS = 15
HOST = "127.0.0.1"


def pages() -> list[dict]:
    category = Category.objects.order_by("-thread_count", "pk").first()
    big = (
        Thread.objects.filter(status=PostStatus.PUBLISHED)
        .order_by("-reply_count", "pk")
        .only("id", "slug", "reply_count", "author_id")
        .first()
    )
    if category is None or big is None:
        raise SystemExit("The bench database has no forum in it: run seed_scale first.")
    category_pages = max(1, math.ceil(category.thread_count / settings.FORUM_THREADS_PER_PAGE))
    deep = min(500, category_pages)
    thread_url = big.get_absolute_url()
    last = max(1, math.ceil(big.reply_count / settings.FORUM_ANSWERS_PER_PAGE))
    category_url = category.get_absolute_url()
    return [
        {"name": "floor", "path": "/bench/floor", "signed_in": False},
        {"name": "home", "path": reverse("forum:home"), "signed_in": False},
        {"name": "category p1", "path": category_url, "signed_in": False},
        {"name": f"category p{deep}", "path": f"{category_url}?page={deep}", "signed_in": False},
        {"name": "thread p1", "path": thread_url, "signed_in": False, "thread_id": big.pk},
        {"name": f"thread p{last}", "path": f"{thread_url}?page={last}", "signed_in": False},
        {
            "name": "search",
            "path": f"{reverse('forum:search')}?q={SEARCH_TERMS.replace(' ', '+')}",
            "signed_in": False,
        },
        {
            "name": "search misspelt",
            "path": f"{reverse('forum:search')}?q={MISSPELT_TERMS.replace(' ', '+')}",
            "signed_in": False,
        },
        # Searches are cached whole for visitors (the rows above measure the page cache, a
        # hit after the first request); a member's search is rendered every time.
        *(
            {
                "name": f"{name} signed in",
                "path": f"{reverse('forum:search')}?q={terms.replace(' ', '+')}",
                "signed_in": MEMBER,
            }
            for name, terms in (
                ("search", SEARCH_TERMS),
                ("search misspelt", MISSPELT_TERMS),
                ("search some words", SOME_WORDS_TERMS),
            )
        ),
        # A member reading a thread they never wrote in (most of what members read)...
        {
            "name": "thread p1 signed in",
            "path": thread_url,
            "signed_in": MEMBER,
            "thread_id": big.pk,
        },
        # ...and one who answered on that page (their own posts and votes are looked up).
        {
            "name": "thread p1 answerer",
            "path": thread_url,
            "signed_in": _answerer(big, settings.FORUM_ANSWERS_PER_PAGE),
        },
    ]


def _answerer(thread, per_page: int) -> str:
    """An ordinary member (not the asker, a moderator or an expert) who answered on page 1."""
    answers = (
        Post.objects.filter(thread=thread, is_question=False, status=PostStatus.PUBLISHED)
        .order_by("created_at", "id")
        .values_list("author__username", "author_id")[:per_page]
    )
    for username, author_id in answers:
        user = get_user_model().objects.get(pk=author_id)
        ordinary = not (user.can_moderate or user.is_staff or user.is_expert)
        if ordinary and author_id != thread.author_id and username != MEMBER:
            return username
    raise SystemExit("No ordinary member answered on the big thread's first page.")


def measure(client: Client, path: str) -> tuple[int, int, float]:
    """(status, SQL queries, milliseconds) for one request."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=HOST)
    return response.status_code, len(queries), (time.perf_counter() - started) * 1000


def main() -> None:
    result = {"pages": pages(), "cookies": {}}
    clients = {"": Client()}
    for page in result["pages"]:
        if page["signed_in"] and page["signed_in"] not in clients:
            member = Client()
            member.force_login(get_user_model().objects.get(username=page["signed_in"]))
            clients[page["signed_in"]] = member
    # Rendered without the page cache: what a cache miss costs. The pages take turns, so a
    # slow moment of the machine falls on all of them alike; the first 5 rounds warm up.
    timed: dict[str, list] = {page["name"]: [] for page in result["pages"]}
    with override_settings(FORUM_PAGE_CACHE_SECONDS=0):
        for _round in range(UNCACHED_ROUNDS + 5):
            for page in result["pages"]:
                run = measure(clients[page["signed_in"] or ""], page["path"])
                timed[page["name"]].append(run)
    # The render that follows a write to the thread (an answer, a vote): the page cache
    # holds nothing current and the page is rendered; its posts, unchanged, come from the
    # post cache (forum.cache.SharedPosts), as does the related questions' ranking, which
    # a write does not change. What a write costs the next reader. The thread with the
    # fewest answers takes its turn too: what the page around the posts costs (base
    # template, middleware, the thread's queries) when there are (almost) no posts.
    smallest = (
        Thread.objects.filter(status=PostStatus.PUBLISHED)
        .order_by("reply_count", "pk")
        .only("id", "slug", "reply_count")
        .first()
    )
    written = [page for page in result["pages"] if "thread_id" in page]
    written.append(
        {
            "name": "smallest thread",
            "path": smallest.get_absolute_url(),
            "signed_in": False,
            "thread_id": smallest.pk,
        }
    )
    after_write: dict[str, list] = {page["name"]: [] for page in written}
    for _round in range(UNCACHED_ROUNDS + 5):
        for page in written:
            page_cache.bump(thread=page["thread_id"], lists=False)
            run = measure(clients[page["signed_in"] or ""], page["path"])
            after_write[page["name"]].append(run[2])
    after_write_ms = {
        name: round(statistics.median(runs[5:]), 1) for name, runs in after_write.items()
    }
    result["smallest_thread"] = {
        "answers": smallest.reply_count,
        "after_write_ms": after_write_ms["smallest thread"],
    }
    for page in result["pages"]:
        if page["name"] in after_write_ms:
            page["after_write_ms"] = after_write_ms[page["name"]]
        client = clients[page["signed_in"] or ""]
        runs = timed[page["name"]][5:]
        page["status"] = runs[0][0]
        page["queries_uncached"] = max(r[1] for r in runs)
        page["uncached_ms"] = round(statistics.median(r[2] for r in runs), 1)
        # With the page cache: the first request fills it, the next is a hit.
        first = measure(client, page["path"])
        again = measure(client, page["path"])
        page["queries_cache_fill"] = first[1]
        page["queries_cached"] = again[1]
        page["queries"] = max(page["queries_uncached"], first[1], again[1])
    # The cookies a member's browser sends after its first page: the session and the CSRF
    # cookie that page set (without it, every request would make and send a new one).
    for username, client in clients.items():
        if username:
            result["cookies"][username] = "; ".join(
                f"{name}={client.cookies[name].value}"
                for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
                if name in client.cookies
            )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
