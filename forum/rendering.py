"""Markdown to safe HTML: rendered once when a post is saved, never per request."""

from __future__ import annotations

from functools import lru_cache

import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h2",  # expert articles only: posts' headings start at h3 (POST_HEADINGS)
        "h3",
        "h4",
        "h5",
        "h6",
        "del",
        "s",
        "mark",  # moderators' view of contact details (moderation.masking); not from Markdown
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # "commonmark" with html off: raw HTML in a post is shown as text, never passed through.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.disable("image")
    return md


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    return attrs


@lru_cache(maxsize=1)
def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _linker() -> Linker:
    return Linker(callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)


# A post sits under the page's h1/h2, so its own headings start at h3.
POST_HEADINGS = {2: 4, 1: 3}
# An expert article is the page itself: its headings start at h2, under the title's h1.
ARTICLE_HEADINGS = {1: 2}


def _demote_headings(html: str, headings: dict[int, int]) -> str:
    for level, shown in headings.items():  # highest level first, so none is moved twice
        html = html.replace(f"<h{level}>", f"<h{shown}>").replace(f"</h{level}>", f"</h{shown}>")
    return html


def render_markdown(text: str, *, headings: dict[int, int] = POST_HEADINGS) -> str:
    """Render Markdown source to sanitised HTML; bleach is always the last step.

    `headings` maps Markdown heading levels to the levels shown (ARTICLE_HEADINGS for articles).
    """
    html = _markdown().render(text or "")
    html = _demote_headings(html, headings)
    html = _cleaner().clean(html)
    return _linker().linkify(html).strip()
