"""seed_scale fills the forum quickly with consistent, renderable rows (tiny sizes here)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count, Q

from accounts.models import ExpertProfile, User
from forum.models import Category, Post, PostStatus, Thread
from forum.services import update_search_vector

pytestmark = pytest.mark.django_db

SIZE = ["--threads", "40", "--answers-per-thread", "3", "--members", "30", "--experts", "4"]


def _seed(*extra: str) -> None:
    call_command("seed_scale", *SIZE, "--big-thread-answers", "60", *extra, verbosity=0)


def _fingerprint() -> list[tuple]:
    return list(
        Thread.objects.order_by("pk").values_list(
            "title", "author__username", "reply_count", "category__slug", "status"
        )
    )


def test_seeding_creates_members_experts_threads_and_one_big_thread():
    _seed()

    assert User.objects.filter(username__startswith="member").count() == 30
    assert ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED).count() == 4
    assert Thread.objects.count() == 40
    big = Thread.objects.order_by("-reply_count").first()
    assert big.posts.filter(is_question=False).count() == 60
    assert not Post.objects.filter(body_html="").exists()


def test_every_counter_matches_the_rows():
    _seed()

    threads = Thread.objects.annotate(
        published=Count(
            "posts", filter=Q(posts__is_question=False, posts__status=PostStatus.PUBLISHED)
        )
    )
    assert all(t.reply_count == t.published for t in threads)
    for category in Category.objects.all():
        published = category.threads.filter(status=PostStatus.PUBLISHED)
        assert category.thread_count == published.count()
        if published.exists():
            assert category.last_activity_at == max(t.last_activity_at for t in published)
    assert Post.objects.filter(is_question=True).count() == 40


def test_expert_answers_carry_the_disclaimer_and_count_on_the_thread():
    _seed()

    expert_answers = Post.objects.filter(author__expert_profile__isnull=False, is_question=False)
    assert expert_answers.exists()
    assert not expert_answers.filter(is_expert_answer=False).exists()
    assert not expert_answers.filter(disclaimer__isnull=True).exists()
    big = Thread.objects.order_by("-reply_count").first()
    distinct = (
        expert_answers.filter(thread=big, status=PostStatus.PUBLISHED)
        .values("author")
        .distinct()
        .count()
    )
    assert big.expert_reply_count == distinct


def test_the_same_arguments_give_the_same_forum():
    _seed()
    first = _fingerprint()
    Post.objects.all().delete()
    Thread.objects.all().delete()
    ExpertProfile.objects.all().delete()
    User.objects.filter(username__startswith="member").delete()
    Category.objects.update(thread_count=0, last_activity_at=None)

    _seed()

    assert _fingerprint() == first


def test_seeding_twice_says_to_use_a_fresh_database_unless_if_empty():
    _seed()
    _seed("--if-empty")  # nothing to do, no error
    with pytest.raises(Exception, match="fresh database"):
        call_command("seed_scale", *SIZE, verbosity=0)


def test_seeded_pages_render(client):
    _seed()
    big = Thread.objects.order_by("-reply_count").first()

    assert client.get(big.get_absolute_url()).status_code == 200
    assert client.get(big.get_absolute_url() + "?page=2").status_code == 200
    assert client.get(big.category.get_absolute_url()).status_code == 200


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="search vectors are PostgreSQL only")
def test_seeded_search_vectors_equal_what_the_forum_stores_for_a_thread():
    _seed()
    thread = Thread.objects.order_by("pk")[3]
    seeded = Thread.objects.values_list("search_vector", flat=True).get(pk=thread.pk)

    update_search_vector(thread_id=thread.pk)

    assert Thread.objects.values_list("search_vector", flat=True).get(pk=thread.pk) == seeded
    assert seeded
