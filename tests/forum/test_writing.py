"""Writing posts: Markdown rendered once on save, sanitised, with a preview that needs no JS."""

from __future__ import annotations

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Post, Thread
from forum.rendering import render_markdown

pytestmark = pytest.mark.django_db


def _elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every real element (tag and attributes) in the HTML, as a browser would parse it."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


NASTY = """Hello **there**

<script>alert('x')</script>
<img src=x onerror="alert(1)">
<a href="https://example.org" onclick="steal()">a real link</a>
[click me](javascript:alert(1))
[data](data:text/html;base64,PHNjcmlwdD4=)
<div style="position:fixed"><p>unclosed <b>bold
<iframe src="https://evil.example"></iframe>
![a picture](https://example.org/tracker.png)
"""


def test_markdown_becomes_html_when_a_question_is_saved(thread_factory):
    thread = thread_factory(body="I had **three** transfers:\n\n- one\n- two")
    question = Post.objects.get(thread=thread, is_question=True)
    assert "<strong>three</strong>" in question.body_html
    assert "<li>one</li>" in question.body_html


def test_scripts_handlers_javascript_links_and_broken_html_render_as_inert_text(
    login, member, thread
):
    client = login(member)
    client.post(reverse("forum:reply-create", kwargs={"thread_id": thread.pk}), {"body": NASTY})
    answer = Post.objects.get(is_question=False)
    tags = _elements(answer.body_html)
    assert {tag for tag, _attrs in tags} <= {"p", "strong", "a", "em", "br"}
    for _tag, attrs in tags:
        assert all(name in ("href", "rel") for name, _value in attrs), attrs
        hrefs = [value for name, value in attrs if name == "href"]
        assert all(href.startswith("https://") for href in hrefs), hrefs
    assert "<strong>there</strong>" in answer.body_html
    # What was written is shown as text, not thrown away silently.
    assert "&lt;script&gt;" in answer.body_html

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert 'onerror="alert' not in page


def test_links_in_posts_are_marked_nofollow_ugc_noopener():
    html = render_markdown("See [the HFEA](https://www.hfea.gov.uk) and https://example.org")
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://www.hfea.gov.uk"' in html


def test_images_are_never_embedded():
    html = render_markdown("![scan](https://example.org/scan.png)")
    assert "<img" not in html


def test_preview_on_the_ask_form_shows_the_rendered_text_and_keeps_what_was_typed(
    login, member, category
):
    client = login(member)
    body = "My clinic said my **AMH** is low. What does that mean for egg collection?"
    response = client.post(
        reverse("forum:thread-start"),
        {
            "category": category.pk,
            "title": "What does a low AMH mean?",
            "body": body,
            "preview": "1",
        },
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<strong>AMH</strong>" in page
    assert "My clinic said my **AMH** is low." in page  # still in the textarea
    assert not Thread.objects.exists()


def test_preview_on_the_reply_form_does_not_post_the_answer(login, outsider, thread):
    client = login(outsider)
    response = client.post(
        reverse("forum:reply-create", kwargs={"thread_id": thread.pk}),
        {"body": "Try _short walks_ <script>x()</script>", "preview": "1"},
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<em>short walks</em>" in page
    assert "<script>x()" not in page
    assert "Try _short walks_" in page
    assert Post.objects.filter(is_question=False).count() == 0
