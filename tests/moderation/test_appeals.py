"""Appeals: once per decision, decided by a moderator who did not act, outcome told."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.models import PostStatus
from moderation import services
from moderation.models import Appeal, ModerationAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def removal(moderator, answer):
    services.remove_post(moderator=moderator, post=answer, reason="Off topic")
    return ModerationAction.objects.get(action="remove")


@pytest.fixture
def as_second_moderator(second_moderator):
    client = Client()
    client.force_login(second_moderator)
    return client


def _appeal(client, action, message="I was answering the question asked."):
    return client.post(reverse("moderation-member:appeal", args=[action.pk]), {"message": message})


def test_the_author_of_a_removed_post_can_appeal_once(login, answer, removal):
    client = login(answer.author)
    notices = client.get(reverse("moderation-member:notices")).content.decode()
    assert reverse("moderation-member:appeal", args=[removal.pk]) in notices
    assert _appeal(client, removal).status_code == HTTPStatus.FOUND
    page = client.get(reverse("moderation-member:appeal", args=[removal.pk])).content.decode()
    assert "A moderator other than the one who made the decision" in page
    assert "Send appeal" not in page
    _appeal(client, removal, "Again")
    assert Appeal.objects.count() == 1


def test_someone_else_cannot_appeal_a_removal(login, outsider, user_factory, removal):
    response = _appeal(login(user_factory()), removal)
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_moderator_who_acted_cannot_decide_the_appeal(
    login, as_moderator, moderator, answer, removal
):
    _appeal(login(answer.author), removal)
    appeal = Appeal.objects.get()
    page = as_moderator.get(reverse("moderation:appeals")).content.decode()
    assert "another moderator must decide" in page
    response = as_moderator.post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"decision": "overturn", "note": "Fine"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionDenied):
        services.decide_appeal(moderator=moderator, appeal=appeal, overturn=True, note="Fine")
    appeal.refresh_from_db()
    assert appeal.state == Appeal.State.PENDING


def test_another_moderator_overturns_a_removal_and_the_author_is_told(
    login, as_second_moderator, answer, removal, sent_mail, mailoutbox
):
    author = login(answer.author)
    _appeal(author, removal)
    appeal = Appeal.objects.get()
    with sent_mail():
        response = as_second_moderator.post(
            reverse("moderation:appeal-decide", args=[appeal.pk]),
            {"decision": "overturn", "note": "You are right, it was on topic."},
        )
    assert response.status_code == HTTPStatus.FOUND
    answer.refresh_from_db()
    assert answer.status == PostStatus.PUBLISHED
    assert answer.thread.reply_count == 1
    assert ModerationAction.objects.filter(action="appeal_overturned").count() == 1
    assert "The decision on your appeal" in {m.subject for m in mailoutbox}
    notices = author.get(reverse("moderation-member:notices")).content.decode()
    assert "You are right, it was on topic." in notices


def test_an_upheld_appeal_leaves_the_post_removed(login, as_second_moderator, answer, removal):
    _appeal(login(answer.author), removal)
    appeal = Appeal.objects.get()
    as_second_moderator.post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"decision": "uphold", "note": "It was off topic."},
    )
    answer.refresh_from_db()
    assert answer.status == PostStatus.REMOVED
    assert ModerationAction.objects.filter(action="appeal_upheld").count() == 1
    appeal.refresh_from_db()
    assert appeal.state == Appeal.State.UPHELD


def test_a_suspended_member_can_appeal_and_another_moderator_lifts_it(
    login, moderator, second_moderator, outsider
):
    services.suspend_member(
        moderator=moderator,
        member=outsider,
        until=timezone.now() + timedelta(days=7),
        reason="Abuse",
    )
    suspension = ModerationAction.objects.get(action="suspend")
    _appeal(login(outsider), suspension, "It was a misunderstanding.")
    appeal = Appeal.objects.get()
    assert services.decide_appeal(
        moderator=second_moderator, appeal=appeal, overturn=True, note="Agreed."
    )
    outsider.refresh_from_db()
    assert not outsider.is_suspended
    # Deciding again changes nothing and writes no second row.
    assert not services.decide_appeal(
        moderator=second_moderator, appeal=appeal, overturn=True, note="Agreed."
    )
    assert ModerationAction.objects.filter(action="appeal_overturned").count() == 1
