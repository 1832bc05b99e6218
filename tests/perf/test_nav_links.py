"""The header and footer links come from URLs reversed once per process (config.context_processors)."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.urls import reverse


def test_a_member_sees_header_links_that_go_where_their_names_say(client, login, member):
    response = login(member).get(reverse("forum:home"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for name in ("forum:home", "forum:search", "forum:thread-start", "account_email"):
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert f'href="{reverse("experts:list")}"' in html


def test_a_visitor_sees_log_in_and_sign_up_links(client, db):
    html = client.get(reverse("forum:home")).content.decode()

    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


def test_a_member_with_unread_notices_gets_a_link_to_them(client, login, member):
    member.unread_notices = 2
    member.save(update_fields=["unread_notices"])

    html = login(member).get(reverse("forum:home")).content.decode()

    assert f'href="{reverse("moderation-member:notices")}"' in html
    assert "2 new notices" in html


def test_a_moderator_gets_a_link_to_the_queue(client, login, moderator):
    html = login(moderator).get(reverse("forum:home")).content.decode()

    assert f'href="{reverse("moderation:queue")}"' in html


def test_the_links_under_a_post_are_the_ones_reverse_gives():
    from forum.links import _LINKS, post_links

    links = post_links([7, 12345])
    for key, name in _LINKS.items():
        assert links[7][key] == reverse(name, args=[7])
        assert links[12345][key] == reverse(name, args=[12345])


def test_a_members_page_address_is_the_one_reverse_gives_whatever_their_username(db):
    for username in ("ann", "ann.b+ivf@example", "zoë_22", "a-b.c"):
        member = get_user_model()(username=username)
        expected = reverse("accounts:profile", kwargs={"username": username})
        assert member.get_absolute_url() == expected
