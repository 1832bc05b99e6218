"""Prescription-change questions: the asker is pointed to their prescriber, experts are
reminded of the line and must acknowledge it, and advice to change waits for a moderator."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum.models import Post, PostStatus, Thread
from moderation.models import Flag, ModerationAction
from moderation.services import clear_prescription_question, confirm_prescription_question
from tests.experts.conftest import (
    ADVICE_TO_STOP,
    HEPARIN_BODY,
    HEPARIN_TITLE,
    SAFE_EXPERT_ANSWER,
)

pytestmark = pytest.mark.django_db

PRESCRIBER_NOTICE = "Only your prescriber can advise on changing this medicine"


def _reply_url(thread) -> str:
    return reverse("forum:reply-create", kwargs={"thread_id": thread.pk})


def test_the_asker_is_pointed_to_their_prescriber_right_after_asking(client, member, category):
    client.force_login(member)
    response = client.post(
        reverse("forum:thread-start"),
        {"category": category.pk, "title": HEPARIN_TITLE, "body": HEPARIN_BODY},
        follow=True,
    )
    thread = Thread.objects.get()
    assert thread.is_prescription_question
    assert thread.status == PostStatus.PUBLISHED  # asking is never hidden
    page = response.content.decode()
    assert "Only the person who prescribed it can advise you on that" in page  # the message
    assert PRESCRIBER_NOTICE in page
    assert "Why was this medicine prescribed for me" in page
    assert "Prescription question" in page
    flag = Flag.objects.get(post__thread=thread)
    assert (flag.source, flag.reason, flag.state) == ("auto", "prescription_change", "open")


def test_everyone_sees_the_mark_but_only_the_asker_gets_the_notice(client, rx_thread, outsider):
    page = client.get(rx_thread.get_absolute_url()).content.decode()
    assert "Prescription question" in page
    assert PRESCRIBER_NOTICE not in page

    client.force_login(outsider)
    page = client.get(rx_thread.get_absolute_url()).content.decode()
    assert PRESCRIBER_NOTICE not in page
    assert "please leave any decision about stopping or changing it" in page  # gentle reminder
    assert "reply-house-rule" not in page
    assert 'name="acknowledge"' not in page

    listing = client.get(rx_thread.category.get_absolute_url()).content.decode()
    assert "Prescription question" in listing


def test_an_unmarked_thread_still_reminds_every_answerer_of_the_house_rule(
    client, thread, outsider
):
    # The checks miss some prescription questions (docs/checks.md): the one-line rule is
    # there above every answer box, and the marked thread's fuller reminder replaces it.
    assert not thread.is_prescription_question
    client.force_login(outsider)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "please never tell anyone to stop, skip or change a prescribed medicine" in page
    assert f'href="{reverse("moderation-member:urgent-care")}">urgent help</a>' in page
    assert page.index("reply-house-rule") < page.index('name="body"')


def test_an_expert_sees_the_guidance_and_must_acknowledge_it_before_answering(
    client, rx_thread, expert
):
    client.force_login(expert)
    page = client.get(rx_thread.get_absolute_url()).content.decode()
    assert "Before you answer a prescription question" in page
    assert 'name="acknowledge"' in page

    response = client.post(_reply_url(rx_thread), {"body": SAFE_EXPERT_ANSWER})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "leaves decisions about the prescription" in response.content.decode()
    assert not Post.objects.filter(author=expert).exists()

    response = client.post(_reply_url(rx_thread), {"body": SAFE_EXPERT_ANSWER, "acknowledge": "on"})
    assert response.status_code == HTTPStatus.FOUND
    answer = Post.objects.get(author=expert)
    assert answer.status == PostStatus.PUBLISHED
    assert answer.disclaimer is not None


def test_a_member_answering_a_marked_thread_needs_no_acknowledgement(client, rx_thread, outsider):
    client.force_login(outsider)
    response = client.post(
        _reply_url(rx_thread), {"body": "I felt the same at 22 weeks. Sending strength."}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Post.objects.get(author=outsider).status == PostStatus.PUBLISHED


def test_advice_to_stop_waits_for_a_moderator_and_only_its_author_and_moderators_see_it(
    client, rx_thread, outsider, user_factory, moderator
):
    adviser = user_factory(display_name="Q.Z.")
    client.force_login(adviser)
    response = client.post(_reply_url(rx_thread), {"body": ADVICE_TO_STOP}, follow=True)
    held = Post.objects.get(author=adviser)
    assert held.status == PostStatus.PENDING
    assert "prescriber" in held.status_reason
    assert Flag.objects.filter(post=held, reason="prescription_change", state="open").exists()
    page = response.content.decode()
    assert "waits for a moderator before others can see it" in page  # the message
    assert "nothing is lost" in page  # the notice on the post
    assert ADVICE_TO_STOP in page
    rx_thread.refresh_from_db()
    assert rx_thread.reply_count == 0

    for viewer in (outsider, None):
        if viewer:
            client.force_login(viewer)
        else:
            client.logout()
        page = client.get(rx_thread.get_absolute_url()).content.decode()
        assert ADVICE_TO_STOP not in page
        assert f"post-{held.pk}" not in page
        assert "Q.Z." not in page
        assert "Waiting for a moderator" not in page
        assert "0 answers" in page

    moderator_page = Post.objects.visible_to(moderator).filter(pk=held.pk)
    assert moderator_page.exists()


def test_an_expert_who_advises_a_change_is_held_too(client, rx_thread, expert):
    client.force_login(expert)
    client.post(_reply_url(rx_thread), {"body": ADVICE_TO_STOP, "acknowledge": "on"})
    answer = Post.objects.get(author=expert)
    assert answer.status == PostStatus.PENDING
    assert answer.disclaimer is not None


def test_a_moderator_confirms_the_mark_and_the_flag_is_closed_with_an_audit_row(
    rx_thread, moderator
):
    assert confirm_prescription_question(moderator=moderator, thread=rx_thread) is True
    assert confirm_prescription_question(moderator=moderator, thread=rx_thread) is False
    rx_thread.refresh_from_db()
    assert rx_thread.is_prescription_question
    flag = Flag.objects.get(post__thread=rx_thread)
    assert (flag.state, flag.resolved_by) == ("accepted", moderator)
    audit = ModerationAction.objects.get()
    assert (audit.action, audit.actor, audit.target_id) == (
        "confirm_prescription_question",
        moderator,
        str(rx_thread.pk),
    )


def test_a_moderator_clears_a_wrong_mark_with_a_reason(client, rx_thread, moderator, member):
    with pytest.raises(ValidationError):
        clear_prescription_question(moderator=moderator, thread=rx_thread, reason="  ")
    changed = clear_prescription_question(
        moderator=moderator, thread=rx_thread, reason="Asks about side effects only."
    )
    assert changed is True
    assert (
        clear_prescription_question(moderator=moderator, thread=rx_thread, reason="again") is False
    )
    rx_thread.refresh_from_db()
    assert not rx_thread.is_prescription_question
    assert Flag.objects.get(post__thread=rx_thread).state == "rejected"
    audit = ModerationAction.objects.get()
    assert audit.action == "clear_prescription_question"
    assert audit.reason == "Asks about side effects only."
    client.force_login(member)
    page = client.get(rx_thread.get_absolute_url()).content.decode()
    assert "Prescription question" not in page
    assert PRESCRIBER_NOTICE not in page


def test_a_moderator_can_mark_a_question_the_check_missed(thread, moderator):
    assert not thread.is_prescription_question
    assert confirm_prescription_question(moderator=moderator, thread=thread) is True
    thread.refresh_from_db()
    assert thread.is_prescription_question


def test_only_moderators_can_confirm_or_clear(rx_thread, outsider):
    with pytest.raises(PermissionDenied):
        confirm_prescription_question(moderator=outsider, thread=rx_thread)
    with pytest.raises(PermissionDenied):
        clear_prescription_question(moderator=outsider, thread=rx_thread, reason="no")


def test_the_marked_thread_page_keeps_a_fixed_number_of_queries(
    client, rx_thread, expert, prescriber, user_factory, django_assert_max_num_queries
):
    from forum.services import post_reply

    for author in (expert, prescriber, *(user_factory() for _ in range(4))):
        post_reply(author=author, thread=rx_thread, body="Thinking of you. Ask your team why.")
    client.force_login(expert)
    with django_assert_max_num_queries(20) as few:
        client.get(rx_thread.get_absolute_url())
    for n in range(6):
        # Different words each time: the same answer twice in a row is kept once.
        post_reply(author=prescriber, thread=rx_thread, body=f"Ask your obstetric team ({n}).")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(rx_thread.get_absolute_url()).content.decode()
    assert page.count('class="disclaimer"') == 8
