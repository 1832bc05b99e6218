"""Anonymous pages come from the cache, and are never stale after a change."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import reverse

from forum import cache as page_cache
from forum.models import Post, PostStatus
from forum.services import post_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def answerer(user_factory):
    return user_factory(username="anya", display_name="A.N.")


def test_a_second_anonymous_visit_to_a_thread_is_served_without_touching_the_database(
    client, thread, django_assert_num_queries
):
    url = thread.get_absolute_url()
    assert client.get(url).status_code == HTTPStatus.OK

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert thread.title in response.content.decode()


def test_a_new_answer_shows_at_once_on_the_cached_thread_category_and_home_pages(
    client, thread, answerer
):
    pages = [thread.get_absolute_url(), thread.category.get_absolute_url(), reverse("forum:home")]
    for url in pages:
        assert "0 answers" in client.get(url).content.decode()

    post_reply(author=answerer, thread=thread, body="Ours took nine days from transfer to test.")

    assert "Ours took nine days" in client.get(pages[0]).content.decode()
    for url in pages:
        page = client.get(url).content.decode()
        assert "1 answer" in page
        assert "0 answers" not in page


def test_a_moderators_removal_shows_at_once_on_the_cached_thread_page(client, thread, answerer):
    post = post_reply(author=answerer, thread=thread, body="Try the clinic on Harley Street.")
    url = thread.get_absolute_url()
    assert "Try the clinic on Harley Street" in client.get(url).content.decode()

    post.status = PostStatus.REMOVED
    post.status_reason = "It named a clinic."
    post.save(update_fields=["status", "status_reason"])

    assert "Try the clinic on Harley Street" not in client.get(url).content.decode()


def test_a_change_made_only_with_a_queryset_update_shows_after_a_bump(client, thread):
    url = thread.get_absolute_url()
    client.get(url)
    Post.objects.filter(thread=thread, is_question=True).update(body_html="<p>Edited in bulk</p>")
    assert "Edited in bulk" not in client.get(url).content.decode()

    page_cache.bump(thread=thread)

    assert "Edited in bulk" in client.get(url).content.decode()


def test_signed_in_members_get_their_own_page_not_the_anonymous_copy(client, thread, member):
    url = thread.get_absolute_url()
    anonymous = client.get(url).content.decode()
    assert "Log out" not in anonymous

    client.force_login(member)
    page = client.get(url).content.decode()

    assert "Log out" in page
    assert member.display_name in page


def test_a_waiting_message_is_shown_rather_than_the_cached_page(client, member):
    home = reverse("forum:home")
    client.get(home)  # now cached for anonymous visitors
    client.force_login(member)

    client.post(reverse("account_logout"))

    assert "You have signed out" in client.get(home).content.decode()


def test_the_cached_anonymous_page_holds_no_csrf_token(client, thread):
    url = thread.get_absolute_url()
    for _ in range(2):
        page = client.get(url).content.decode()
        assert "csrfmiddlewaretoken" not in page


@override_settings(FORUM_PAGE_CACHE_SECONDS=0)
def test_the_page_cache_can_be_switched_off(client, thread, django_assert_max_num_queries):
    url = thread.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    assert len(captured) > 0


def test_bump_accepts_the_keyword_other_apps_use(thread):
    before = page_cache.generations([page_cache.thread_scope(thread.pk)])
    page_cache.bump(thread=thread.pk)
    assert page_cache.generations([page_cache.thread_scope(thread.pk)]) != before


_HEADERS = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Vary",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


def test_a_page_from_the_cache_carries_the_same_headers_as_a_fresh_one(client, thread):
    url = thread.get_absolute_url()
    fresh = client.get(url)
    cached = client.get(url)

    assert cached.content == fresh.content
    for name in _HEADERS:
        assert cached.get(name) == fresh.get(name), name
    assert fresh.get("Content-Security-Policy")


def test_a_host_the_site_does_not_serve_is_refused_even_when_the_page_is_cached(client, thread):
    url = thread.get_absolute_url()
    client.get(url)

    response = client.get(url, HTTP_HOST="forum.example.net")

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_a_visitor_with_an_old_session_cookie_gets_the_page_rendered_for_them(client, thread):
    url = thread.get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "no-such-session-0123456789abcdef"

    page = client.get(url).content.decode()

    assert thread.title in page
    assert "Log in" in page


def test_a_thread_moved_to_another_category_leaves_the_old_cached_category_page_at_once(
    client, thread
):
    from forum.models import Category

    old = thread.category
    new = Category.objects.create(name="Pregnancy after IVF", slug="pregnancy-after-ivf")
    assert thread.title in client.get(old.get_absolute_url()).content.decode()
    assert thread.title not in client.get(new.get_absolute_url()).content.decode()

    thread.category = new
    thread.save()

    assert thread.title not in client.get(old.get_absolute_url()).content.decode()
    assert thread.title in client.get(new.get_absolute_url()).content.decode()
