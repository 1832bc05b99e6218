"""The demo forum must show what the product is for: nothing kind in it is held by mistake."""

from __future__ import annotations

from forum import demo_content
from moderation.detectors import detect_all


def test_only_the_heparin_question_is_flagged_in_the_demo_content():
    flagged = {}
    for thread in demo_content.THREADS:
        found = detect_all(f"{thread['title']}\n\n{thread['body']}")
        if found:
            flagged[thread["title"]] = sorted(found)
        for reply in thread["replies"]:
            found = detect_all(reply["body"])
            if found:
                flagged[reply["body"][:60]] = sorted(found)
    assert flagged == {
        "21 weeks after IVF: can I stop my heparin injections now?": ["prescription_change"]
    }
