"""The queue is ordered by harm, by one written rule (moderation.queue.HARM_ORDER):
crisis and urgent first; then held posts that would harm if published, oldest first;
then public posts flagged by members; informational marks last."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, PostStatus
from moderation import services
from moderation.models import Flag
from moderation.queue import HARM_ORDER, queue_posts

pytestmark = pytest.mark.django_db

NEUTRAL = "Thinking of you, the waiting is so hard."


def _flag(post, reason, *, source="auto", level="", urgent=False, minutes_ago=0, reporter=None):
    return Flag.objects.create(
        post=post,
        reason=reason,
        source=source,
        level=level,
        is_urgent=urgent,
        reporter=reporter,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def one_of_each(thread_factory, answer_factory, user_factory):
    thread = thread_factory(title="Waiting for our scan on Friday", body=NEUTRAL)
    items = {}
    question = Post.objects.get(thread=thread, is_question=True)
    _flag(question, "prescription_change", level="notice", minutes_ago=300)
    items["prescription question"] = question
    reported = answer_factory(thread=thread, body=NEUTRAL)
    _flag(reported, "abuse", source="user", minutes_ago=200, reporter=user_factory())
    items["member report"] = reported
    for name, reason, minutes in (
        ("held promotion", "promotion", 50),
        ("held advice", "prescription_change", 100),
    ):
        post = answer_factory(thread=thread, body=NEUTRAL)
        Post.objects.filter(pk=post.pk).update(status=PostStatus.PENDING)
        _flag(post, reason, level="hold", minutes_ago=minutes)
        items[name] = post
    urgent = answer_factory(thread=thread, body=NEUTRAL)
    _flag(urgent, "urgent_symptom", level="notice", urgent=True, minutes_ago=5)
    items["urgent symptom"] = urgent
    crisis = answer_factory(thread=thread, body=NEUTRAL)
    _flag(crisis, "crisis", level="notice", urgent=True, minutes_ago=10)
    items["crisis"] = crisis
    return items


def test_the_queue_follows_the_harm_rule_with_one_item_of_each_kind(one_of_each):
    order = [p.pk for p in queue_posts()]
    names = {p.pk: name for name, p in one_of_each.items()}
    assert [names[pk] for pk in order] == [
        "crisis",
        "urgent symptom",
        "held advice",
        "held promotion",
        "member report",
        "prescription question",
    ]


def test_the_queue_page_shows_the_rule_and_the_same_order(one_of_each, as_moderator):
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    for rule in HARM_ORDER:
        assert str(rule)[:40] in page
    positions = [page.index(f'id="item-{p.pk}"') for p in one_of_each.values()]
    expected = [
        page.index(f'id="item-{one_of_each[name].pk}"')
        for name in (
            "crisis",
            "urgent symptom",
            "held advice",
            "held promotion",
            "member report",
            "prescription question",
        )
    ]
    assert sorted(positions) == expected


def test_clearing_a_prescription_question_leaves_the_askers_record_clean(
    thread_factory, moderator, as_moderator
):
    thread = thread_factory(title="Can I stop my heparin injections at 21 weeks?")
    question = Post.objects.get(thread=thread, is_question=True)
    if not Flag.objects.filter(post=question, reason="prescription_change").exists():
        _flag(question, "prescription_change", level="notice")
    services.clear_prescription_question(
        moderator=moderator, thread=thread, reason="She is asking what it does"
    )
    # A second post from her, reported by a member, brings her history into the queue.
    reply = Post.objects.create(thread=thread, author=question.author, body=NEUTRAL)
    _flag(reply, "other", source="user")
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    item = page.split(f'id="item-{reply.pk}"')[1].split('id="item-')[0]
    assert "0 rejected" in item
