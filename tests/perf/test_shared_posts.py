"""A post as every visitor (or every member with no part in the thread) sees it is kept by
what it shows (forum.cache.SharedPosts): a write to a thread costs the next reader the
changed post alone, and every change to a post still shows at once."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from accounts.models import ExpertProfile
from forum import services
from forum.templatetags import slots
from moderation import services as moderation_services

pytestmark = pytest.mark.django_db

EXPERT_BADGE = '<span class="badge badge-expert">Verified expert</span>'


@pytest.fixture
def rendered_posts(monkeypatch):
    """The ids of the posts rendered from their template (not taken from the cache)."""
    ids: list[int] = []
    render = slots.render_slot

    def counting(name, values):
        if values.get("post") is not None:
            ids.append(values["post"].pk)
        return render(name, values)

    monkeypatch.setattr(slots, "render_slot", counting)
    return ids


@pytest.fixture
def answered(thread, user_factory):
    answers = [
        services.post_reply(author=user_factory(), thread=thread, body=f"Answer number {i}.")
        for i in range(5)
    ]
    return thread, answers


def _page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_after_a_new_answer_the_next_visitor_waits_for_that_answer_alone(
    client, answered, user_factory, rendered_posts
):
    thread, _answers = answered
    _page(client, thread)
    assert len(rendered_posts) == 6  # the question and five answers, rendered once
    rendered_posts.clear()
    new = services.post_reply(author=user_factory(), thread=thread, body="Mine came at day 30.")
    page = _page(client, thread)
    assert rendered_posts == [new.pk]
    assert "Mine came at day 30." in page and "Answer number 4." in page


def test_a_member_reading_after_a_visitor_still_gets_the_buttons_members_have(
    client, answered, outsider
):
    thread, _answers = answered
    visitor_page = _page(client, thread)
    assert "This helped me" not in visitor_page
    client.force_login(outsider)
    assert _page(client, thread).count("This helped me") == 6  # the question and five answers
    client.logout()
    assert "This helped me" not in _page(client, thread)


def test_every_change_to_a_post_shows_on_the_next_visit(
    client, answered, outsider, moderator, expert_factory
):
    thread, answers = answered
    first, second, third = answers[:3]
    assert "found this helpful" not in _page(client, thread)

    services.toggle_helpful(post=first, voter=outsider)
    assert "1 person found this helpful" in _page(client, thread)

    services.edit_post(post=second, editor=second.author, body="Answer number 1, corrected.")
    assert "Answer number 1, corrected." in _page(client, thread)

    moderation_services.remove_post(moderator=moderator, post=third, reason="advertising")
    page = _page(client, thread)
    assert "Answer number 2." not in page
    assert "This post was removed by a moderator: advertising." in page

    author = first.author
    author.display_name = "Robin from Hull"
    author.save()
    assert "Robin from Hull" in _page(client, thread)

    expert = expert_factory(
        username="drlee", display_name="Dr Lee", title="Midwife", organisation="St Elsewhere"
    )
    services.post_reply(author=expert, thread=thread, body="Please ring your unit.")
    assert EXPERT_BADGE in _page(client, thread)
    profile = ExpertProfile.objects.get(user=expert)
    profile.status = ExpertProfile.Status.REVOKED
    profile.save()
    assert EXPERT_BADGE not in _page(client, thread)
