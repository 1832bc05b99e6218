"""The posts on a thread page (a Jinja2 template, forum/jinja.py, inside cached pages): their
buttons work for whoever is shown them, and what a post is shown with changes at once."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Post

pytestmark = pytest.mark.django_db


def _browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def _helpful_form_token(page: str, post: Post) -> str:
    action = reverse("forum:vote", args=[post.pk])
    form = re.search(rf'action="{action}".*?</form>', page, re.DOTALL)
    assert form, "the page shows no helpful button for the answer"
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)


def test_a_helpful_button_first_shown_to_another_reader_works_for_the_next_one(
    thread, member, outsider, user_factory
):
    answer = services.post_reply(author=user_factory(), thread=thread, body="Mine took two weeks.")
    # The first reader has just answered: her page, with its thank-you message, is rendered
    # for her alone, and keeps the other answer's HTML.
    first_reader = Client()
    first_reader.force_login(user_factory())
    posted = first_reader.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Two weeks here."}, follow=True
    )
    assert "Thank you, your answer has been posted." in posted.content.decode()
    url = thread.get_absolute_url()

    # A member reading the page shared by members, then the asker, whose page is her own.
    for reader in (outsider, member):
        browser = _browser(reader)
        page = browser.get(url).content.decode()
        assert "\x00" not in page
        token = _helpful_form_token(page, answer)
        voted = browser.post(
            reverse("forum:vote", args=[answer.pk]), {"csrfmiddlewaretoken": token}
        )
        assert voted.status_code == HTTPStatus.FOUND
    answer.refresh_from_db()
    assert answer.helpful_count == 2


def test_an_authors_new_name_shows_on_their_kept_answers_at_once(client, thread, user_factory):
    author = user_factory(display_name="Ann B.")
    services.post_reply(author=author, thread=thread, body="Mine took two weeks.")
    url = thread.get_absolute_url()
    client.force_login(user_factory())
    assert "Ann B." in client.get(url).content.decode()

    author.display_name = "Annie Bell"
    author.save()
    page = client.get(url).content.decode()
    assert "Annie Bell" in page
    assert "Ann B." not in page


def test_what_members_write_in_their_name_and_place_is_shown_as_text_not_markup(
    client, thread, user_factory
):
    author = user_factory(display_name="<b>Ann</b>", location='<script>alert("x")</script>')
    services.post_reply(author=author, thread=thread, body="Mine took two weeks.")

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "&lt;b&gt;Ann&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<b>Ann</b>" not in page and '<script>alert("x")' not in page
