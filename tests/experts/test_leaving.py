"""An expert who leaves: revoked by staff, or deleting her account. What she wrote stays
(or is withdrawn, if she asks), never pointing at a page that is gone or at her member name."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from community.deletion import anonymise_account
from experts.services import publish_article, submit_article
from experts.verification import revoke_expert
from forum.services import post_reply

pytestmark = pytest.mark.django_db

BODY = (
    "Natural killer cells are part of the immune system, and some clinics measure them in "
    "blood or in the lining of the womb. The studies so far have not shown that testing or "
    "treating them leads to more babies, and some treatments carry real risks."
)
ANSWER = "Heparin makes clots less likely; please ask the team who prescribed it first."


@pytest.fixture
def expert_work(expert, thread, category, moderator):
    answer = post_reply(author=expert, thread=thread, body=ANSWER)
    article = submit_article(
        profile=expert.expert_profile,
        category=category,
        title="NK cells and IVF",
        summary="What the tests can and cannot tell you.",
        body=BODY,
    )
    publish_article(article=article, moderator=moderator)
    return answer, article


def _post_html(page: str, post_id: int) -> str:
    start = page.index(f'id="post-{post_id}"')
    return page[start : page.index("</article>", start)]


def test_a_revoked_experts_answer_and_article_stay_without_links_to_her_gone_page(
    client, expert, admin_user, thread, expert_work
):
    answer, article = expert_work
    expert_page = expert.expert_profile.get_absolute_url()
    revoke_expert(profile=expert.expert_profile, staff=admin_user, reason="Registration lapsed.")

    assert client.get(expert_page).status_code == HTTPStatus.NOT_FOUND
    post = _post_html(client.get(thread.get_absolute_url()).content.decode(), answer.pk)
    assert "Daniel Marsh" in post and ANSWER[:20] in post  # kept, with its disclaimer
    assert "Daniel Marsh is not a physician" in post
    assert f'href="{expert_page}"' not in post and "/u/" not in post
    assert "badge-expert" not in post
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Daniel Marsh" in page
    assert f'href="{expert_page}"' not in page and "badge-expert" not in page
    listing = client.get("/articles/").content.decode()
    assert "NK cells and IVF" in listing and f'href="{expert_page}"' not in listing


def test_a_deleted_experts_registered_name_goes_with_her_account(
    client, expert, thread, expert_work
):
    answer, article = expert_work
    anonymise_account(user=expert)

    pages = [
        client.get(thread.get_absolute_url()).content.decode(),
        client.get(article.get_absolute_url()).content.decode(),
        client.get("/articles/").content.decode(),
        client.get("/articles/feed/").content.decode(),
    ]
    for page in pages:
        assert "Daniel Marsh" not in page
    assert "NK cells and IVF" in pages[1]  # what she wrote stays up, under no name
    assert ANSWER[:20] in _post_html(pages[0], answer.pk)


def test_an_expert_who_deletes_her_account_and_her_posts_takes_her_articles_down_too(
    client, expert, expert_work
):
    _answer, article = expert_work
    anonymise_account(user=expert, withdraw_posts=True)

    article.refresh_from_db()
    assert article.status == "withdrawn" and article.body == BODY  # kept, not shown
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "NK cells and IVF" not in client.get("/articles/").content.decode()
