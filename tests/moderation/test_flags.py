"""Members report posts: a form on its own page, one open report each, hidden after N."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import PostStatus, Thread
from moderation.models import Flag, ModerationAction

pytestmark = pytest.mark.django_db


def _report(client, post, reason="spam", note=""):
    return client.post(
        reverse("moderation-member:flag", args=[post.pk]), {"reason": reason, "note": note}
    )


def test_every_post_has_a_report_link_that_opens_a_form(login, outsider, thread, answer):
    client = login(outsider)
    page = client.get(thread.get_absolute_url()).content.decode()
    question = thread.posts.get(is_question=True)
    assert reverse("moderation-member:flag", args=[question.pk]) in page
    form = client.get(reverse("moderation-member:flag", args=[question.pk]))
    assert form.status_code == HTTPStatus.OK
    assert "Someone may be at risk" in form.content.decode()


def test_a_member_can_report_a_post_with_a_reason_and_note(login, outsider, thread):
    question = thread.posts.get()
    response = _report(login(outsider), question, "misinformation", "Says IVF causes cancer")
    assert response.status_code == HTTPStatus.FOUND
    flag = Flag.objects.get()
    assert (flag.source, flag.reason, flag.note, flag.reporter) == (
        "user",
        "misinformation",
        "Says IVF causes cancer",
        outsider,
    )


def test_reporting_the_same_post_twice_gets_a_friendly_message(login, outsider, thread):
    client = login(outsider)
    question = thread.posts.get()
    _report(client, question)
    response = _report(client, question, "abuse")
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response["Location"]).content.decode()
    assert "You have already reported this post" in page
    assert Flag.objects.count() == 1


def test_a_report_without_a_reason_is_sent_back_with_an_error(login, outsider, thread):
    response = _report(login(outsider), thread.posts.get(), reason="")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This field is required" in response.content.decode()


def test_members_cannot_report_their_own_post(login, member, thread):
    response = _report(login(member), thread.posts.get())
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "You cannot report your own post" in response.content.decode()


def test_reports_from_three_members_hide_a_post_until_a_moderator_looks(
    user_factory, client, thread, answer, sent_mail, mailoutbox
):
    with sent_mail():
        for _ in range(3):
            client.force_login(user_factory())
            _report(client, answer)
    answer.refresh_from_db()
    assert answer.status == PostStatus.PENDING
    assert Thread.objects.get(pk=thread.pk).reply_count == 0
    assert ModerationAction.objects.filter(action="hide_after_reports").count() == 1
    assert any("waiting for a moderator" in m.subject for m in mailoutbox)
    client.logout()
    assert "That happened to me too" not in client.get(thread.get_absolute_url()).content.decode()


def test_two_reports_do_not_hide_a_post(user_factory, client, answer):
    for _ in range(2):
        client.force_login(user_factory())
        _report(client, answer)
    answer.refresh_from_db()
    assert answer.status == PostStatus.PUBLISHED


def test_a_report_that_someone_is_at_risk_is_urgent_and_alerts_moderators(
    login, outsider, moderator, thread, sent_mail, mailoutbox
):
    with sent_mail():
        _report(login(outsider), thread.posts.get(), "crisis")
    assert Flag.objects.get().is_urgent
    assert [m.to for m in mailoutbox if "Urgent" in m.subject] == [[moderator.email]]


def test_too_many_reports_in_an_hour_get_the_friendly_429_page(
    settings, user_factory, login, outsider, thread_factory
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "flag": {"user": "2/h"}}
    client = login(outsider)
    posts = [thread_factory().posts.get() for _ in range(3)]
    assert _report(client, posts[0]).status_code == HTTPStatus.FOUND
    assert _report(client, posts[1]).status_code == HTTPStatus.FOUND
    response = _report(client, posts[2])
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "slow down" in response.content.decode()
    assert Flag.objects.count() == 2
