"""Search forgives misspelt medicines and says so; a search with no results is kind and
offers to ask the question (on SQLite through FTS5, on PostgreSQL with pg_trgm)."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from forum import search
from forum.models import Post, SearchWord, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def _search(client, **params):
    return client.get(reverse("forum:search"), params)


def _titles(response) -> list[str]:
    return [t.title for t in response.context["page"].object_list]


# Ten slips patients make, each with a demo question that should be found.
MISSPELLINGS = [
    ("heprin", "heparin", "21 weeks after IVF: can I stop my heparin injections now?"),
    ("hepparin", "heparin", "21 weeks after IVF: can I stop my heparin injections now?"),
    ("clexaine", "clexane", "Clexane bruising: am I doing the injections wrong?"),
    ("clexan", "clexane", "Clexane bruising: am I doing the injections wrong?"),
    ("cylogest", "cyclogest", "How should I store progesterone pessaries?"),
    ("cyclogets", "cyclogest", "How should I store progesterone pessaries?"),
    ("intralipd", "intralipid", "What is intralipid, and why has my clinic suggested it?"),
    ("paracetemol", "paracetamol", "Is paracetamol OK for headaches in pregnancy?"),
    ("parcetamol", "paracetamol", "Is paracetamol OK for headaches in pregnancy?"),
    ("progestrone", "progesterone", "How should I store progesterone pessaries?"),
]


@pytest.mark.parametrize(("typed", "meant", "title"), MISSPELLINGS)
def test_a_misspelt_medicine_finds_the_questions_about_it(client, demo, typed, meant, title):
    response = _search(client, q=typed)
    assert response.status_code == HTTPStatus.OK
    assert title in _titles(response)
    text = " ".join(response.content.decode().split())
    assert f"Showing results for <strong>{meant}</strong> (you typed <em>{typed}</em>)" in text


def test_a_misspelling_in_a_longer_search_is_corrected_and_the_rest_kept(client, demo):
    response = _search(client, q="heprin weeks")
    assert response.context["searched"].text == "heparin weeks"
    assert _titles(response)[0].startswith("21 weeks after IVF")


def test_a_correctly_spelt_search_says_nothing_about_spelling(client, demo):
    response = _search(client, q="heparin")
    assert response.context["correction"] is None
    assert "Showing results for" not in response.content.decode()


def test_she_can_search_for_exactly_what_she_typed(client, demo):
    corrected = _search(client, q="heprin")
    link = corrected.context["exact_url"]
    assert link in corrected.content.decode().replace("&amp;", "&")
    exact = client.get(link)
    assert exact.context["correction"] is None
    assert _titles(exact) == []


def test_a_word_people_here_use_is_not_corrected_unless_a_medicine_is_far_more_common(
    client, thread_factory
):
    thread_factory(title="Heprin question", body="I spelt it heprin in my question.")
    for n in range(4):
        thread_factory(title=f"Heparin question {n}", body="About heparin injections.")
    response = _search(client, q="heprin")
    assert response.context["searched"].text == "heparin"
    SearchWord.objects.filter(word="heparin").update(uses=2)
    SearchWord.objects.filter(word="heprin").update(uses=2)
    as_typed = _search(client, q="Heprin")  # another address: the first page is cached
    assert as_typed.context["correction"] is None
    assert _titles(as_typed) == ["Heprin question"]


def test_new_questions_teach_search_their_words(client, thread_factory):
    thread_factory(title="Questions about letrozole", body="Day three of letrozole.")
    assert SearchWord.objects.filter(word="letrozole").exists()
    response = _search(client, q="letrozle")
    assert _titles(response) == ["Questions about letrozole"]


def test_an_empty_result_is_kind_and_offers_to_ask_the_question_prefilled(client, demo, login):
    response = _search(client, q="thyroid antibodies")
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "No questions about “thyroid antibodies” yet" in page
    assert "you are very unlikely to be the only one wondering" in page
    assert "Showing results for" not in page  # a guess that finds nothing is not offered
    ask = response.context["ask_url"]
    assert ask in page.replace("&amp;", "&")
    assert parse_qs(urlparse(ask).query) == {"title": ["thyroid antibodies"]}
    login(User.objects.get(email="member@example.com"))
    form = client.get(ask).context["form"]
    assert form["title"].value() == "thyroid antibodies"


def test_search_words_are_never_read_as_fts_syntax(client, demo):
    for query in ['heparin" OR "', "NEAR(heparin weeks)", "title:heparin", "heparin*", "^heparin"]:
        response = _search(client, q=query)
        assert response.status_code == HTTPStatus.OK, query


def test_phrases_and_left_out_words_work(client, demo):
    assert _titles(_search(client, q='"frozen transfer"'))
    with_bruising = _titles(_search(client, q="clexane"))
    without = _titles(_search(client, q="clexane -bruising"))
    assert "Clexane bruising: am I doing the injections wrong?" in with_bruising
    assert "Clexane bruising: am I doing the injections wrong?" not in without


def test_questions_loaded_in_bulk_are_searchable_and_teach_spelling_after_a_reindex(
    client, member, category
):
    thread = Thread.objects.create(
        category=category, author=member, title="Letrozole day three", slug="letrozole"
    )
    Post.objects.create(thread=thread, author=member, is_question=True, body="Side effects?")
    call_command("search_reindex", verbosity=0)
    assert SearchWord.objects.filter(word="letrozole").exists()
    assert _titles(_search(client, q="letrozle")) == ["Letrozole day three"]


def test_when_no_question_has_every_word_the_closest_ones_are_shown_and_said_so(client, demo):
    # The heparin question says "21 weeks pregnant", never "pregnancy".
    response = _search(client, q="heparin in pregnancy")
    page = " ".join(response.content.decode().split())
    assert "21 weeks after IVF: can I stop my heparin injections now?" in _titles(response)
    assert "No question here has all of “heparin in pregnancy”" in page
    assert response.context["ask_url"] in page.replace("&amp;", "&")
    every_word = _search(client, q="heparin injections")
    assert "No question here has all of" not in every_word.content.decode()


def test_the_closest_questions_come_with_the_spelling_corrected(client, demo):
    response = _search(client, q="miscarrage grieve")
    assert response.context["searched"].text == "miscarriage grieve"
    assert _titles(response)[0] == "Miscarriage at 9 weeks: how do we grieve together?"


def test_a_correction_that_finds_nothing_is_mentioned_on_the_kind_page(client, demo):
    response = _search(client, q="asprin")
    page = response.content.decode()
    assert "No questions about “asprin” yet" in page
    assert "We also looked for “aspirin”" in page


# On PostgreSQL, words used in more questions than ANY_WORD_RANK_ALL rank only the most
# recently active matches (10_000: all of them here; 0: only the recent ones, all 5 here).
@pytest.mark.parametrize("rank_all", [10_000, 0], ids=["all matches", "recent matches"])
def test_among_questions_with_some_of_the_words_the_rarer_word_counts_more(
    client, thread_factory, monkeypatch, rank_all
):
    monkeypatch.setattr(search, "ANY_WORD_RANK_ALL", rank_all)
    for n in range(4):
        thread_factory(title=f"Pregnancy question {n}", body="Tired all the time in pregnancy.")
    thread_factory(title="Heparin injections", body="How long do people stay on it?")
    titles = _titles(_search(client, q="heparin pregnancy"))
    assert titles[0] == "Heparin injections"
    assert len(titles) == 5
