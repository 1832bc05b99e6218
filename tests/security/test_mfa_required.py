"""Moderators and staff reach /moderation/ and /admin/ only with two-factor authentication."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.security.support import enable_totp, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_without_mfa(user_factory):
    return user_factory(display_name="New Mod", is_moderator=True)


@pytest.fixture
def staff_without_mfa(user_factory):
    return user_factory(display_name="New Staff", is_staff=True, is_superuser=True)


def test_a_moderator_without_an_authenticator_is_sent_to_set_one_up(client, moderator_without_mfa):
    client.force_login(moderator_without_mfa)
    response = client.get(reverse("moderation:queue"), follow=False)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_activate_totp")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("two-factor authentication" in m for m in messages)


def test_staff_without_an_authenticator_cannot_open_the_admin(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    response = client.get(reverse("admin:auth_group_changelist"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_activate_totp")


def test_a_moderator_with_an_authenticator_works_the_queue(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("moderation:queue")).status_code == HTTPStatus.OK


def test_staff_with_an_authenticator_open_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_the_setup_page_itself_is_reachable_for_a_moderator_without_one(
    client, moderator_without_mfa
):
    client.force_login(moderator_without_mfa)
    response = client.get(reverse("mfa_activate_totp"))
    # allauth may first ask for the password again; either way it is not our redirect loop.
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.FOUND}
    if response.status_code == HTTPStatus.FOUND:
        assert response.url != reverse("mfa_activate_totp")


def test_ordinary_members_pay_no_extra_query_for_the_check(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    client.get(reverse("moderation:queue"))  # warm up
    # at most the session and the user row (with a cache, either may come from it); then
    # the moderation view refuses before touching anything else
    with django_assert_max_num_queries(2):
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_anonymous_visitors_are_sent_to_log_in_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url


def test_the_admin_login_form_goes_through_allauth_so_it_cannot_skip_the_second_factor(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))


def test_a_moderator_logging_in_with_a_password_is_asked_for_the_code(client, moderator):
    secret = enable_totp(moderator)
    response = client.post(
        reverse("account_login"),
        {"login": moderator.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("moderation:queue")).status_code == HTTPStatus.FOUND  # not in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("moderation:queue")).status_code == HTTPStatus.OK


def test_every_member_can_turn_on_two_factor_authentication(client, member):
    client.force_login(member)
    assert client.get(reverse("mfa_index")).status_code == HTTPStatus.OK
