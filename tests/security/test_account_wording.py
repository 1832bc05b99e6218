"""allauth's account pages use the site's words ("Log in", "Sign up", "Log out"), which
come from the project's catalogue in locale/en rather than from copies of its templates."""

from __future__ import annotations

import ast
import gettext
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
ALLAUTH_WORDS = ("Sign In", "Sign Up", "Sign Out", "sign in", "sign out")


def _visible_text(response) -> str:
    assert response.status_code == HTTPStatus.OK
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_the_login_page_says_log_in_and_offers_sign_up(client):
    text = _visible_text(client.get(reverse("account_login")))
    assert "Log in" in text
    assert "New here?" in text and "Sign up" in text
    assert not [word for word in ALLAUTH_WORDS if word in text]


def test_the_signup_page_says_sign_up_and_offers_log_in(client):
    text = _visible_text(client.get(reverse("account_signup")))
    assert "Sign up" in text
    assert "Already have an account?" in text and "Log in" in text
    assert not [word for word in ALLAUTH_WORDS if word in text]


def test_the_logout_page_says_log_out(client, member):
    client.force_login(member)
    text = _visible_text(client.get(reverse("account_logout")))
    assert "Are you sure you want to log out?" in text
    assert not [word for word in ALLAUTH_WORDS if word in text]


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the header entry left out)."""
    entries: dict[str, str] = {}
    current: dict[str, str] = {}
    field = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("msgid ", "msgstr ")):
            field, _space, rest = line.partition(" ")
            current[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        if field == "msgstr" and not line:
            entries[current["msgid"]] = current["msgstr"]
            current, field = {}, None
    if current:
        entries[current["msgid"]] = current["msgstr"]
    entries.pop("", None)
    return entries


def test_the_compiled_catalogue_matches_its_source():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    source = _po_entries(CATALOGUE / "django.po")
    assert source
    for msgid, msgstr in source.items():
        assert catalogue.gettext(msgid) == msgstr, msgid


# Names and abbreviations keep their capitals ("JavaScript", "ID"); any other capital after
# the first word of one of allauth's short phrases is title case the site does not use.
_PROPER = re.compile(r"^(?:[A-Z0-9]{2,}|JavaScript|OAuth\d?|I)$")


def test_every_title_case_phrase_of_allauth_has_the_sites_sentence_case():
    import allauth

    # allauth's English phrases are the msgids of any of its catalogues.
    shipped = _po_entries(
        Path(allauth.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    )
    ours = _po_entries(CATALOGUE / "django.po")
    title_case = [
        msgid
        for msgid in shipped
        if 2 <= len(words := re.findall(r"[A-Za-z][\w'-]*", msgid)) <= 8
        and any(w[0].isupper() and not _PROPER.match(w) for w in words[1:])
    ]
    assert len(title_case) > 40  # the catalogue was read
    missing = [msgid for msgid in title_case if msgid not in ours]
    assert missing == []


def test_the_password_reset_page_says_reset_my_password_in_sentence_case(client):
    text = _visible_text(client.get(reverse("account_reset_password")))
    assert "Reset my password" in text
    assert "Reset My Password" not in text
