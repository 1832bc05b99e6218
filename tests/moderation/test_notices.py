"""The header's "new notices" count follows the notices the member has not yet seen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from moderation.notify import notify_member

pytestmark = pytest.mark.django_db


def _header(client) -> str:
    return client.get(reverse("forum:home")).content.decode().split("</header>")[0]


def test_new_notices_are_counted_in_the_header_until_the_member_opens_them(login, member):
    for text in ("Your post is back up.", "Thank you for your patience."):
        notify_member(user=member, kind="approved", message=text)
    client = login(member)
    assert "2 new notices" in _header(client)

    page = client.get(reverse("moderation-member:notices")).content.decode()

    assert "Thank you for your patience." in page
    assert "new notice" not in _header(client)


def test_notices_on_a_later_page_still_count_after_the_first_page_is_read(login, member):
    for n in range(31):  # the notices page shows 30
        notify_member(user=member, kind="approved", message=f"Notice number {n}.")
    client = login(member)

    client.get(reverse("moderation-member:notices"))

    assert "1 new notice" in _header(client)
    client.get(reverse("moderation-member:notices") + "?page=2")
    assert "new notice" not in _header(client)
