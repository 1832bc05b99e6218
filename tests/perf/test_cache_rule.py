"""The cache rule's test: a page added the way forum/cache.py's docstring says is cached for
anonymous visitors and rendered afresh after each change to what it shows."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

import forum.cache
from forum import cache as page_cache
from forum.models import Thread

pytestmark = pytest.mark.django_db

renders: list[int] = []


# Step 1: what the page shows, as scopes.
def title_page_scopes(request, thread_id: int, **kwargs) -> list[str]:
    return [page_cache.thread_scope(thread_id)]


# Step 2: the view, marked with cached_page.
@page_cache.cached_page(title_page_scopes)
def title_page(request, thread_id: int) -> HttpResponse:
    renders.append(thread_id)
    title = Thread.objects.values_list("title", flat=True).get(pk=thread_id)
    return HttpResponse(f"<h1>{title}</h1>")


urlpatterns = [
    path("title/<int:thread_id>/", title_page),
    path("", include("config.urls")),
]


@pytest.fixture
def title_url(thread):
    renders.clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield f"/title/{thread.pk}/"


def test_the_rule_for_adding_a_page_is_at_the_top_of_the_cache_module():
    rule = forum.cache.__doc__.split("How it works")[0]
    assert rule.lstrip().splitlines()[2] == "THE RULE FOR ADDING A CACHED PAGE"
    for name in ("thread_scope", "cached_page", "bump", "connect_signals"):
        assert name in rule


def test_a_page_added_by_the_rule_is_served_from_the_cache(
    client, thread, title_url, django_assert_num_queries
):
    assert thread.title in client.get(title_url).content.decode()
    with django_assert_num_queries(0):
        assert thread.title in client.get(title_url).content.decode()
    assert renders == [thread.pk]


def test_a_save_through_the_orm_renders_it_again(client, thread, title_url):
    client.get(title_url)

    thread.title = "Spotting at seven weeks after IVF"
    thread.save()

    # Step 3: the save bumped the thread's scope through the signal receivers.
    assert "Spotting at seven weeks" in client.get(title_url).content.decode()
    assert len(renders) == 2


def test_a_queryset_update_shows_once_its_writer_bumps(client, thread, title_url):
    client.get(title_url)
    Thread.objects.filter(pk=thread.pk).update(title="Spotting at seven weeks after IVF")
    assert "Spotting at seven weeks" not in client.get(title_url).content.decode()

    page_cache.bump(thread=thread.pk)  # Step 3, by hand: update() sends no signal

    assert "Spotting at seven weeks" in client.get(title_url).content.decode()


def test_signed_in_members_never_get_the_cached_copy(client, thread, title_url, member):
    client.get(title_url)
    client.force_login(member)
    client.get(title_url)
    assert len(renders) == 2
