"""The experts' side in a real browser: a video answer loads nothing from the video host
until the reader clicks, and the experts' pages pass axe-core and the Nu HTML Checker."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from experts.models import Article
from experts.services import attach_video, publish_article, submit_article
from forum.services import post_reply
from tests.browser.support import ARTIFACTS, AXE_JS, VNU_JAR, missing

pytestmark = pytest.mark.browser

VIDEO_ID = "dQw4w9WgXcQ"
TRANSCRIPT = (
    "In this video I show how an embryo is thawed in the lab: the straw is warmed, the "
    "embryo is moved through three solutions, and we check it re-expands within two hours."
)
ARTICLE_BODY = (
    "Natural killer cells are part of the immune system, and some clinics measure them in "
    "blood or in the lining of the womb.\n\n## What the studies show\n\nThe studies so far "
    "have not shown that testing or treating them leads to more babies, and some treatments "
    "carry real risks. It is fair to ask your clinic what they would change based on a result."
)


@pytest.fixture
def video_thread(thread_factory, member, expert):
    thread = thread_factory(
        author=member,
        title="How long does thawing an embryo take?",
        body="My frozen transfer is on Friday. How long does the lab need to thaw the embryo?",
    )
    answer = post_reply(
        author=expert,
        thread=thread,
        body="Usually about two hours before the transfer. I recorded the steps for you.",
    )
    attach_video(
        post=answer,
        url=f"https://www.youtube.com/watch?v={VIDEO_ID}",
        title="How a frozen embryo is thawed",
        transcript=TRANSCRIPT,
    )
    thread.answer = answer
    return thread


def test_a_video_answer_loads_nothing_from_the_video_host_until_the_reader_clicks(
    open_page, shot, video_thread, live_server
):
    page = open_page()
    own_host = urlsplit(live_server.url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # The test machine may have no internet: requests elsewhere are recorded, then refused.
    page.context.route(
        re.compile(r"^https?://(?!" + re.escape(own_host) + ")"), lambda route: route.abort()
    )

    page.goto(video_thread.get_absolute_url(), wait_until="load")
    page.wait_for_timeout(500)
    figure = page.locator(".video-answer")
    expect(figure).to_contain_text("How a frozen embryo is thawed")
    expect(page.locator("iframe")).to_have_count(0)
    shot(page, "video-before-click")
    elsewhere = [url for url in requested if urlsplit(url).netloc != own_host]
    assert elsewhere == [], f"loaded before any click: {elsewhere}"

    with page.expect_request(lambda r: "youtube-nocookie.com" in r.url) as player:
        figure.get_by_role("button", name="Play the video here").click()

    assert player.value.url.startswith(f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}")
    expect(page.locator("iframe.video-frame")).to_have_attribute(
        "src", f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
    )
    hosts = {urlsplit(url).netloc for url in requested} - {own_host}
    assert hosts == {"www.youtube-nocookie.com"}, hosts
    shot(page, "video-after-click")


def test_without_javascript_the_video_is_a_link_and_its_transcript(open_page, video_thread):
    page = open_page(javascript=False)
    page.goto(video_thread.get_absolute_url())
    figure = page.locator(".video-answer")
    expect(figure.get_by_role("button", name="Play the video here")).to_be_hidden()
    expect(figure.get_by_role("link", name="Watch on YouTube")).to_have_attribute(
        "href", f"https://www.youtube.com/watch?v={VIDEO_ID}"
    )
    figure.get_by_text("Read the transcript or summary").click()
    expect(figure).to_contain_text("re-expands within two hours")


@pytest.fixture
def expert_pages(video_thread, expert, member, moderator, category):
    """The experts' pages, each as the person who uses it."""
    published = submit_article(
        profile=expert.expert_profile,
        category=category,
        title="NK cells and IVF: what the evidence says",
        summary="What natural killer cell tests can and cannot tell you.",
        body=ARTICLE_BODY,
    )
    publish_article(article=published, moderator=moderator)
    pending = submit_article(
        profile=expert.expert_profile,
        category=category,
        title="Embryo grading in plain words",
        summary="What the numbers and letters on your embryo report mean.",
        body=ARTICLE_BODY,
    )
    assert Article.objects.count() == 2
    return [
        ("experts", reverse("experts:list"), None),
        ("expert-profile", expert.expert_profile.get_absolute_url(), None),
        ("articles", reverse("experts:article-list"), None),
        ("article", published.get_absolute_url(), None),
        ("thread-with-video", video_thread.get_absolute_url(), None),
        ("apply-after-posting", reverse("experts:apply"), member),
        ("dashboard", reverse("experts:dashboard"), expert),
        ("article-form", reverse("experts:article-create"), expert),
        ("video-form", reverse("experts:video-edit", args=[video_thread.answer.pk]), expert),
        ("thread-as-its-expert", video_thread.get_absolute_url(), expert),
        ("article-review", reverse("experts:article-review", args=[pending.pk]), moderator),
    ]


def _by_user(pages):
    groups: dict[object, list] = {}
    for name, path, user in pages:
        groups.setdefault(user, []).append((name, path))
    return groups.items()


def test_the_experts_pages_have_no_serious_accessibility_problems(open_page, expert_pages, shot):
    if not AXE_JS.exists():
        missing(f"axe-core is not installed ({AXE_JS}); run `make install` (needs npm)")
    problems, report = [], {}
    for user, pages in _by_user(expert_pages):
        page = open_page(user=user, bypass_csp=True)
        for name, path in pages:
            response = page.goto(path)
            assert response.ok, f"{name}: {response.status} at {path}"
            shot(page, name)
            page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            report[name] = [(v["id"], v["impact"], v["help"]) for v in result["violations"]]
            problems += [
                f"{name}: {v['impact']} {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']]}"
                for v in result["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report-experts.json").write_text(json.dumps(report, indent=2))
    assert not problems, "\n".join(problems)


def test_the_experts_pages_are_valid_html(open_page, expert_pages, tmp_path):
    java = shutil.which("java")
    if not java:
        missing("Java is not installed; the Nu HTML Checker needs it (default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"vnu-jar is not installed ({VNU_JAR}); run `make install` (needs npm)")
    files = []
    for user, pages in _by_user(expert_pages):
        page = open_page(user=user)
        for name, path in pages:
            response = page.request.get(path)
            assert response.ok, f"{name}: {response.status} at {path}"
            file = tmp_path / f"{name}.html"
            file.write_bytes(response.body())
            files.append(str(file))
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)


def test_the_experts_pages_fit_a_phone_screen(open_page, expert_pages):
    too_wide = []
    for user, pages in _by_user(expert_pages):
        page = open_page(user=user, phone=True)
        for name, path in pages:
            page.goto(path)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > page.viewport_size["width"]:
                too_wide.append(f"{name} is {width}px wide")
    assert not too_wide, ", ".join(too_wide)
