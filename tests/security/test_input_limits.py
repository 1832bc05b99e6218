"""Oversized requests and text the site cannot store get a clear 4xx, never a 500."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django import forms
from django.urls import reverse

from config.forms import CleanTextMixin, validate_storable_text
from forum.forms import AskForm, ReplyForm
from forum.models import Post, Thread

pytestmark = pytest.mark.django_db


def test_a_request_body_over_the_limit_is_refused_with_400(login, member, thread, settings):
    client = login(member)
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": body})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Post.objects.filter(thread=thread, is_question=False).exists()


def test_too_many_form_fields_are_refused_with_400(login, member, thread):
    client = login(member)
    data = {f"field{n}": "x" for n in range(2000)} | {"body": "A normal reply here."}
    response = client.post(reverse("forum:reply-create", args=[thread.pk]), data)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_an_over_long_answer_gets_a_form_error_saying_the_limit(login, member, thread):
    client = login(member)
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "word " * 5000}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 20000 characters" in response.content.decode().replace(",", "")


@pytest.mark.parametrize(
    "text", ["nul \x00 byte", "bell \x07", "escape \x1b[31m", "c1 \x85 control", "lone \ud800"]
)
def test_text_with_control_characters_is_refused_with_a_message(text):
    form = ReplyForm(data={"body": f"Some answer text {text} and more."})
    assert not form.is_valid()
    assert form.errors["body"]


def test_tabs_and_line_breaks_are_fine():
    form = ReplyForm(data={"body": "Line one\r\n\tLine two\nLine three"})
    assert form.is_valid(), form.errors


def test_a_question_with_a_nul_byte_is_refused_not_a_500(login, member, category):
    client = login(member)
    response = client.post(
        reverse("forum:thread-start"),
        {
            "category": category.pk,
            "title": "A question with a\x00 nul byte",
            "body": "Details with a control \x01 character in the middle here.",
        },
    )
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}
    assert not Thread.objects.exists()


def test_the_mixin_gives_unbounded_text_fields_a_limit():
    class Loose(CleanTextMixin, forms.Form):
        note = forms.CharField()

    form = Loose(data={"note": "x" * 20_001})
    assert not form.is_valid()
    assert validate_storable_text in form.fields["note"].validators


def test_every_forum_form_uses_the_shared_text_checks():
    for form in (AskForm(), ReplyForm()):
        for field in form.fields.values():
            if isinstance(field, forms.CharField):
                assert validate_storable_text in field.validators
