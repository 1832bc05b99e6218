"""Following threads and the e-mails followers get."""

from __future__ import annotations

import time
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail, signing
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


def _unfollow_url(member, thread) -> str:
    token = make_unfollow_token(user_id=member.pk, thread_id=thread.pk)
    return reverse("forum:email-unfollow", kwargs={"token": token})


def _follows(member, thread) -> bool:
    return ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_opening_the_unfollow_link_only_asks_and_the_button_unfollows(client, thread, member):
    url = _unfollow_url(member, thread)
    # Mail scanners and link previews open links: a GET must change nothing.
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Stop e-mails about this question?" in page
    assert thread.title in page
    assert 'method="post"' in page
    assert _follows(member, thread)

    response = client.post(url, {"action": "unfollow"})
    assert response.status_code == HTTPStatus.OK
    assert "No more e-mails about this question" in response.content.decode()
    assert not _follows(member, thread)

    client.post(url, {"action": "refollow"})
    assert _follows(member, thread)


def test_a_mail_clients_one_click_unsubscribe_works_without_a_csrf_token(
    login, thread, member, outsider, django_capture_on_commit_callbacks
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        _answer(login(outsider), thread)
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = headers["List-Unsubscribe"].strip("<>")
    assert link in mail.outbox[0].body
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's address.
    response = Client(enforce_csrf_checks=True).post(
        link.removeprefix(settings.SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == HTTPStatus.OK
    assert not _follows(member, thread)


def _unfollow_url_made(member, thread, monkeypatch, *, days_ago: int) -> str:
    then = int(time.time() - days_ago * 86400)
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return _unfollow_url(member, thread)


def test_an_unfollow_link_expires_after_sixty_days(client, thread, member, monkeypatch):
    old = _unfollow_url_made(member, thread, monkeypatch, days_ago=61)
    for method in (client.get, client.post):
        response = method(old)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "This link has expired" in response.content.decode()
    assert _follows(member, thread)
    client.post(_unfollow_url_made(member, thread, monkeypatch, days_ago=59))
    assert not _follows(member, thread)


def test_a_tampered_unfollow_link_changes_nothing(client, thread, member, outsider):
    token = make_unfollow_token(user_id=member.pk, thread_id=thread.pk)
    response = client.get(reverse("forum:email-unfollow", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "does not work" in response.content.decode()
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()


def test_a_held_answer_sends_nothing_until_it_is_approved(
    thread, member, outsider, django_capture_on_commit_callbacks
):
    answer = Post.objects.create(
        thread=thread, author=outsider, body="An answer.", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers_of(answer)
    assert mail.outbox == []

    # What moderation does on approval:
    Post.objects.filter(pk=answer.pk).update(status="published")
    answer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers_of(answer)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_an_answer_hidden_and_approved_again_is_not_emailed_twice(
    thread, member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = post_reply(author=outsider, thread=thread, body="An answer.")
    assert len(mail.outbox) == 1
    Post.objects.filter(pk=answer.pk).update(status="pending")
    Post.objects.filter(pk=answer.pk).update(status="published")
    answer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify_followers_of(answer)
    assert len(mail.outbox) == 1


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
