"""Expert articles: held for a moderator, published with the disclaimer, further reading."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from experts.models import Article, ArticleRevision
from moderation.models import Disclaimer, ModerationAction

pytestmark = pytest.mark.django_db

TITLE = "NK cells and IVF: what the evidence says"
SUMMARY = "What natural killer cell tests can and cannot tell you before a transfer."
BODY = (
    "Natural killer cells are part of the immune system, and some clinics measure them in "
    "blood or in the lining of the womb.\n\n"
    "## What the studies show\n\n"
    "The studies so far have not shown that testing or treating them leads to more babies, "
    "and some treatments carry real risks. If NK cell testing is suggested to you, it is "
    "fair to ask your clinic what they would change based on the result.\n\n"
    "<script>alert(1)</script>"
)
PROMOTION = (
    "Natural killer cells are part of the immune system. Some clinics test them before IVF. "
    "At our clinic we offer an immune package: book your NK cell test today at Harbourside "
    "Clinic for 20% off this month with code NK20. Our results speak for themselves and "
    "places are limited, so do not wait: secure your consultation now."
)


def _write(client, category, **changes):
    data = {
        "title": TITLE,
        "category": category.pk,
        "summary": SUMMARY,
        "body": BODY,
        **changes,
    }
    return client.post(reverse("experts:article-create"), data)


def test_an_article_waits_for_review_then_is_published_with_its_disclaimer(
    client, expert, moderator, member, category, thread_factory
):
    client.force_login(expert)
    response = _write(client, category)
    article = Article.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert article.status == "pending"
    assert article.disclaimer == Disclaimer.objects.current()
    assert "<script>" not in article.body_html
    assert "<h2>What the studies show</h2>" in article.body_html
    related = thread_factory(
        author=member, title="Should I pay for NK cell testing?", body="Is it worth it?"
    )
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert TITLE not in client.get(related.get_absolute_url()).content.decode()

    client.force_login(moderator)
    queue = client.get(reverse("experts:article-review-list")).content.decode()
    assert TITLE in queue
    decided = client.post(
        reverse("experts:article-review", args=[article.pk]), {"action": "publish", "note": ""}
    )
    assert decided.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.status == "published" and article.reviewed_by == moderator
    assert ModerationAction.objects.filter(
        action="publish_article", actor=moderator, target_id=str(article.pk)
    ).exists()

    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert TITLE in page
    assert "Daniel Marsh is not a physician" in page
    assert f'data-disclaimer-version="{article.disclaimer.version}"' in page
    thread_page = client.get(related.get_absolute_url()).content.decode()
    assert "Further reading" in thread_page and TITLE in thread_page
    assert TITLE in client.get(reverse("forum:search"), {"q": "NK cells"}).content.decode()
    assert TITLE in client.get(reverse("experts:article-feed")).content.decode()
    assert article.get_absolute_url() in client.get(reverse("forum:sitemap")).content.decode()
    profile_page = client.get(expert.expert_profile.get_absolute_url()).content.decode()
    assert TITLE in profile_page


def test_a_promotional_article_is_flagged_for_the_moderator(client, expert, moderator, category):
    client.force_login(expert)
    _write(client, category, body=PROMOTION)
    article = Article.objects.get()

    assert article.status == "pending"
    assert article.promotion_finding is not None
    client.force_login(moderator)
    assert (
        "Flagged: may be promotion"
        in client.get(reverse("experts:article-review-list")).content.decode()
    )
    review = client.get(reverse("experts:article-review", args=[article.pk])).content.decode()
    assert "Flagged: may be promotion" in review and "20% off" in review


def test_returning_needs_a_note_and_an_edit_keeps_the_old_text_and_goes_back_to_review(
    client, expert, moderator, category
):
    client.force_login(expert)
    _write(client, category, body=PROMOTION)
    article = Article.objects.get()
    client.force_login(moderator)
    url = reverse("experts:article-review", args=[article.pk])

    no_note = client.post(url, {"action": "return", "note": ""})
    assert no_note.status_code == HTTPStatus.BAD_REQUEST
    assert "Please tell the author what to change." in no_note.content.decode()
    client.post(url, {"action": "return", "note": "Please take out the offer and the code."})
    article.refresh_from_db()
    assert article.status == "returned"

    client.force_login(expert)
    dashboard = client.get(reverse("experts:dashboard")).content.decode()
    assert "Please take out the offer and the code." in dashboard
    client.post(
        reverse("experts:article-edit", args=[article.pk]),
        {"title": TITLE, "category": category.pk, "summary": SUMMARY, "body": BODY},
    )
    article.refresh_from_db()
    assert article.status == "pending"
    assert article.promotion_finding is None
    (revision,) = ArticleRevision.objects.filter(article=article)
    assert revision.body == PROMOTION


def test_members_cannot_write_articles_and_a_too_short_article_says_why(
    client, member, expert, category
):
    client.force_login(member)
    assert client.get(reverse("experts:article-create")).status_code == HTTPStatus.FORBIDDEN
    client.force_login(expert)
    response = _write(client, category, body="Too short.")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at least 200 characters" in response.content.decode()
    assert not Article.objects.exists()


def test_the_review_pages_do_not_exist_for_members(client, member, expert, category):
    client.force_login(expert)
    _write(client, category)
    article = Article.objects.get()
    client.force_login(member)
    assert client.get(reverse("experts:article-review-list")).status_code == 404
    assert client.get(reverse("experts:article-review", args=[article.pk])).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_reviewer_reads_promotion_first_and_every_finding_in_plain_words(
    client, expert, moderator, category
):
    body = (
        "You can stop your heparin at 20 weeks, you do not need it after that. Call me on "
        "07700 900123 to talk it through. " + PROMOTION
    )
    client.force_login(expert)
    _write(client, category, body=body)
    article = Article.objects.get()
    assert {"promotion", "prescription_change"} <= set(article.check_findings)

    client.force_login(moderator)
    review = client.get(reverse("experts:article-review", args=[article.pk])).content.decode()

    shown = [review.index(f'class="finding-{label}"') for label in article.check_findings]
    assert review.index('class="finding-promotion"') == min(shown)  # promotion first
    assert "Flagged: advice to change a prescription" in review
    assert "Flagged: personal contact details" in review
    assert "prescription_change" not in review.replace('class="finding-prescription_change"', "")
