"""The review queue: one item per post, urgent first then oldest, with context and history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from moderation.models import Flag

pytestmark = pytest.mark.django_db

PROMO_POST = "I offer fertility coaching sessions, book now for 20% off with code IVF20."
CRISIS_POST = "I honestly want to die, I cannot do another failed cycle."


def _items(page: str, *needles: str) -> list[int]:
    return [page.index(n) for n in needles]


def test_one_item_per_post_with_all_its_flags(as_moderator, login, user_factory, answer):
    for reason in ("spam", "abuse"):
        login(user_factory()).post(
            reverse("moderation-member:flag", args=[answer.pk]), {"reason": reason}
        )
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    assert page.count(f'id="item-{answer.pk}"') == 1
    assert "Spam" in page
    assert "Abuse or harassment" in page


def test_urgent_items_come_first_then_the_longest_waiting(as_moderator, answer_factory, thread):
    older = answer_factory(thread=thread, body=PROMO_POST)
    Flag.objects.filter(post=older).update(created_at=timezone.now() - timedelta(hours=5))
    newer = answer_factory(thread=thread, body=PROMO_POST + " Again.")
    crisis = answer_factory(thread=thread, body=CRISIS_POST)
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    positions = _items(page, f"item-{crisis.pk}", f"item-{older.pk}", f"item-{newer.pk}")
    assert positions == sorted(positions)
    assert "Urgent" in page


def test_the_queue_filters_by_reason_and_source(as_moderator, answer_factory, thread):
    promo = answer_factory(thread=thread, body=PROMO_POST)
    crisis = answer_factory(thread=thread, body=CRISIS_POST)
    page = as_moderator.get(reverse("moderation:queue"), {"reason": "crisis"}).content.decode()
    assert f"item-{crisis.pk}" in page
    assert f"item-{promo.pk}" not in page
    page = as_moderator.get(reverse("moderation:queue"), {"source": "user"}).content.decode()
    assert f"item-{crisis.pk}" not in page


def test_an_item_shows_the_question_the_answers_before_it_and_the_authors_history(
    as_moderator, answer_factory, thread, moderator
):
    answer_factory(thread=thread, body="First answer: rest and drink water.")
    answer_factory(thread=thread, body="Second answer: my clinic said the same.")
    held = answer_factory(thread=thread, body=PROMO_POST)
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    assert "I have my first frozen embryo transfer next week" in page
    assert "First answer: rest and drink water." in page
    assert "Second answer: my clinic said the same." in page
    assert f"joined {held.author.date_joined:%-d %b %Y}" in page


def test_items_waiting_over_48_hours_are_highlighted(as_moderator, answer_factory, thread):
    held = answer_factory(thread=thread, body=PROMO_POST)
    Flag.objects.filter(post=held).update(created_at=timezone.now() - timedelta(hours=49))
    page = as_moderator.get(reverse("moderation:queue")).content.decode()
    assert "overdue" in page
    assert "Waiting over 48 hours" in page


def test_the_queue_page_makes_the_same_number_of_queries_for_many_items(
    as_moderator, answer_factory, thread_factory, user_factory, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            t = thread_factory()
            answer_factory(thread=t, body="A normal first answer.")
            answer_factory(thread=t, body=PROMO_POST)
            answer_factory(thread=t, body="Call me on 07700 900123 to talk.")

    fill(1)
    # 11: the count of expert articles waiting for review is one of them.
    with django_assert_max_num_queries(11) as few:
        as_moderator.get(reverse("moderation:queue"))
    fill(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = as_moderator.get(reverse("moderation:queue"))
    assert response.content.decode().count('class="queue-item') == 14


def test_the_daily_digest_emails_moderators_the_overdue_items(
    moderator, answer_factory, thread, mailoutbox
):
    held = answer_factory(thread=thread, body=PROMO_POST)
    answer_factory(thread=thread, body=PROMO_POST + " Fresh.")
    Flag.objects.filter(post=held).update(created_at=timezone.now() - timedelta(hours=50))
    mailoutbox.clear()
    call_command("moderation_digest")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [moderator.email]
    assert mail.subject.startswith("1 item waiting")
    assert reverse("moderation:post", args=[held.pk]) in mail.body


def test_no_digest_when_nothing_is_overdue(moderator, answer_factory, thread, mailoutbox):
    answer_factory(thread=thread, body=PROMO_POST)
    mailoutbox.clear()
    call_command("moderation_digest")
    assert mailoutbox == []


def test_the_review_page_makes_a_fixed_number_of_queries(
    as_moderator, answer_factory, thread, django_assert_max_num_queries
):
    for i in range(5):
        answer_factory(thread=thread, body=f"Answer number {i} about transfers.")
    held = answer_factory(thread=thread, body=PROMO_POST)
    with django_assert_max_num_queries(12):
        response = as_moderator.get(reverse("moderation:post", args=[held.pk]))
    assert "Answer number 4 about transfers." in response.content.decode()
