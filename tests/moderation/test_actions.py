"""Moderator actions through the pages a moderator uses; each leaves exactly one audit row."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, PostRevision, PostStatus, Thread
from moderation.models import Flag, MemberNotice, ModerationAction

pytestmark = pytest.mark.django_db

PROMO_POST = "I offer fertility coaching sessions, book now for 20% off with code IVF20."


def _act(client, post, action, **data):
    fields = {f"{action}-{name}": value for name, value in data.items()}
    return client.post(reverse("moderation:post-action", args=[post.pk, action]), fields)


@pytest.fixture
def held_answer(answer_factory, thread):
    answer = answer_factory(thread=thread, body=PROMO_POST)
    assert answer.status == PostStatus.PENDING
    return answer


def _rows(action):
    return ModerationAction.objects.filter(action=action)


def test_approving_a_held_answer_publishes_it_tells_the_author_and_followers(
    as_moderator, held_answer, member, thread, sent_mail, mailoutbox
):
    with sent_mail():
        response = _act(as_moderator, held_answer, "approve")
    assert response.status_code == HTTPStatus.FOUND
    held_answer.refresh_from_db()
    assert held_answer.status == PostStatus.PUBLISHED
    assert Thread.objects.get(pk=thread.pk).reply_count == 1
    assert Flag.objects.get(post=held_answer).state == Flag.State.REJECTED
    assert _rows("approve").count() == 1
    subjects = {m.subject for m in mailoutbox}
    assert "Your post has been approved" in subjects
    assert any(m.to == [member.email] and "New answer" in m.subject for m in mailoutbox)


def test_approving_twice_changes_nothing_the_second_time(as_moderator, held_answer):
    _act(as_moderator, held_answer, "approve")
    _act(as_moderator, held_answer, "approve")
    assert _rows("approve").count() == 1


def test_keeping_a_flagged_published_post_rejects_the_flags(as_moderator, login, outsider, thread):
    question = thread.posts.get()
    login(outsider).post(reverse("moderation-member:flag", args=[question.pk]), {"reason": "spam"})
    _act(as_moderator, question, "approve")
    assert Flag.objects.get().state == Flag.State.REJECTED
    assert Post.objects.get(pk=question.pk).status == PostStatus.PUBLISHED
    assert _rows("approve").count() == 1


def test_removing_a_post_keeps_it_and_shows_the_reason_to_everyone(
    as_moderator, answer, client, thread, sent_mail, mailoutbox
):
    with sent_mail():
        _act(as_moderator, answer, "remove", reason="Personal attack on another member")
    answer.refresh_from_db()
    assert answer.status == PostStatus.REMOVED
    assert answer.body  # nothing is hard-deleted
    assert Thread.objects.get(pk=thread.pk).reply_count == 0
    assert _rows("remove").count() == 1
    assert "Your post was removed by a moderator" in {m.subject for m in mailoutbox}
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "removed by a moderator: Personal attack on another member" in page
    assert "That happened to me too" not in page


def test_removing_needs_a_reason(as_moderator, answer):
    response = _act(as_moderator, answer, "remove", reason="")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This field is required" in response.content.decode()
    assert not _rows("remove").exists()


def test_a_returned_post_keeps_its_text_through_feedback_edit_and_resubmission(
    as_moderator, held_answer, login, client
):
    author = held_answer.author
    original = held_answer.body
    _act(as_moderator, held_answer, "return", feedback="Please take out the discount code.")
    held_answer.refresh_from_db()
    assert held_answer.status == PostStatus.RETURNED
    assert held_answer.body == original
    assert _rows("return").count() == 1

    author_client = login(author)
    page = author_client.get(held_answer.thread.get_absolute_url()).content.decode()
    assert "Please take out the discount code." in page
    form = author_client.get(reverse("moderation-member:resubmit", args=[held_answer.pk]))
    assert original in form.content.decode()  # their text is there to edit, never lost
    new_text = "I found a coach helpful during IVF; ask your clinic if they offer one."
    response = author_client.post(
        reverse("moderation-member:resubmit", args=[held_answer.pk]), {"body": new_text}
    )
    assert response.status_code == HTTPStatus.FOUND
    held_answer.refresh_from_db()
    assert held_answer.status == PostStatus.PENDING
    assert held_answer.body == new_text
    assert PostRevision.objects.get(post=held_answer).body == original

    queue = as_moderator.get(reverse("moderation:queue")).content.decode()
    assert "ask your clinic if they offer one" in queue


def test_returned_posts_are_hidden_from_everyone_but_author_and_moderators(
    as_moderator, answer, client, login, user_factory
):
    _act(as_moderator, answer, "return", feedback="Please add what worked for you.")
    client.logout()
    assert "That happened" not in client.get(answer.thread.get_absolute_url()).content.decode()
    other = login(user_factory())
    assert "That happened" not in other.get(answer.thread.get_absolute_url()).content.decode()


def test_a_moderator_edit_keeps_the_earlier_text_in_a_revision_and_the_log(
    as_moderator, moderator, answer
):
    _act(
        as_moderator,
        answer,
        "edit",
        body="That happened to me too [name removed].",
        reason="Took out a name",
    )
    answer.refresh_from_db()
    assert answer.body == "That happened to me too [name removed]."
    revision = PostRevision.objects.get(post=answer)
    assert (revision.body, revision.editor) == (
        "That happened to me too, it settled after a week.",
        moderator,
    )
    row = _rows("edit").get()
    assert row.before == revision.body
    assert row.after == answer.body


def test_locking_and_unlocking_a_thread(as_moderator, answer, thread, login, outsider):
    _act(as_moderator, answer, "lock")
    assert Thread.objects.get(pk=thread.pk).is_locked
    _act(as_moderator, answer, "lock")
    assert _rows("lock").count() == 1
    member_client = login(outsider)
    member_client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": "Hello there"})
    assert thread.posts.count() == 2
    _act(as_moderator, answer, "unlock")
    assert not Thread.objects.get(pk=thread.pk).is_locked
    assert _rows("unlock").count() == 1


def test_marking_and_clearing_a_prescription_question(as_moderator, thread):
    question = thread.posts.get()
    _act(as_moderator, question, "mark-rx")
    assert Thread.objects.get(pk=thread.pk).is_prescription_question
    response = _act(as_moderator, question, "clear-rx", reason="Asks about timing, not a change")
    assert response.status_code == HTTPStatus.FOUND
    assert not Thread.objects.get(pk=thread.pk).is_prescription_question
    assert _rows("confirm_prescription_question").count() == 1
    assert _rows("clear_prescription_question").count() == 1


def test_warning_a_member_sends_an_email_and_a_notice(
    as_moderator, answer, login, sent_mail, mailoutbox
):
    with sent_mail():
        _act(as_moderator, answer, "warn", message="Please keep it kind.")
    assert _rows("warn").count() == 1
    assert MemberNotice.objects.get(user=answer.author).message == "Please keep it kind."
    assert [m.subject for m in mailoutbox] == ["A warning from the moderators"]
    author = login(answer.author)
    assert "1 new notice" in author.get("/").content.decode()
    notices = author.get(reverse("moderation-member:notices")).content.decode()
    assert "Please keep it kind." in notices
    assert "new notice" not in author.get("/").content.decode()


def test_a_suspended_member_can_read_but_not_post(as_moderator, answer, login, thread):
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = _act(as_moderator, answer, "suspend", until=day, reason="Repeated abuse")
    assert response.status_code == HTTPStatus.FOUND
    author = answer.author
    author.refresh_from_db()
    assert author.is_suspended
    assert _rows("suspend").count() == 1

    client = login(author)
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK
    client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": "One more thing"})
    assert not Post.objects.filter(body="One more thing").exists()


def test_a_suspension_needs_a_future_date(as_moderator, answer):
    response = _act(
        as_moderator, answer, "suspend", until=timezone.localdate().isoformat(), reason="x"
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Choose a date after today" in response.content.decode()


def test_lifting_a_suspension(as_moderator, answer):
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    _act(as_moderator, answer, "suspend", until=day, reason="Repeated abuse")
    _act(as_moderator, answer, "unsuspend")
    answer.author.refresh_from_db()
    assert not answer.author.is_suspended
    assert _rows("unsuspend").count() == 1


def test_bulk_approve_and_remove_from_the_queue(as_moderator, answer_factory, thread):
    posts = [answer_factory(thread=thread, body=PROMO_POST) for _ in range(3)]
    response = as_moderator.post(
        reverse("moderation:bulk"),
        {"post_ids": [posts[0].pk, posts[1].pk], "action": "approve"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert _rows("approve").count() == 2
    as_moderator.post(
        reverse("moderation:bulk"),
        {"post_ids": [posts[2].pk], "action": "remove", "reason": "Advertising"},
    )
    statuses = [Post.objects.get(pk=p.pk).status for p in posts]
    assert statuses == [PostStatus.PUBLISHED, PostStatus.PUBLISHED, PostStatus.REMOVED]
    assert _rows("remove").count() == 1


def test_bulk_remove_without_a_reason_changes_nothing(as_moderator, answer_factory, thread):
    post = answer_factory(thread=thread, body=PROMO_POST)
    as_moderator.post(reverse("moderation:bulk"), {"post_ids": [post.pk], "action": "remove"})
    assert Post.objects.get(pk=post.pk).status == PostStatus.PENDING
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("approve", {}),
        ("remove", {"reason": "Spam"}),
        ("return", {"feedback": "Please rephrase"}),
        ("edit", {"body": "Redacted text", "reason": "Name"}),
        ("lock", {}),
        ("mark-rx", {}),
        ("warn", {"message": "Careful"}),
        ("suspend", {"until": "2999-01-01", "reason": "Abuse"}),
    ],
)
def test_every_action_leaves_exactly_one_audit_row(as_moderator, held_answer, action, data):
    before = ModerationAction.objects.count()
    response = _act(as_moderator, held_answer, action, **data)
    assert response.status_code == HTTPStatus.FOUND
    assert ModerationAction.objects.count() == before + 1
