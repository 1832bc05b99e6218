"""Video answers: YouTube or Vimeo links only, a transcript required, a click-to-load player."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from experts.models import VideoAnswer
from experts.videos import parse_video_url
from forum.services import post_reply
from moderation.models import Flag

pytestmark = pytest.mark.django_db

TRANSCRIPT = (
    "In this video I show how an embryo is thawed in the lab: the straw is warmed, the "
    "embryo is moved through three solutions, and we check it re-expands within two hours."
)
ANSWER = "Thawing takes the lab about two hours. I recorded a short video that shows each step."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ?t=30", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
    ],
)
def test_links_to_one_video_on_youtube_or_vimeo_are_read(url, expected):
    assert parse_video_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video.mp4",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com",
        "https://www.youtube.com/watch?v=<script>",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_other_links_are_refused(url):
    with pytest.raises(ValidationError):
        parse_video_url(url)


@pytest.fixture
def expert_answer(expert, thread):
    return post_reply(author=expert, thread=thread, body=ANSWER)


def test_an_expert_adds_a_video_with_a_transcript_and_readers_see_a_preview(
    client, expert, expert_answer, thread
):
    client.force_login(expert)
    url = reverse("experts:video-edit", args=[expert_answer.pk])
    thread_page = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{url}"' in thread_page

    response = client.post(
        url,
        {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "How a frozen embryo is thawed",
            "transcript": TRANSCRIPT,
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not expert_answer.flags.exists()  # a plain transcript asks nothing of moderators
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert ANSWER in page
    assert "How a frozen embryo is thawed" in page
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert "<iframe" not in page
    assert "re-expands within two hours" in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page


def test_a_video_needs_a_transcript_and_a_known_host(client, expert, expert_answer):
    client.force_login(expert)
    url = reverse("experts:video-edit", args=[expert_answer.pk])

    response = client.post(
        url, {"url": "https://example.com/clip.mp4", "title": "Clip", "transcript": ""}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "Please link to a video on YouTube or Vimeo" in html
    assert "This field is required." in html
    assert 'value="https://example.com/clip.mp4"' in html  # nothing she typed is lost
    assert not VideoAnswer.objects.exists()


def test_only_the_expert_who_wrote_the_answer_can_add_a_video(
    client, expert, member, expert_answer, thread
):
    member_answer = post_reply(author=member, thread=thread, body="We waited two hours too.")
    client.force_login(member)
    assert (
        client.get(reverse("experts:video-edit", args=[expert_answer.pk])).status_code
        == HTTPStatus.NOT_FOUND
    )
    assert (
        client.get(reverse("experts:video-edit", args=[member_answer.pk])).status_code
        == HTTPStatus.NOT_FOUND
    )


def test_the_content_security_policy_allows_frames_only_from_the_two_players(client, thread):
    policy = client.get(thread.get_absolute_url())["Content-Security-Policy"]
    frame_src = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    assert frame_src.split()[1:] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


def test_a_transcript_that_promotes_a_clinic_is_flagged_for_the_moderators(
    client, expert, expert_answer
):
    client.force_login(expert)
    client.post(
        reverse("experts:video-edit", args=[expert_answer.pk]),
        {
            "url": "https://vimeo.com/76979871",
            "title": "Our clinic's thawing lab",
            "transcript": (
                "At our clinic we offer an immune package: book your NK cell test today at "
                "Harbourside Clinic for 20% off this month with code NK20. Places are "
                "limited, so do not wait: secure your consultation now."
            ),
        },
    )

    assert VideoAnswer.objects.filter(post=expert_answer).exists()
    flag = Flag.objects.get(post=expert_answer, reason="promotion", source="auto")
    assert flag.note.startswith("In the video's transcript")
