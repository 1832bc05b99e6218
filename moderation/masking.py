"""Contact details in posts: masked for readers, highlighted for moderators.

Both versions are rendered once when a post is saved (like `body_html`); the text as written
is never changed. A post without contact details keeps both fields empty and every reader
gets `body_html`.
"""

from __future__ import annotations

import bleach

from forum.rendering import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS, render_markdown
from moderation.checks.contact_info import contact_spans, mask_contact_info

# Private-use characters: they never come from a keyboard, so they cannot collide with a post.
_OPEN = "\ue000"
_CLOSE = "\ue001"
# Masks contain Markdown syntax ("____" is bold, "[...]" a link label); escape them so they
# show as written.
_MARKDOWN_SPECIAL = str.maketrans({"_": r"\_", "[": r"\[", "]": r"\]", "*": r"\*"})
_MASK_WORDS = ("____@____.com", "[address hidden]", "###-###-####")


def _escape_masks(text: str) -> str:
    for mask in _MASK_WORDS:
        text = text.replace(mask, mask.translate(_MARKDOWN_SPECIAL))
    return text


# Text right before a span that puts it inside a link address, where a mark cannot go.
_LINK_ADDRESS_BEFORE = ("](", "<", "mailto:", "tel:")


def _marked_html(body: str, spans) -> str:
    out, pos = [], 0
    for span in spans:
        if body[max(0, span.start - 8) : span.start].endswith(_LINK_ADDRESS_BEFORE):
            continue
        out += [body[pos : span.start], _OPEN, body[span.start : span.end], _CLOSE]
        pos = span.end
    out.append(body[pos:])
    html = render_markdown("".join(out))
    html = html.replace(_OPEN, '<mark class="contact">').replace(_CLOSE, "</mark>")
    # A span that crossed Markdown structure could leave tags unbalanced: clean once more.
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={**ALLOWED_ATTRIBUTES, "mark": ["class"]},
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )


def render_contact_versions(body: str) -> tuple[str, str]:
    """(masked HTML for readers, highlighted HTML for moderators); ("", "") when nothing found."""
    spans = contact_spans(body)
    if not spans:
        return "", ""
    masked = render_markdown(_escape_masks(mask_contact_info(body, spans)))
    return masked, _marked_html(body, spans)


def apply_contact_masking(post) -> list[str]:
    """Set the post's masked and highlighted HTML; return the fields that changed (unsaved)."""
    masked, marked = render_contact_versions(post.body)
    changed = []
    if post.body_html_masked != masked:
        post.body_html_masked = masked
        changed.append("body_html_masked")
    if post.body_html_marked != marked:
        post.body_html_marked = marked
        changed.append("body_html_marked")
    return changed


def post_html_for(post, user) -> str:
    """The rendered text a given viewer sees."""
    if user is not None and user.is_authenticated and user.can_moderate:
        return post.body_html_marked or post.body_html
    return post.body_html_masked or post.body_html
