"""Members stay pseudonymous: public names carry no contact details, URLs no e-mail."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from community.forms import ProfileForm

pytestmark = pytest.mark.django_db


def _signup(client, *, email="tessa.clark@example.com", display_name="T.C.", location=""):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-unusual-passphrase-42",
            "password2": "a-long-unusual-passphrase-42",
            "display_name": display_name,
            "location": location,
        },
    )


@pytest.mark.parametrize(
    "name",
    [
        "tessa@example.com",
        "Tessa (tessa.c@gmail.com)",
        "tessa at gmail dot com",
        "07700 900123",
        "+44 7700 900123",
        "(555) 123-4567",
        "Call 555 123 4567",
        "T.C. 0770090012",
    ],
)
def test_signup_refuses_a_display_name_that_looks_like_contact_details(client, name):
    response = _signup(client, display_name=name)
    assert response.status_code == HTTPStatus.OK
    assert "display_name" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="tessa.clark@example.com").exists()


def test_signup_refuses_the_start_of_the_email_as_display_name(client):
    response = _signup(client, display_name="tessa.clark")
    assert "display_name" in response.context["form"].errors


def test_signup_refuses_a_street_address_as_location(client):
    response = _signup(client, location="12 High Street, Leeds")
    assert "location" in response.context["form"].errors


@pytest.mark.parametrize("name", ["T.C.", "Mum of 2", "IVF warrior 2024", "Zoë K."])
def test_signup_accepts_ordinary_pseudonyms(client, name):
    response = _signup(client, display_name=name, location="Marina del Rey, CA")
    assert response.status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(email="tessa.clark@example.com")
    assert user.display_name == name


def test_the_username_in_urls_comes_from_the_display_name_never_the_email(client):
    _signup(client, email="jane.private.doe@example.com", display_name="Hopeful H")
    user = get_user_model().objects.get(email="jane.private.doe@example.com")
    assert user.username == "hopefulh"
    assert "jane" not in user.get_absolute_url()
    assert "private" not in user.get_absolute_url()


def test_two_members_with_the_same_pseudonym_get_different_usernames(client):
    _signup(client, email="a@example.com", display_name="K.L.")
    client.logout()
    _signup(client, email="b@example.com", display_name="K.L.")
    users = get_user_model().objects.filter(email__in=["a@example.com", "b@example.com"])
    assert len({u.username for u in users}) == 2


def test_a_member_changes_their_name_and_place_on_the_profile_page(login, member):
    client = login(member)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Tess", "location": "York, UK", "notify_on_answers": "on"},
    )
    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert (member.display_name, member.location) == ("Tess", "York, UK")


def test_the_profile_page_refuses_an_email_as_display_name(login, member):
    client = login(member)
    response = client.post(
        reverse("accounts:profile-edit"), {"display_name": "me@example.com", "location": ""}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "e-mail" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == "T.C."


@pytest.mark.parametrize(
    "name",
    ["T\u202eC", "T\u200bC", "T\nC", "T\x00C", "T\x07C"],
    ids=["bidi-override", "zero-width", "newline", "nul", "bell"],
)
def test_display_names_refuse_invisible_and_control_characters(name):
    form = ProfileForm(data={"display_name": name, "location": ""})
    assert not form.is_valid()
    assert "display_name" in form.errors


def test_the_profile_page_needs_a_login(client):
    response = client.get(reverse("accounts:profile-edit"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response.url
