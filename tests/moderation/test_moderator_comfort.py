"""Moderator comfort: the audit log in words with linked targets, a choice-list filter and a
CSV naming members by display name and id; the appeals page shows the appealed post; after
setting up two-factor authentication the moderator is offered the way back."""

from __future__ import annotations

import csv
import io
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from experts.verification import verify_expert
from moderation import services
from moderation.models import ACTION_WORDS, Appeal, ModerationAction
from tests.security.support import totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(moderator, admin_user, answer, thread, user_factory):
    from accounts.models import ExpertProfile

    services.lock_thread(moderator=moderator, thread=thread, reason="Heated")
    services.remove_post(moderator=moderator, post=answer, reason="Off topic")
    services.warn_member(moderator=moderator, member=answer.author, message="Be kind")
    applicant = user_factory(display_name="Dr Rao")
    profile = ExpertProfile.objects.create(user=applicant, title="Nurse", organisation="Clinic")
    verify_expert(profile=profile, staff=admin_user, reason="On the register")


def _rows(as_moderator, **params) -> list[list[str]]:
    response = as_moderator.get(reverse("moderation:log"), {"format": "csv", **params})
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_log_says_each_action_in_words(as_moderator, logged):
    page = as_moderator.get(reverse("moderation:log")).content.decode()
    for words in ("Locked a thread", "Removed a post", "Warned a member", "Verified an expert"):
        assert f"<td>{words}</td>" in page


def test_the_log_links_each_target(as_moderator, logged, answer, thread):
    page = as_moderator.get(reverse("moderation:log")).content.decode()
    assert f'href="{reverse("moderation:post", args=[answer.pk])}"' in page
    assert f'href="{reverse("forum:thread-redirect", args=[thread.pk])}"' in page
    assert f'href="{answer.author.get_absolute_url()}"' in page  # the member warned


def test_the_action_filter_is_a_choice_list_in_words(as_moderator, logged):
    page = as_moderator.get(reverse("moderation:log")).content.decode()
    assert '<select name="action"' in page
    assert '<option value="verify_expert">Verified an expert</option>' in page
    filtered = as_moderator.get(reverse("moderation:log"), {"action": "remove"}).content.decode()
    assert "Off topic" in filtered
    assert "Heated" not in filtered
    assert len(ACTION_WORDS) == len(set(ACTION_WORDS.values()))


def test_the_csv_names_members_by_display_name_and_id(as_moderator, logged, moderator, answer):
    header, *rows = _rows(as_moderator, action="warn")
    assert header[:4] == ["when", "who", "who id", "action"]
    row = dict(zip(header, rows[0], strict=True))
    assert (row["who"], row["who id"]) == ("Moira", str(moderator.pk))
    assert (row["member"], row["member id"]) == (answer.author.public_name, str(answer.author.pk))
    assert (row["action"], row["action code"]) == ("Warned a member", "warn")


def test_the_appeals_page_shows_the_appealed_post(
    login, answer, moderator, second_moderator, django_assert_max_num_queries
):
    services.remove_post(moderator=moderator, post=answer, reason="Off topic")
    removal = ModerationAction.objects.get(action="remove")
    services.file_appeal(appellant=answer.author, action=removal, message="I was answering.")
    assert Appeal.objects.count() == 1
    client = Client()
    client.force_login(second_moderator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("moderation:appeals")).content.decode()
    assert "appeals: removed a post" in page
    assert answer.body in page
    assert "I was answering." in page
    assert page.index(answer.body) < page.index("I was answering.")


# allauth signals the new authenticator on commit. serialized_rollback: the flush after
# this test then leaves the content types as they were, which the two-server tests
# (also serialized) need on PostgreSQL when they run next.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_setting_up_two_factor_the_moderator_is_offered_the_way_back(client, user_factory):
    moderator = user_factory(display_name="New Mod", is_moderator=True, password="pw-long-enough-1")
    client.post(
        reverse("account_login"), {"login": moderator.email, "password": "pw-long-enough-1"}
    )
    going_to = reverse("moderation:log") + "?action=remove"
    response = client.get(going_to)
    assert response.url == reverse("mfa_activate_totp")
    # setting up an authenticator asks for the password again first
    client.post(reverse("account_reauthenticate"), {"password": "pw-long-enough-1"})
    form = client.get(response.url).context["form"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(form.secret)})
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response.url).content.decode()  # the recovery codes, to save first
    assert "Continue to where you were going" in page
    assert 'href="/moderation/log/?action=remove"' in page
    assert client.get(going_to).status_code == HTTPStatus.OK
    assert "Continue to where you were going" not in client.get(response.url).content.decode()
