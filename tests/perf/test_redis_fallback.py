"""Redis away is an empty cache, not an error (config/redis_cache.py)."""

from __future__ import annotations

import time
from http import HTTPStatus

import pytest
from django.test import override_settings

from bench.stack import OwnRedis, free_port
from config.redis_cache import ForgivingRedisCache

pytestmark = pytest.mark.django_db


def _cache(url: str, **options) -> ForgivingRedisCache:
    return ForgivingRedisCache(
        url,
        {
            "KEY_PREFIX": "fallback-test",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, **options},
        },
    )


def test_a_cache_nobody_answers_reads_as_empty_and_writes_do_nothing():
    cache = _cache(f"redis://127.0.0.1:{free_port()}/0")
    assert cache.get("page", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    cache.set("a", 1)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("a") is False
    with pytest.raises(ValueError):
        cache.incr("a")  # as for a missing key: callers then set it


def test_after_a_failure_redis_is_not_tried_again_for_a_moment(monkeypatch):
    cache = _cache(f"redis://127.0.0.1:{free_port()}/0", retry_seconds=30)
    cache.get("page")
    tried = []
    monkeypatch.setattr(cache, "_forget_failed_writes", lambda: tried.append(1))
    started = time.monotonic()
    for _ in range(100):
        cache.get("page")
    assert time.monotonic() - started < 0.05
    assert tried == []


def test_the_site_serves_pages_and_keeps_members_signed_in_without_redis(client, member, thread):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "config.redis_cache.ForgivingRedisCache",
                "LOCATION": dead,
                "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
            }
        },
        SESSION_ENGINE="accounts.sessions",
    ):
        for path in ("/", thread.get_absolute_url(), "/search/?q=frozen"):
            assert client.get(path).status_code == HTTPStatus.OK
        client.force_login(member)
        page = client.get(thread.get_absolute_url()).content.decode()
        assert "Log out" in page
        assert member.display_name in page


def test_with_the_cache_away_no_stored_page_is_taken_for_current():
    """Generations cannot be read: each read gives a new one, so nothing stored under an
    earlier one is served as current."""
    from forum import cache as page_cache

    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES={"default": {"BACKEND": "config.redis_cache.ForgivingRedisCache", "LOCATION": dead}}
    ):
        first = page_cache.generations([page_cache.SITE, page_cache.thread_scope(1)])
        again = page_cache.generations([page_cache.SITE, page_cache.thread_scope(1)])
    assert first != again


@pytest.fixture
def own_redis():
    import shutil

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    yield server
    server.close()


def test_a_value_changed_while_redis_hung_does_not_come_back_when_it_answers(own_redis):
    cache = _cache(own_redis.url, retry_seconds=0.2)
    cache.set("gen:thread:1", 1)
    cache.set("session", "signed in")
    own_redis.pause()
    try:
        with pytest.raises(ValueError):
            cache.incr("gen:thread:1")
        cache.delete("session")  # signed out while Redis hung
    finally:
        own_redis.resume()
    time.sleep(0.3)
    assert cache.get("session") is None
    assert cache.get("gen:thread:1") is None
    cache.set("session", "new")
    assert cache.get("session") == "new"
