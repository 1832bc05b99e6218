"""Similar questions while she writes her question: the list the page's script asks for, and
the same list shown by Preview when JavaScript is off (tests/browser covers the browser)."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(thread_factory):
    pregnancy = Category.objects.create(name="Pregnancy", slug="pregnancy")
    loss = Category.objects.create(name="Pregnancy loss", slug="pregnancy-loss")
    return {
        "clexane": thread_factory(
            title="Clexane bruising after every injection",
            body="I am 20 weeks pregnant and my tummy is covered in bruises from Clexane.",
            category=pregnancy,
        ),
        "loss": thread_factory(
            title="Miscarriage at 9 weeks after heparin",
            body="We lost our baby even though I was on heparin. How do we grieve?",
            category=loss,
        ),
        "snacks": thread_factory(
            title="Best snacks for the two week wait", body="Distraction ideas please."
        ),
    }


def _similar(client, **params):
    return client.get(reverse("forum:thread-similar"), params)


def test_similar_questions_open_in_a_new_tab(client, login, member, asked):
    login(member)
    pregnancy = Category.objects.get(slug="pregnancy")
    response = _similar(
        client, title="Should I keep injecting heparin at 22 weeks?", category=pregnancy.pk
    )
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert [t.title for t in response.context["similar"]] == [asked["clexane"].title]
    assert 'target="_blank" rel="noopener"' in page
    assert "nothing you have written here is lost" in page


def test_a_pregnant_patient_is_never_offered_a_loss_thread_while_asking(
    client, login, member, asked
):
    login(member)
    pregnancy = Category.objects.get(slug="pregnancy")
    response = _similar(
        client, title="Heparin at 22 weeks pregnant: safe to stop?", category=pregnancy.pk
    )
    assert asked["loss"].title not in response.content.decode()


def test_short_or_odd_titles_get_an_empty_list_not_an_error(client, login, member, asked):
    login(member)
    for params in ({}, {"title": "hep"}, {"title": "x" * 5000}, {"category": "nope"}):
        response = _similar(client, **params)
        assert response.status_code == HTTPStatus.OK
        assert "Similar questions" not in response.content.decode()


def test_only_members_ask_for_similar_questions(client):
    response = _similar(client, title="Heparin at 22 weeks pregnant")
    assert response.status_code == HTTPStatus.FOUND


def test_preview_shows_similar_questions_and_keeps_what_she_typed(client, login, member, asked):
    login(member)
    pregnancy = Category.objects.get(slug="pregnancy")
    body = "I'm 22 weeks pregnant and inject Clexane every night. Can I stop now?"
    response = client.post(
        reverse("forum:thread-start"),
        {
            "category": pregnancy.pk,
            "title": "Can I stop Clexane at 22 weeks?",
            "body": body,
            "preview": "1",
        },
    )
    page = response.content.decode()
    assert "Similar questions already asked" in page
    assert asked["clexane"].title in page
    assert "Can I stop Clexane at 22 weeks?" in page
    assert "inject Clexane every night" in page
