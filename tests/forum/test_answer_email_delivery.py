"""New-answer e-mails reach every follower once, whatever the mail server does."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from forum import notifications
from forum.models import AnswerEmail, AnswerEmailStatus, ThreadFollow
from forum.services import post_reply

pytestmark = pytest.mark.django_db


class MailServer:
    """Stands in for the SMTP connection: up, down, or refusing some addresses."""

    def __init__(self) -> None:
        self.down = False
        self.refused: set[str] = set()
        self.delivered: list[str] = []
        self.opened = 0

    def connection(self):
        return self

    def open(self):
        self.opened += 1
        if self.down:
            raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in self.refused:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            self.delivered.append(message.to[0])
        return len(messages)

    def close(self) -> None:
        pass


@pytest.fixture
def server(monkeypatch):
    server = MailServer()
    monkeypatch.setattr(notifications, "get_connection", server.connection)
    return server


@pytest.fixture
def followers(thread, user_factory):
    people = [user_factory() for _ in range(4)]
    for person in people:
        ThreadFollow.objects.create(thread=thread, user=person)
    return people


def _everyone(thread):
    return sorted(ThreadFollow.objects.filter(thread=thread).values_list("user__email", flat=True))


def _make_due():
    AnswerEmail.objects.update(due_at=timezone.now())


def test_one_refused_address_does_not_stop_the_other_followers_getting_theirs(
    thread, followers, outsider, server, django_capture_on_commit_callbacks
):
    server.refused = {followers[0].email}
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    assert sorted(server.delivered) == [e for e in _everyone(thread) if e != followers[0].email]
    waiting = AnswerEmail.objects.get(recipient=followers[0])
    assert waiting.status == AnswerEmailStatus.PENDING
    assert waiting.due_at > timezone.now()
    assert "No such user" in waiting.last_error


def test_emails_wait_while_the_mail_server_is_down_and_go_once_when_it_is_back(
    thread, followers, outsider, server, django_capture_on_commit_callbacks
):
    server.down = True
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    assert server.delivered == []
    assert set(AnswerEmail.objects.values_list("status", flat=True)) == {"pending"}

    # Not due yet: the worker's next round sends nothing and does not knock again.
    assert notifications.deliver_answer_emails() == 0
    server.down = False
    _make_due()
    opened = server.opened
    assert notifications.deliver_answer_emails() == 5
    assert server.opened == opened + 1  # one connection for the whole batch
    assert sorted(server.delivered) == _everyone(thread)
    _make_due()
    assert notifications.deliver_answer_emails() == 0
    assert len(server.delivered) == 5


def test_each_failed_try_waits_longer_and_the_email_is_kept_when_we_give_up(
    thread, member, outsider, server, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    server.down = True
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    waits = []
    for _ in range(2):
        row = AnswerEmail.objects.get()
        waits.append(row.due_at - timezone.now())
        _make_due()
        notifications.deliver_answer_emails()
    row = AnswerEmail.objects.get()
    assert waits[1] > waits[0] * 1.3
    assert row.attempts == 3
    assert row.status == AnswerEmailStatus.FAILED
    assert "Connection refused" in row.last_error


def test_a_sent_email_is_never_sent_again(
    thread, member, outsider, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    assert server.delivered == [member.email]
    # The task running a second time, and the worker's sweep, find nothing to send.
    notifications.send_new_answer_emails.call(answer.pk)
    _make_due()
    notifications.deliver_answer_emails()
    assert server.delivered == [member.email]
    assert AnswerEmail.objects.get().sent_at is not None


def test_an_email_claimed_by_a_live_worker_is_left_alone_and_a_dead_ones_is_picked_up(
    thread, member, outsider, server, settings, django_capture_on_commit_callbacks
):
    server.down = True
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    server.down = False
    AnswerEmail.objects.update(status="sending", claimed_at=timezone.now(), due_at=timezone.now())
    assert notifications.deliver_answer_emails() == 0
    stale = timezone.now() - timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS + 1)
    AnswerEmail.objects.update(claimed_at=stale)
    assert notifications.deliver_answer_emails() == 1
    assert server.delivered == [member.email]


def test_a_follower_who_unfollowed_before_the_retry_gets_nothing(
    thread, member, outsider, server, django_capture_on_commit_callbacks
):
    server.down = True
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    ThreadFollow.objects.filter(user=member).delete()
    server.down = False
    _make_due()
    notifications.deliver_answer_emails()
    assert server.delivered == []
    assert AnswerEmail.objects.get().status == AnswerEmailStatus.SKIPPED


def test_the_message_id_is_the_same_on_every_try(
    thread, member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="What helped me was rest.")
    row = AnswerEmail.objects.select_related("post__thread", "post__author", "recipient").get()
    first = notifications._message_for(row).message()["Message-ID"]
    again = notifications._message_for(row).message()["Message-ID"]
    assert first == again == mail.outbox[0].message()["Message-ID"]
