"""A crisis alert the mail server refuses is tried again later, only for the addresses it missed."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_tasks_db.models import DBTaskResult

from config.mail import RETRY_DELAYS
from moderation import notify

pytestmark = pytest.mark.django_db

REFUSED: set[str] = set()
CONTEXT = {
    "site_name": "Forum",
    "site_url": "http://forum.test",
    "post_url": "http://forum.test/moderation/post/7/",
    "thread_title": "I can't do this any more",
}


class RefusingBackend(EmailBackend):
    """Delivers like locmem, except to addresses in REFUSED (a mail server turning them away)."""

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & REFUSED:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    monkeypatch.setattr(notify, "get_connection", RefusingBackend)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    REFUSED.clear()
    yield
    REFUSED.clear()


def test_a_refused_alert_is_queued_again_for_the_missed_moderator_only(database_tasks):
    REFUSED.add("second@example.com")
    sent = notify.send_moderation_email.call(
        "crisis", ["first@example.com", "second@example.com"], CONTEXT
    )
    assert sent == 1
    assert [m.to for m in mail.outbox] == [["first@example.com"]]
    retry = DBTaskResult.objects.get(task_path="moderation.notify.send_moderation_email")
    assert retry.args_kwargs["args"][1] == ["second@example.com"]
    assert retry.args_kwargs["args"][3] == 1  # the next try
    assert retry.run_after > retry.enqueued_at  # later, not at once

    REFUSED.clear()  # the mail server is back
    args = retry.args_kwargs["args"]
    assert notify.send_moderation_email.call(*args) == 1
    assert [m.to for m in mail.outbox] == [["first@example.com"], ["second@example.com"]]
    assert "I can't do this any more" in mail.outbox[1].body


def test_after_the_last_try_the_failure_is_raised_for_the_task_to_show(database_tasks):
    REFUSED.add("first@example.com")
    last = len(RETRY_DELAYS)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notify.send_moderation_email.call("crisis", ["first@example.com"], CONTEXT, last)
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []
