"""The foundation journey: sign up, confirm, log in, ask, see it listed, get an answer."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from forum.models import Post, Thread

pytestmark = pytest.mark.django_db


def _confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_new_member_signs_up_confirms_logs_in_asks_and_gets_an_answer(
    client, category, user_factory
):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.com",
            "display_name": "N.W.",
            "location": "Cork, Ireland",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.com"]

    # Until the address is confirmed, logging in only re-sends the confirmation.
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "newcomer@example.com", "password": "a-long-unusual-passphrase"},
    )
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == HTTPStatus.OK
    client.post(link)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "newcomer@example.com", "password": "a-long-unusual-passphrase"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert "_auth_user_id" in client.session

    response = client.post(
        reverse("forum:thread-start"),
        {
            "category": category.pk,
            "title": "Is it normal to feel this anxious before a transfer?",
            "body": "My transfer is on Friday and I cannot sleep. How did you cope with the wait?",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == thread.get_absolute_url()
    assert thread.author.display_name == "N.W."
    assert "newcomer" not in thread.author.username

    page = client.get(reverse("forum:category", kwargs={"slug": category.slug}))
    assert "Is it normal to feel this anxious before a transfer?" in page.content.decode()
    assert "0 answers" in page.content.decode()

    other = user_factory(display_name="J.R.")
    client.force_login(other)
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "I watched box sets and went for short walks. Sending you luck for Friday."},
    )
    assert response.status_code == HTTPStatus.FOUND
    thread.refresh_from_db()
    assert thread.reply_count == 1
    page = client.get(reverse("forum:category", kwargs={"slug": category.slug}))
    assert "1 answer" in page.content.decode()
    thread_page = client.get(thread.get_absolute_url())
    assert "I watched box sets" in thread_page.content.decode()


def test_signup_username_never_exposes_the_email(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "jane.private.smith@example.com",
            "display_name": "J.S.",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="jane.private.smith@example.com")
    assert "jane" not in user.username
    assert "smith" not in user.username


def test_anonymous_visitor_who_asks_is_sent_to_log_in_and_nothing_is_saved(client, category):
    response = client.post(
        reverse("forum:thread-start"),
        {"category": category.pk, "title": "A question from nobody", "body": "x" * 40},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not Thread.objects.exists()


def test_anonymous_visitor_who_replies_is_sent_to_log_in_and_nothing_is_saved(client, thread):
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "An answer from nobody"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert Post.objects.filter(is_question=False).count() == 0


def test_anonymous_visitor_sees_log_in_or_sign_up_to_reply(client, thread):
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "to reply" in page
    assert reverse("account_login") in page
    assert 'name="body"' not in page


def test_a_bad_answer_keeps_the_text_and_says_what_to_fix(login, member, thread):
    client = login(member)
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}), {"body": "x" * 20001}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 20000 characters" in response.content.decode().replace(",", "")
    assert Post.objects.filter(is_question=False).count() == 0


def test_thread_short_url_redirects_to_the_full_one(client, thread):
    response = client.get(f"/t/{thread.pk}/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == thread.get_absolute_url()


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/expertprofile/",
        "/admin/forum/category/",
        "/admin/forum/thread/",
        "/admin/forum/post/",
        "/admin/moderation/flag/",
        "/admin/moderation/moderationaction/",
    ],
)
def test_admin_pages_load_for_a_superuser(client, admin_user, thread, url):
    client.force_login(admin_user)
    assert client.get(url).status_code == HTTPStatus.OK


def test_seed_demo_is_idempotent():
    from django.core.management import call_command

    from forum.models import Category

    call_command("seed_demo")
    counts = (Category.objects.count(), Thread.objects.count(), Post.objects.count())
    call_command("seed_demo")
    assert (Category.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    assert counts[0] >= 4 and counts[1] >= 12
