"""The member's parts of a thread page come from the templates alone: a template edit to a
button's words shows on every page, and no Python file holds a copy of the markup."""

from __future__ import annotations

import copy
from pathlib import Path

import jinja2
import pytest
from django.conf import settings
from django.test import override_settings

from forum import services

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE = "includes/post.html"  # a Jinja2 template (forum/jinja.py)
WORDS = {
    "This helped me": "This answer helped me",
    "Helpful ✓ (undo)": "Helpful, thank you ✓ (undo)",
}


def _templates_with_edited_buttons() -> list[dict]:
    """The site's template settings, with the post template's button words changed."""
    text = (BASE_DIR / "templates" / "jinja2" / TEMPLATE).read_text()
    for old, new in WORDS.items():
        assert old in text, old
        text = text.replace(old, new)
    templates = copy.deepcopy(settings.TEMPLATES)
    jinja = next(engine for engine in templates if engine["BACKEND"].endswith("Jinja2"))
    jinja["OPTIONS"]["loader"] = jinja2.ChoiceLoader(
        [jinja2.DictLoader({TEMPLATE: text}), jinja2.FileSystemLoader(jinja["DIRS"])]
    )
    return templates


def test_a_member_page_follows_an_edit_to_the_helpful_buttons_words(
    client, thread, outsider, user_factory
):
    other = user_factory()
    first = services.post_reply(author=other, thread=thread, body="Mine took two weeks.")
    services.post_reply(author=other, thread=thread, body="And my sister's took three.")
    services.toggle_helpful(post=first, voter=outsider)
    client.force_login(outsider)
    url = thread.get_absolute_url()
    client.get(
        url
    )  # the shared copy and the member's part are cached with the templates as they are

    # An edited template is a new release (settings.RELEASE digests the templates).
    with override_settings(TEMPLATES=_templates_with_edited_buttons(), RELEASE="edited"):
        for _visit in range(2):
            page = client.get(url).content.decode()
            assert 'aria-pressed="true">Helpful, thank you ✓ (undo)</button>' in page
            assert 'aria-pressed="false">This answer helped me</button>' in page
            assert ">This helped me<" not in page


def test_no_python_file_of_the_site_holds_the_buttons_words():
    apps = ("accounts", "community", "config", "experts", "forum", "moderation")
    holders = [
        str(path.relative_to(BASE_DIR))
        for app in apps
        for path in (BASE_DIR / app).rglob("*.py")
        if any(words in path.read_text() for words in WORDS)
    ]
    assert holders == []
