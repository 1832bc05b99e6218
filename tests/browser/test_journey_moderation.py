"""Journey 3: a member reports a reply; a moderator returns it to its author with feedback;
the author edits and resubmits; the moderator approves it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forum.models import Post, PostStatus
from forum.services import post_reply

pytestmark = pytest.mark.browser

CLAIM = "Progesterone pessaries never work. Everyone knows only the injections help."
FEEDBACK = "Please say this was your own experience; it is not true for everyone."
REWRITTEN = (
    "In my experience the pessaries did not suit me and the injections were easier. "
    "Everyone is different, so it is worth asking your clinic what they recommend for you."
)


def test_a_reported_reply_is_returned_to_its_author_resubmitted_and_approved(
    open_page, shot, thread, outsider, moderator, user_factory
):
    author = user_factory(username="rhea", display_name="R.K.", location="Galway, Ireland")
    reply = post_reply(author=author, thread=thread, body=CLAIM)

    reporter = open_page(user=outsider)
    reporter.goto(thread.get_absolute_url())
    reporter.locator(f"#post-{reply.pk}").get_by_role("link", name="Report").click()
    reporter.get_by_label("medical misinformation", exact=False).check()
    reporter.get_by_label("Anything the moderators should know").fill(
        "This could put people off their prescribed treatment."
    )
    shot(reporter, "report")
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.locator(".messages")).to_contain_text("Thank you")

    mod = open_page(user=moderator)
    mod.goto("/moderation/")
    item = mod.locator(f"#item-{reply.pk}")
    expect(item).to_contain_text("This could put people off")
    shot(mod, "queue")
    item.get_by_label("Feedback").fill(FEEDBACK)
    item.get_by_role("button", name="Return to author").click()
    expect(mod.locator(f"#item-{reply.pk}")).to_have_count(0)

    writer = open_page(user=author)
    writer.goto(thread.get_absolute_url())
    returned = writer.locator(f"#post-{reply.pk}")
    expect(returned).to_contain_text(FEEDBACK)
    shot(writer, "returned-to-author")
    returned.get_by_role("link", name="Edit and resubmit").click()
    writer.get_by_label("Your text").fill(REWRITTEN)
    shot(writer, "resubmit")
    writer.get_by_role("button", name="Resubmit for review").click()
    expect(writer.locator(f"#post-{reply.pk}")).to_contain_text("Waiting for a moderator")

    mod.goto("/moderation/")
    item = mod.locator(f"#item-{reply.pk}")
    expect(item).to_contain_text("the pessaries did not suit me")
    shot(mod, "queue-resubmitted")
    item.get_by_role("button", name="Approve and publish").click()
    expect(mod.locator(f"#item-{reply.pk}")).to_have_count(0)

    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
    assert reply.body == REWRITTEN
    reporter.goto(thread.get_absolute_url())
    expect(reporter.locator(f"#post-{reply.pk}")).to_contain_text("did not suit me")
    shot(reporter, "published")

    mod.goto("/moderation/log/")
    expect(mod.get_by_role("table")).to_contain_text(FEEDBACK)
    shot(mod, "audit-log")
    assert Post.objects.filter(pk=reply.pk).exists()
