"""Thread titles and other one-line text others read refuse the invisible characters that
display names already refuse: a right-to-left override can make a title read backwards
(or hide what it says), zero-width characters can make two titles look alike."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Thread
from moderation import forms as moderation_forms

pytestmark = pytest.mark.django_db

SPOOFED = {
    "right-to-left override": "Is spotting normal \u202eafter transfer?",
    "zero-width space": "Is spotting nor\u200bmal after transfer?",
    "zero-width joiner": "Is spotting nor\u200dmal after transfer?",
    "right-to-left isolate": "Is spotting normal \u2067after transfer?",
    "byte order mark": "\ufeffIs spotting normal after transfer?",
    "arabic letter mark": "Is spotting normal \u061cafter transfer?",
    "soft hyphen": "Is spotting nor\u00admal after transfer?",
    "invisible tag letters": "Is spotting normal after transfer?\U000e0069\U000e0067",
}
REFUSAL = "invisible formatting characters"


@pytest.mark.parametrize("title", SPOOFED.values(), ids=SPOOFED.keys())
def test_a_question_title_with_invisible_characters_is_refused_and_nothing_is_posted(
    login, member, category, title
):
    response = login(member).post(
        reverse("forum:thread-start"),
        {
            "category": category.pk,
            "title": title,
            "body": "I had my transfer last week and I am worried about spotting.",
        },
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert REFUSAL in page
    assert "I had my transfer last week" in page  # the details stay in the form
    assert not Thread.objects.exists()


def test_an_edited_title_with_invisible_characters_is_refused(login, member, thread):
    question = thread.posts.get(is_question=True)
    response = login(member).post(
        reverse("forum:post-edit", args=[question.pk]),
        {"title": SPOOFED["right-to-left override"], "body": question.body},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert REFUSAL in response.content.decode()
    thread.refresh_from_db()
    assert thread.title == "How long did your frozen transfer take?"


def test_a_plain_title_with_accents_and_other_scripts_is_accepted(login, member, category):
    response = login(member).post(
        reverse("forum:thread-start"),
        {
            "category": category.pk,
            "title": "Crinone gel après transfert — שאלה על הג'ל",
            "body": "I had my transfer last week and I am worried about the gel.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Thread.objects.get().title == "Crinone gel après transfert — שאלה על הג'ל"


@pytest.mark.parametrize(
    ("form_class", "field", "extra"),
    [
        (moderation_forms.FeedbackResubmitForm, "title", {"body": "My question, changed."}),
        (moderation_forms.ReasonForm, "reason", {}),
        (moderation_forms.OptionalReasonForm, "reason", {}),
        (moderation_forms.RedactForm, "reason", {"body": "The text."}),
    ],
    ids=["resubmitted title", "removal reason", "optional reason", "redaction reason"],
)
def test_other_one_line_text_shown_to_members_refuses_invisible_characters(
    form_class, field, extra
):
    form = form_class(data={field: SPOOFED["right-to-left override"], **extra})
    assert not form.is_valid()
    assert REFUSAL in str(form.errors[field])
