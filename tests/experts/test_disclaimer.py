"""The mandatory disclaimer: attached by the server, kept through edits, versioned."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from forum.models import Post
from forum.services import edit_post, post_reply, start_thread
from moderation.models import Disclaimer, ModerationAction
from tests.experts.conftest import SAFE_EXPERT_ANSWER

pytestmark = pytest.mark.django_db


def _answer(client, thread, **extra):
    return client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": SAFE_EXPERT_ANSWER, **extra},
    )


def test_a_fresh_database_has_a_first_disclaimer_version():
    first = Disclaimer.objects.current()
    assert first.version == 1
    assert first.text.startswith("Not medical advice.")


def test_a_non_prescriber_is_shown_as_such_and_a_prescriber_is_not(
    client, thread, expert, prescriber
):
    for person in (expert, prescriber):
        client.force_login(person)
        _answer(client, thread)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Daniel Marsh is not a physician and cannot advise on prescribed treatment." in page
    assert "Dr Claire Donnelly is not a physician" not in page
    assert page.count('class="disclaimer"') == 2
    assert page.count('<span class="badge badge-expert">Verified expert</span>') == 2


def test_a_member_post_carries_no_disclaimer(client, thread, outsider):
    client.force_login(outsider)
    _answer(client, thread)
    assert Post.objects.get(author=outsider).disclaimer is None
    assert 'class="disclaimer"' not in client.get(thread.get_absolute_url()).content.decode()


def test_no_form_field_can_remove_or_change_the_disclaimer(client, thread, expert):
    other = Disclaimer.objects.create(text="Forged.", non_prescriber_text="")
    client.force_login(expert)
    _answer(client, thread, disclaimer="", disclaimer_id=other.pk, author_was_prescriber="on")
    answer = Post.objects.get(author=expert)
    assert answer.disclaimer_id == other.pk  # the newest version, chosen by the server
    assert not answer.author_was_prescriber

    response = client.post(
        reverse("forum:post-edit", kwargs={"post_id": answer.pk}),
        {"body": "Edited: " + SAFE_EXPERT_ANSWER, "disclaimer": "", "disclaimer_id": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    answer.refresh_from_db()
    assert answer.body.startswith("Edited:")
    assert answer.disclaimer_id == other.pk
    assert not Post._meta.get_field("disclaimer").editable


def test_editing_keeps_the_version_posted_under_even_after_the_wording_changes(
    client, thread, expert
):
    first = Disclaimer.objects.current()
    old = post_reply(author=expert, thread=thread, body=SAFE_EXPERT_ANSWER)
    assert old.disclaimer == first

    second = Disclaimer.objects.create(
        text="Version two: general information only, not medical advice.",
        non_prescriber_text="{name} does not prescribe.",
    )
    assert second.version == 2
    new = post_reply(author=expert, thread=thread, body="A second answer from me.")
    assert new.disclaimer == second

    assert edit_post(post=old, editor=expert, body="Rewritten answer.") is True
    old.refresh_from_db()
    assert old.disclaimer == first

    page = client.get(thread.get_absolute_url()).content.decode()
    assert first.text in page
    assert "Version two: general information only" in page
    assert "Daniel Marsh does not prescribe." in page


def test_revoking_an_expert_keeps_the_disclaimer_on_what_they_already_wrote(
    client, thread, expert, admin_user
):
    from experts.verification import revoke_expert

    post_reply(author=expert, thread=thread, body=SAFE_EXPERT_ANSWER)
    revoke_expert(profile=expert.expert_profile, staff=admin_user, reason="Lapsed.")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'class="disclaimer"' in page
    assert 'badge-expert">Verified expert<' not in page


def test_staff_add_new_wording_in_the_admin_as_a_new_logged_version(client, admin_user):
    client.force_login(admin_user)
    add_url = reverse("admin:moderation_disclaimer_add")
    form_page = client.get(add_url).content.decode()
    assert "Not medical advice." in form_page  # the current wording, to start from
    response = client.post(
        add_url,
        {
            "text": "New wording, not medical advice.",
            "non_prescriber_text": "{name} is not a doctor.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    current = Disclaimer.objects.current()
    assert (current.version, current.created_by) == (2, admin_user)
    assert ModerationAction.objects.filter(action="new_disclaimer_version").exists()
    change = client.post(
        reverse("admin:moderation_disclaimer_change", args=[current.pk]),
        {"text": "Sneaky edit", "non_prescriber_text": ""},
    )
    assert change.status_code == HTTPStatus.FORBIDDEN
    current.refresh_from_db()
    assert current.text == "New wording, not medical advice."


def test_a_question_by_a_linked_expert_shows_the_disclaimer_in_search_results_and_feeds(
    client, category, expert
):
    # Only an expert who linked their profile to their member account asks as an expert.
    expert.expert_profile.linked_to_member = True
    expert.expert_profile.save()
    start_thread(
        author=expert,
        category=category,
        title="Which embryo grading questions should I ask my lab?",
        body="I am an embryologist asking for patients: what do you wish you had asked?",
    )
    results = client.get(reverse("forum:search"), {"q": "embryo grading"}).content.decode()
    assert "Daniel Marsh is not a physician" in results
    feed = client.get(reverse("forum:feed-latest")).content.decode()
    assert "Daniel Marsh is not a physician" in feed


def test_follower_emails_about_an_expert_answer_carry_the_disclaimer(
    thread, expert, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(author=expert, thread=thread, body=SAFE_EXPERT_ANSWER)
    assert mail.outbox, "the asker follows their own question"
    assert "Daniel Marsh is not a physician" in mail.outbox[-1].body
