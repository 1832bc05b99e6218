"""The demo forum must show what the product is for: nothing kind in it is held by mistake."""

from __future__ import annotations

from forum import demo_content
from moderation.checks.run import check_post


def test_only_the_heparin_question_is_flagged_in_the_demo_content():
    flagged = {}
    for thread in demo_content.THREADS:
        found = check_post(f"{thread['title']}\n\n{thread['body']}", "question")
        if found:
            flagged[thread["title"]] = sorted(found)
        for reply in thread["replies"]:
            found = check_post(reply["body"], "reply")
            if found:
                flagged[reply["body"][:60]] = sorted(found)
    assert flagged == {
        "21 weeks after IVF: can I stop my heparin injections now?": ["prescription_change"]
    }
