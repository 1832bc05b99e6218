"""E-mails use the site's real address and name, and no page or e-mail shows an internal
username; allauth's account pages speak in the site's sentence case."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from forum.services import follow_thread, post_reply

pytestmark = pytest.mark.django_db

OTHER_PORT = "http://127.0.0.1:8010"


def test_make_run_tells_the_site_its_address_from_host_and_port():
    dry_run = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8010"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert f"SITE_URL={OTHER_PORT} " in dry_run
    assert "runserver 127.0.0.1:8010" in dry_run


def test_answer_emails_link_to_the_port_the_site_runs_on(
    settings, thread, member, outsider, django_capture_on_commit_callbacks
):
    settings.SITE_URL = OTHER_PORT
    outsider.notify_on_answers = True
    outsider.save()
    follow_thread(thread=thread, user=outsider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=member, thread=thread, body="We had the same worry; it went well for us.")
    [message] = mail.outbox
    links = re.findall(
        r"https?://[^\s>]+", message.body + message.extra_headers["List-Unsubscribe"]
    )
    assert links
    assert all(link.startswith(OTHER_PORT + "/") for link in links), links


def test_the_signup_email_greets_with_the_sites_name_and_shows_no_username(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = OTHER_PORT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.com",
                "display_name": "N.W.",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
            HTTP_HOST="localhost:8010",  # the links use SITE_URL, not the address typed
        )
    assert response.status_code == 302, response.context and response.context["form"].errors
    [message] = mail.outbox
    username = User.objects.get(email="newcomer@example.com").username
    assert message.body.startswith(f"Hello from {settings.SITE_NAME},")
    assert username not in message.body and username not in message.subject
    assert "127.0.0.1:8010!" not in message.body
    assert re.search(r"http://127\.0\.0\.1:8010/accounts/confirm-email/\S+/", message.body)
    # The page she lands on says what to do next in plain words.
    page = client.get(response["Location"]).content.decode()
    assert "Open the link in it to finish signing up." in page
    assert "finalize" not in page


def test_logging_in_says_so_without_the_internal_username(client, member):
    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": "correct-horse-battery"},
        follow=True,
    )
    page = response.content.decode()
    assert "You are logged in" in page
    assert "Successfully signed in" not in page
    assert f">{member.username}<" not in page and f" {member.username}." not in page


@pytest.mark.parametrize(
    ("url_name", "stock"),
    [
        ("account_email_verification_sent", "Verify Your Email Address"),
        ("account_login", "Remember Me"),
    ],
)
def test_account_pages_use_sentence_case(client, url_name, stock):
    page = client.get(reverse(url_name)).content.decode()
    assert stock not in page
    assert stock[0] + stock[1:].lower() in page


def test_signing_up_again_with_her_address_says_so_plainly_and_links_to_a_new_password(
    client, member, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = OTHER_PORT
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": member.email,
                "display_name": "Someone",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    [message] = mail.outbox
    assert "You already have an account with it" in message.body
    assert "password forgotten procedure" not in message.body
    assert f"{OTHER_PORT}/accounts/password/reset/" in message.body
