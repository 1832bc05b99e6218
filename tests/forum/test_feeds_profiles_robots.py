"""Feeds, sitemap, robots.txt and public profiles."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Post, Thread
from forum.services import post_reply

pytestmark = pytest.mark.django_db


def test_latest_questions_feed_is_atom_and_lists_published_questions(
    client, thread, thread_factory
):
    held = thread_factory(title="A held question nobody should see")
    Thread.objects.filter(pk=held.pk).update(status="pending")
    response = client.get("/feeds/latest/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert thread.title in body
    assert held.title not in body


def test_category_feed_lists_only_that_category(client, category, thread, thread_factory):
    from forum.models import Category

    other = Category.objects.create(name="Pregnancy", slug="pregnancy")
    thread_factory(title="Pregnancy question about scans", category=other)
    body = client.get(f"/c/{category.slug}/feed/").content.decode()
    assert thread.title in body
    assert "Pregnancy question about scans" not in body
    assert client.get("/c/no-such-category/feed/").status_code == HTTPStatus.NOT_FOUND


def test_sitemap_lists_published_threads_and_categories(client, thread, category):
    body = client.get("/sitemap.xml").content.decode()
    assert thread.get_absolute_url() in body
    assert category.get_absolute_url() in body


def test_robots_txt_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    for path in ("/moderation/", "/admin/", "/accounts/", "/search"):
        assert f"Disallow: {path}" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_a_profile_shows_name_place_joined_and_their_posts(client, member, thread, outsider):
    other = Thread.objects.create(
        category=thread.category, author=outsider, title="Outsider's question", slug="o"
    )
    Post.objects.create(thread=other, author=outsider, is_question=True, body="q")
    post_reply(author=member, thread=other, body="My answer there.")
    page = client.get(reverse("accounts:profile", kwargs={"username": member.username}))
    html = page.content.decode()
    assert "T.C." in html
    assert "Leeds, UK" in html
    assert "Joined" in html
    assert thread.title in html
    assert "Outsider&#x27;s question" in html


def test_a_profile_hides_what_the_visitor_may_not_see(client, member, thread, outsider, login):
    held = Thread.objects.create(
        category=thread.category,
        author=outsider,
        title="A held question",
        slug="h",
        status="pending",
    )
    Post.objects.create(thread=held, author=outsider, is_question=True, body="q", status="pending")
    post_reply(author=member, thread=held, body="Answer in a held thread.")
    Thread.objects.filter(pk=thread.pk).update(status="pending")
    url = reverse("accounts:profile", kwargs={"username": member.username})
    html = client.get(url).content.decode()
    assert thread.title not in html
    assert "A held question" not in html
    # The member sees their own held question.
    assert thread.title in login(member).get(url).content.decode()


def test_an_unknown_profile_is_a_404(client, db):
    assert client.get("/u/nobody-here/").status_code == HTTPStatus.NOT_FOUND
