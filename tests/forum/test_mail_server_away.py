"""With the mail server away, signing up still works and the e-mail goes when it is back."""

from __future__ import annotations

import smtplib
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import emails
from accounts.models import User

pytestmark = pytest.mark.django_db


class AwayBackend(EmailBackend):
    """locmem, except that it refuses everything while settings.TEST_MAIL_SERVER_AWAY is on."""

    def send_messages(self, messages):
        if getattr(django_settings, "TEST_MAIL_SERVER_AWAY", False):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def mail_server_away(settings):
    settings.EMAIL_BACKEND = f"{__name__}.AwayBackend"
    settings.TEST_MAIL_SERVER_AWAY = True
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    return settings


def test_signing_up_while_the_mail_server_is_away_works_and_the_email_follows(
    client, mail_server_away, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.com",
                "display_name": "N.W.",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    assert response.status_code == HTTPStatus.FOUND  # not a server error
    assert User.objects.filter(email="newcomer@example.com").exists()
    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="accounts.emails.send_account_email")
    assert queued.run_after > queued.enqueued_at

    mail_server_away.TEST_MAIL_SERVER_AWAY = False  # the server is back
    emails.send_account_email.call(*queued.args_kwargs["args"])
    [message] = mail.outbox
    assert message.to == ["newcomer@example.com"]
    assert "/accounts/confirm-email/" in message.body
