"""Following threads and the e-mails followers get."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from forum.models import Post, ThreadFollow
from forum.notifications import make_unfollow_token, notify_followers_of
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def _answer(client, thread, body="Here is what helped me."):
    return client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}), {"body": body}
    )


def test_the_asker_follows_their_question_automatically(thread, member):
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_the_asker_gets_an_email_with_a_link_and_an_unfollow_link(
    login, thread, member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _answer(login(outsider), thread)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    answer = Post.objects.get(is_question=False)
    assert message.to == [member.email]
    assert thread.title in message.subject
    assert f"{thread.get_absolute_url()}#post-{answer.pk}" in message.body
    assert "/unfollow/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "Hello T.C." in message.body


def test_the_answer_author_and_people_who_turned_emails_off_get_none(
    login, thread, member, outsider, user_factory, django_capture_on_commit_callbacks
):
    quiet = user_factory(notify_on_answers=False)
    ThreadFollow.objects.create(thread=thread, user=quiet)
    ThreadFollow.objects.create(thread=thread, user=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(login(outsider), thread)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_anyone_signed_in_can_follow_and_unfollow(
    login, thread, outsider, django_capture_on_commit_callbacks, user_factory
):
    client = login(outsider)
    url = reverse("forum:thread-follow", kwargs={"thread_id": thread.pk})
    assert "Follow" in client.get(thread.get_absolute_url()).content.decode()
    client.post(url, {"action": "follow"})
    assert ThreadFollow.objects.filter(thread=thread, user=outsider).exists()
    assert "You follow this question" in client.get(thread.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=user_factory(), thread=thread, body="Another answer.")
    assert outsider.email in [m.to[0] for m in mail.outbox]

    client.post(url, {"action": "unfollow"})
    assert not ThreadFollow.objects.filter(thread=thread, user=outsider).exists()


def test_visitors_cannot_follow(client, thread):
    response = client.post(reverse("forum:thread-follow", kwargs={"thread_id": thread.pk}))
    assert response["Location"].startswith(reverse("account_login"))


def test_the_unfollow_link_works_without_logging_in_and_can_be_undone(client, thread, member):
    token = make_unfollow_token(user_id=member.pk, thread_id=thread.pk)
    url = reverse("forum:email-unfollow", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "No more e-mails about this question" in response.content.decode()
    assert not ThreadFollow.objects.filter(thread=thread, user=member).exists()

    client.post(url, {"action": "refollow"})
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()

    # Mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token.
    from django.test import Client

    Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert not ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_a_tampered_unfollow_link_changes_nothing(client, thread, member, outsider):
    token = make_unfollow_token(user_id=member.pk, thread_id=thread.pk)
    response = client.get(reverse("forum:email-unfollow", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "does not work" in response.content.decode()
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_a_held_answer_sends_nothing_until_it_is_approved(
    thread, member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_reply(author=outsider, thread=thread, body="An answer.")
    mail.outbox.clear()
    Post.objects.filter(pk=answer.pk).update(status="pending")
    answer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers_of(answer)
    assert mail.outbox == []

    # What moderation does on approval:
    Post.objects.filter(pk=answer.pk).update(status="published")
    answer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers_of(answer)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_email_preferences_turn_answer_emails_off(
    login, member, thread, outsider, django_capture_on_commit_callbacks
):
    client = login(member)
    url = reverse("accounts:profile-edit")
    assert client.get(url).status_code == HTTPStatus.OK
    client.post(url, {"display_name": "T.C.", "location": "Leeds, UK"})
    member.refresh_from_db()
    assert member.notify_on_answers is False
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=outsider, thread=thread, body="An answer.")
    assert mail.outbox == []
