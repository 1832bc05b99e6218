"""Moderators' decisions on automatic flags become labelled examples, and the moderation
pages show how often each check was right over the last 30 days."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import PostStatus
from forum.services import edit_post
from moderation import services
from moderation.checks.training import cases_from_decisions
from moderation.learning import check_precision
from moderation.models import DetectorTerm, Flag, TrainingExample

ADVICE = "Just ditch the pessaries now, you honestly don't need them after 8 weeks."


@pytest.fixture(autouse=True)
def exact_change_phrase(db):
    """An admin's change phrase makes the hold exact, whatever the model's version thinks."""
    DetectorTerm.objects.create(kind=DetectorTerm.Kind.CHANGE_PHRASE, phrase="ditch the pessaries")


def test_removing_a_held_advice_reply_keeps_the_text_as_it_was_as_a_positive_example(
    answer_factory, thread, moderator
):
    reply = answer_factory(thread=thread, body=ADVICE)
    assert reply.status == PostStatus.PENDING
    services.remove_post(moderator=moderator, post=reply, reason="Advice to stop a medicine")
    example = TrainingExample.objects.get()
    assert example.label == "prescription_change"
    assert example.is_positive is True
    assert example.decision == "removed"
    assert example.text == ADVICE
    assert example.sentence and example.sentence in ADVICE
    assert example.decided_by == moderator


def test_approving_a_held_reply_is_a_negative_example(answer_factory, thread, moderator):
    reply = answer_factory(thread=thread, body=ADVICE)
    services.approve_post(moderator=moderator, post=reply)
    assert TrainingExample.objects.get().is_positive is False


def test_an_example_keeps_what_the_moderator_saw_even_after_an_edit(
    answer_factory, thread, moderator
):
    reply = answer_factory(thread=thread, body=ADVICE)
    services.remove_post(moderator=moderator, post=reply, reason="Advice to stop a medicine")
    edit_post(post=reply, editor=reply.author, body="Please ask your clinic, they know you best.")
    assert TrainingExample.objects.get().text == ADVICE


def test_clearing_a_crisis_flag_is_an_explicit_negative_example(answer_factory, thread, moderator):
    reply = answer_factory(thread=thread, body="Some nights I want to kill myself, honestly.")
    assert Flag.objects.get(post=reply, reason="crisis").detector == "rule:crisis-phrase"
    flag = Flag.objects.get(post=reply, reason="crisis")
    with pytest.raises(Exception, match="why"):
        services.decide_flag(moderator=moderator, flag=flag, holds=False)
    assert services.decide_flag(moderator=moderator, flag=flag, holds=False, reason="A song lyric")
    assert not services.decide_flag(moderator=moderator, flag=flag, holds=False, reason="again")
    example = TrainingExample.objects.get()
    assert (example.label, example.is_positive, example.decision) == ("crisis", False, "cleared")


def test_decisions_become_training_cases_for_their_own_label_only(
    answer_factory, thread, moderator
):
    reply = answer_factory(thread=thread, body=ADVICE)
    services.remove_post(moderator=moderator, post=reply, reason="Advice to stop a medicine")
    (case,) = cases_from_decisions(TrainingExample.objects.all())
    assert case.labels["prescription_change"] is True
    assert case.only_label == "prescription_change"
    assert case.evidence["prescription_change"][0] in case.text


def test_the_checks_page_shows_each_checks_precision_over_30_days(
    answer_factory, thread, moderator, as_moderator
):
    for body in (ADVICE, ADVICE + " Honestly.", ADVICE + " Trust me."):
        answer_factory(thread=thread, body=body)
    replies = list(thread.posts.filter(status=PostStatus.PENDING).order_by("pk"))
    services.remove_post(moderator=moderator, post=replies[0], reason="advice")
    services.remove_post(moderator=moderator, post=replies[1], reason="advice")
    services.approve_post(moderator=moderator, post=replies[2])
    (row,) = check_precision()
    assert (row["decisions"], row["agreed"]) == (3, 2)
    page = as_moderator.get(reverse("moderation:checks")).content.decode()
    assert "67%" in page
    assert "3 decisions" in page
