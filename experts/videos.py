"""Reading a YouTube or Vimeo link: only these hosts, only a plain video id."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def parse_video_url(url: str) -> tuple[str, str]:
    """("youtube" or "vimeo", the video's id) for a link to one video, else ValidationError."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    video_id = ""
    if parts.scheme not in ("http", "https"):
        host = ""
    if host in _YOUTUBE_HOSTS:
        if segments == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
        if _YOUTUBE_ID.fullmatch(video_id):
            return "youtube", video_id
    elif host == "youtu.be":
        if len(segments) == 1 and _YOUTUBE_ID.fullmatch(segments[0]):
            return "youtube", segments[0]
    elif host in _VIMEO_HOSTS:
        if host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
            segments = segments[1:]
        if len(segments) == 1 and _VIMEO_ID.fullmatch(segments[0]):
            return "vimeo", segments[0]
    else:
        raise ValidationError(
            _("Please link to a video on YouTube or Vimeo; other sites cannot be shown here."),
            code="host",
        )
    raise ValidationError(
        _(
            "That link does not point to one video. Please copy the link from the video's "
            'own page, e.g. "https://www.youtube.com/watch?v=..." or "https://vimeo.com/123456".'
        ),
        code="not_a_video",
    )
