"""Search at /search/ and related questions on the thread page (PostgreSQL or SQLite)."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from forum.models import Category, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def heparin(thread_factory, member):
    return thread_factory(
        author=member,
        title="Should I keep taking heparin at 21 weeks?",
        body="I am 21 weeks pregnant after IVF and inject heparin every evening. Call me on 07700 900123.",
    )


@pytest.fixture
def other_threads(thread_factory):
    return [
        thread_factory(
            title="Heparin injections and bruising",
            body="My belly bruises after every heparin jab.",
        ),
        thread_factory(
            title="Best snacks for the two week wait", body="I need distraction ideas and snacks."
        ),
    ]


def _search(client, **params):
    return client.get(reverse("forum:search"), params)


def test_search_finds_questions_by_words_in_the_title_and_question(client, heparin, other_threads):
    response = _search(client, q="heparin")
    titles = [t.title for t in response.context["page"].object_list]
    assert response.status_code == HTTPStatus.OK
    assert set(titles) == {heparin.title, "Heparin injections and bruising"}
    body_only = _search(client, q="distraction")
    assert [t.title for t in body_only.context["page"].object_list] == [
        "Best snacks for the two week wait"
    ]


def test_search_results_have_a_highlighted_snippet_without_contact_details(client, heparin):
    page = _search(client, q="evening").content.decode()
    assert "<mark>evening</mark>" in page
    assert "07700 900123" not in page


def test_search_snippets_escape_what_people_wrote(client, thread_factory):
    thread_factory(
        title="A question with markup in it",
        body="Does <b onclick=x()>progesterone</b> cause this?",
    )
    page = _search(client, q="progesterone").content.decode()
    assert "<b onclick" not in page
    assert "&lt;b onclick" in page


def test_search_can_be_limited_to_a_category(client, heparin, thread_factory):
    elsewhere = Category.objects.create(name="Pregnancy", slug="pregnancy")
    thread_factory(
        title="Heparin after birth",
        body="How long after birth is heparin used?",
        category=elsewhere,
    )
    response = _search(client, q="heparin", category="pregnancy")
    assert [t.title for t in response.context["page"].object_list] == ["Heparin after birth"]


def test_search_never_shows_held_or_other_peoples_hidden_questions(
    client, heparin, login, outsider
):
    Thread.objects.filter(pk=heparin.pk).update(status="pending")
    assert heparin.title not in _search(client, q="heparin").content.decode()
    assert heparin.title not in _search(login(outsider), q="heparin").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a few words"),
        ("   ", "Type a few words"),
        ("?!?!... ---", "could not find any words"),
        ("heparin" * 100, "too long"),
        ("hep\x00arin", None),
        ("\x00", "Type a few words"),
        ('"unclosed quote -minus OR', None),
        ("' OR 1=1; --", None),
    ],
)
def test_empty_or_absurd_searches_get_a_helpful_page_not_an_error(client, heparin, query, message):
    response = _search(client, q=query)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    if message:
        assert message in response.content.decode()


def test_search_results_are_paginated(client, settings, thread_factory):
    settings.FORUM_THREADS_PER_PAGE = 2
    for n in range(5):
        thread_factory(
            title=f"Embryo grading question {n}", body="What does the grade mean for us?"
        )
    response = _search(client, q="embryo", page=3)
    assert len(response.context["page"].object_list) == 1
    assert "q=embryo" in response.content.decode()


def test_related_questions_are_shown_but_never_the_thread_itself(client, heparin, other_threads):
    response = client.get(heparin.get_absolute_url())
    related = [t.title for t in response.context["related"]]
    assert "Heparin injections and bruising" in related
    assert heparin.title not in related
    assert "Related questions" in response.content.decode()


def test_related_questions_are_only_published_ones(client, heparin, other_threads):
    Thread.objects.filter(pk=other_threads[0].pk).update(status="pending")
    response = client.get(heparin.get_absolute_url())
    assert "Heparin injections and bruising" not in [t.title for t in response.context["related"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_search_ranks_title_matches_first_and_stems_words(client, thread_factory):
    thread_factory(
        title="Question about clinics", body="The doctor mentioned transfers and injections."
    )
    thread_factory(title="Painful injections every day", body="How do you cope?")
    response = _search(client, q="injection")
    titles = [t.title for t in response.context["page"].object_list]
    assert titles[0] == "Painful injections every day"
    assert len(titles) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_search_vector_follows_edits(member, thread):
    from forum.models import Post
    from forum.services import edit_post

    question = Post.objects.get(thread=thread, is_question=True)
    edit_post(post=question, editor=member, body="Now about endometriosis only.")
    assert Thread.objects.filter(search_vector="endometriosis").exists()


def test_answers_do_not_move_a_thread_out_of_search(client, heparin, outsider):
    post_reply(author=outsider, thread=heparin, body="Ask your prescriber first.")
    assert heparin.title in _search(client, q="heparin").content.decode()


def test_a_search_with_very_many_matches_says_more_than_and_pages_over_those(
    client, heparin, other_threads, monkeypatch
):
    from forum import search

    monkeypatch.setattr(search, "MOST_COUNTED", 1)
    page = _search(client, q="heparin")
    assert page.status_code == HTTPStatus.OK
    assert "More than 1 questions found" in page.content.decode()
    assert page.context["page"].paginator.num_pages == 1
    monkeypatch.setattr(search, "MOST_COUNTED", 500)
    cache.clear()  # a visitor's search page is cached
    assert "2 questions found" in _search(client, q="heparin").content.decode()
