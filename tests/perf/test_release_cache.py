"""A deploy never serves the last release's cached pages, and nobody is signed out by it."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from forum.models import Thread

pytestmark = pytest.mark.django_db


def _rename_without_telling_the_cache(thread, title: str) -> None:
    # A queryset update sends no signal, so no generation moves: the only thing that
    # can keep the old copy from being served is the release in the key.
    Thread.objects.filter(pk=thread.pk).update(title=title)


def test_a_new_release_renders_the_thread_page_afresh(client, thread):
    url = thread.get_absolute_url()
    with override_settings(RELEASE="release-one"):
        assert thread.title in client.get(url).content.decode()

    _rename_without_telling_the_cache(thread, "Spotting at seven weeks after IVF")

    with override_settings(RELEASE="release-one"):
        assert thread.title in client.get(url).content.decode()  # the cached copy
    with override_settings(RELEASE="release-two"):
        page = client.get(url).content.decode()
    assert "Spotting at seven weeks after IVF" in page
    assert thread.title not in page


def test_a_new_release_renders_the_home_page_afresh(client, thread):
    url = reverse("forum:home")
    with override_settings(RELEASE="release-one"):
        assert thread.title in client.get(url).content.decode()

    _rename_without_telling_the_cache(thread, "Spotting at seven weeks after IVF")

    with override_settings(RELEASE="release-two"):
        page = client.get(url).content.decode()
    assert "Spotting at seven weeks after IVF" in page


@pytest.mark.parametrize("engine", ["accounts.sessions", "django.contrib.sessions.backends.cache"])
def test_a_member_signed_in_before_a_deploy_is_still_signed_in_after_it(
    client, member, thread, engine
):
    with override_settings(RELEASE="release-one", SESSION_ENGINE=engine):
        client.force_login(member)
        assert member.display_name in client.get(thread.get_absolute_url()).content.decode()

    with override_settings(RELEASE="release-two", SESSION_ENGINE=engine):
        page = client.get(reverse("accounts:profile-edit"))

    assert page.status_code == 200
    assert member.display_name in page.content.decode()
