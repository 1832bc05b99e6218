"""An expert's "download my data" holds her expert side too, and nobody else's."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from experts.models import ExpertSettings
from experts.services import attach_video, edit_article, submit_article
from forum.services import post_reply

pytestmark = pytest.mark.django_db

BODY = (
    "Natural killer cells are part of the immune system, and some clinics measure them in "
    "blood or in the lining of the womb. The studies so far have not shown that testing or "
    "treating them leads to more babies, and some treatments carry real risks."
)
TRANSCRIPT = (
    "In this video I show how an embryo is thawed in the lab: the straw is warmed, the "
    "embryo is moved through three solutions, and we check it re-expands within two hours."
)


def test_an_experts_export_holds_her_registered_name_consent_articles_and_videos(
    login, expert, outsider, category, thread
):
    profile = expert.expert_profile
    profile.link_consent_text = "The warning as she read it."
    profile.save()
    article = submit_article(
        profile=profile, category=category, title="NK cells", summary="What they are.", body=BODY
    )
    edit_article(
        article=article,
        editor=expert,
        category=category,
        title="NK cells and IVF",
        summary="What they are.",
        body=BODY + " A second paragraph.",
    )
    answer = post_reply(author=expert, thread=thread, body="About two hours on the day.")
    attach_video(
        post=answer,
        url="https://vimeo.com/76979871",
        title="How a frozen embryo is thawed",
        transcript=TRANSCRIPT,
    )
    ExpertSettings.objects.create(profile=profile, weekly_digest=False).categories.set([category])
    other = post_reply(author=outsider, thread=thread, body="Somebody else's words here.")

    data = login(expert).get(reverse("accounts:export")).json()

    (exported,) = data["expert_profile"]
    assert exported["professional_name"] == "Daniel Marsh"
    assert exported["link_consent_text"] == "The warning as she read it."
    (written,) = data["expert_articles"]
    assert written["title"] == "NK cells and IVF"
    assert written["status"] == "pending"
    assert [r["title_before"] for r in written["revisions"]] == ["NK cells"]
    assert data["video_answers"] == [
        {
            "post_id": answer.pk,
            "link": "https://vimeo.com/76979871",
            "title": "How a frozen embryo is thawed",
            "transcript": TRANSCRIPT,
            "added_at": data["video_answers"][0]["added_at"],
        }
    ]
    assert data["expert_settings"][0]["weekly_email"] is False
    assert data["expert_settings"][0]["categories"] == [category.name]
    assert other.body not in json.dumps(data)


def test_a_members_export_has_no_expert_side(login, member):
    data = login(member).get(reverse("accounts:export")).json()
    assert data["expert_profile"] == []
    assert data["expert_articles"] == data["video_answers"] == data["expert_settings"] == []
