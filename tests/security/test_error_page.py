"""When something breaks on our side, the page is calm, honest and tells her what to do."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_unexpected_error_shows_a_calm_page_that_does_not_promise_what_it_cannot(
    monkeypatch, member
):
    from forum import search

    def broken(*args, **kwargs):
        raise RuntimeError("something below the view broke")

    monkeypatch.setattr(search, "clean_query", broken)
    client = Client(raise_request_exception=False)
    client.force_login(member)
    response = client.get("/search/?q=heparin")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, something went wrong on our side" in page
    assert "not anything you did" in page
    # A failed post may not be stored: the page must not say it was, and says how to keep it.
    assert "Nothing you wrote has been lost" not in page
    assert "may not have been saved" in page
    assert "back button" in page
    assert "local emergency number" in page
