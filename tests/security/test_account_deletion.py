"""/accounts/delete/: password again, a cancellable cool-off, then anonymisation."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountDeletion
from community.deletion import carry_out_account_deletion, carry_out_due
from forum.models import Post, PostStatus
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def _ask_to_delete(client, *, password="correct-horse-battery", withdraw=False):
    data = {"action": "delete", "password": password}
    if withdraw:
        data["withdraw_posts"] = "on"
    return client.post(reverse("accounts:delete"), data)


def _end_cool_off(member):
    AccountDeletion.objects.filter(user=member).update(due_at=timezone.now() - timedelta(minutes=1))


def test_deleting_asks_for_the_password_again(login, member):
    client = login(member)
    response = _ask_to_delete(client, password="wrong-password")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "not your current password" in response.content.decode()
    assert not AccountDeletion.objects.exists()


def test_deleting_starts_a_24_hour_cool_off_that_the_member_can_cancel(login, member):
    client = login(member)
    response = _ask_to_delete(client)
    assert response.status_code == HTTPStatus.FOUND
    deletion = AccountDeletion.objects.get(user=member)
    assert timedelta(hours=23, minutes=59) < deletion.due_at - deletion.requested_at
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Keep my account" in page

    client.post(reverse("accounts:delete"), {"action": "cancel"})
    deletion.refresh_from_db()
    assert deletion.cancelled_at is not None
    _end_cool_off(member)
    assert carry_out_due() == 0
    member.refresh_from_db()
    assert member.deleted_at is None


def test_nothing_happens_before_the_cool_off_ends(login, member):
    _ask_to_delete(login(member))
    assert carry_out_due() == 0
    deletion = AccountDeletion.objects.get(user=member)
    assert carry_out_account_deletion.enqueue(deletion_id=deletion.pk).return_value is False
    member.refresh_from_db()
    assert member.is_active


def test_after_the_cool_off_the_account_is_anonymised_and_posts_stay_as_deleted_member(
    login, member, thread, outsider, client
):
    answer = post_reply(author=member, thread=thread, body="A reply that stays for others.")
    _ask_to_delete(login(member))
    _end_cool_off(member)
    call_command("process_account_deletions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    member.refresh_from_db()
    assert member.deleted_at is not None
    assert (member.email, member.display_name, member.location) == ("", "", "")
    assert "tessa" not in member.username
    assert not member.has_usable_password()
    assert not member.is_active
    assert not EmailAddress.objects.filter(user=member).exists()
    answer.refresh_from_db()
    assert answer.status == PostStatus.PUBLISHED

    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "deleted member" in page
    assert "T.C." not in page
    assert "Leeds, UK" not in page


def test_the_member_is_logged_out_everywhere_once_anonymised(login, member):
    client = login(member)
    _ask_to_delete(client)
    _end_cool_off(member)
    carry_out_due()
    response = client.get(reverse("accounts:profile-edit"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url


def test_a_member_can_choose_to_withdraw_their_posts(login, member, outsider, thread_factory):
    lonely = thread_factory(author=member, title="A question nobody answered yet")
    answered = thread_factory(author=member, title="A question somebody answered")
    post_reply(author=outsider, thread=answered, body="Somebody else's helpful answer.")
    elsewhere = thread_factory(author=outsider, title="Someone else's question here")
    reply = post_reply(author=member, thread=elsewhere, body="My reply I want to take back.")

    _ask_to_delete(login(member), withdraw=True)
    _end_cool_off(member)
    assert carry_out_due() == 1

    reply.refresh_from_db()
    assert reply.status == PostStatus.WITHDRAWN
    assert lonely.posts.get(is_question=True).status == PostStatus.WITHDRAWN
    # others' answers keep their question, now under "deleted member"
    assert answered.posts.get(is_question=True).status == PostStatus.PUBLISHED
    assert Post.objects.filter(author=member).count() == 3  # nothing hard-deleted


def test_the_deletion_page_needs_a_login(client):
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url


def test_running_the_command_twice_anonymises_once(login, member):
    _ask_to_delete(login(member))
    _end_cool_off(member)
    assert carry_out_due() == 1
    assert carry_out_due() == 0


def test_a_queue_that_can_wait_gets_the_deletion_for_the_end_of_the_cool_off(
    login, member, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        _ask_to_delete(login(member))
    deletion = AccountDeletion.objects.get(user=member)
    [queued] = default_task_backend.results
    assert queued.task.name == "carry_out_account_deletion"
    assert queued.task.run_after == deletion.due_at
    assert queued.kwargs == {"deletion_id": deletion.pk}
