"""Cross-site scripting: 100+ injection strings in titles, bodies, display names, locations,
search queries and moderation notes, rendered by the real pages and opened in headless
Chromium with the Content-Security-Policy *bypassed*, so escaping and sanitising alone must
hold: nothing runs (no dialog), nothing is injected (no script, iframe, object, style...)
and no element carries an event handler or a javascript:/data: URL.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from forum.models import Post, PostStatus, Thread
from forum.services import post_reply, start_thread
from moderation.models import Flag, ModerationAction
from tests.security.support import enable_totp
from tests.security.xss_payloads import payloads

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAYLOADS = payloads()

# Runs in the page: everything that could execute script or load active content.
FIND_INJECTIONS = r"""
() => {
  const found = [];
  const urlAttrs = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "background", "poster", "srcset", "lowsrc", "dynsrc", "ping", "cite", "longdesc",
    "codebase", "manifest", "icon", "to", "values", "from", "by"]);
  const clean = (v) => v.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = clean(attr.value);
      if (name.startsWith("on")) found.push(`${el.tagName} has ${name}`);
      if (name === "srcdoc") found.push(`${el.tagName} has srcdoc`);
      if ((urlAttrs.has(name) || name.endsWith(":href")) &&
          /^(javascript|vbscript|livescript|data):/.test(value)) {
        found.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
      }
      if (name === "style" && /(expression\(|javascript:|url\()/.test(value)) {
        found.push(`${el.tagName} style=${attr.value.slice(0, 60)}`);
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    const type = (script.getAttribute("type") || "").toLowerCase();
    if (type === "application/json" || type === "application/ld+json") continue;
    const src = script.getAttribute("src");
    const url = src ? new URL(src, location.href) : null;
    if (!url || url.origin !== location.origin || !url.pathname.startsWith("/static/")) {
      found.push(`script ${src || script.textContent.slice(0, 60)}`);
    }
  }
  const active = "iframe, frame, frameset, object, embed, applet, base, style, portal, " +
    "meta[http-equiv], link[rel=import], link[rel=stylesheet]:not([href^='/static/']), " +
    "svg, math, form[action^='javascript' i], isindex, marquee, video, audio, details[open]";
  for (const el of document.querySelectorAll(active)) {
    found.push(`<${el.tagName.toLowerCase()}> element`);
  }
  return found;
}
"""


@pytest.fixture
def xss_settings(settings):
    settings.FORUM_RATE_LIMITS_ENABLED = False
    settings.FORUM_ANSWERS_PER_PAGE = 1000
    settings.FORUM_THREADS_PER_PAGE = 1000


@pytest.fixture
def inspect_pages(new_context):
    """`inspect(path, user=None, expect=[...])` renders the page with Django's test client (no
    live server, no transactional database), writes it into a Chromium page at
    http://testserver/ with the CSP bypassed, and fails on any dialog or injected content.
    `expect` lists markers that must be in the page, to prove the payloads were really there.
    """
    context = new_context(bypass_csp=True, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Everything the page asks for (a stylesheet, an injected image or frame) fails fast,
    # which is exactly when an onerror handler would fire.
    page.route(
        "**/*",
        lambda route, request: (
            route.fulfill(
                status=200, content_type="text/html", body="<!DOCTYPE html><title>start</title>"
            )
            if request.url == "http://testserver/start"
            else route.fulfill(status=404, body="")
        ),
    )
    page.goto("http://testserver/start")
    clients: dict = {}

    def inspect(path: str, *, user=None, expect: list[str] = ()) -> None:
        key = user.pk if user else None
        if key not in clients:
            clients[key] = Client()
            if user is not None:
                clients[key].force_login(user)
        response = clients[key].get(path)
        assert response.status_code < 500, path
        html = response.content.decode()
        check_html(html, label=path)
        if expect:
            missing = [marker for marker in expect if marker not in html]
            assert not missing, f"{path}: not shown: {missing[:10]}"

    def check_html(html: str, *, label: str = "page") -> None:
        page.set_content(html, wait_until="load")
        page.wait_for_timeout(20)  # let anything that got through fire
        found = page.evaluate(FIND_INJECTIONS)
        ran = list(dialogs)
        dialogs.clear()
        assert not found, f"{label}: {found[:10]}"
        assert not ran, f"{label}: script ran: {ran[:5]}"

    inspect.check_html = check_html
    yield inspect
    context.close()


def _marker(n: int) -> str:
    return f"XSS{n:03d}"


@pytest.fixture
def injected_forum(xss_settings, category, user_factory):
    """Threads titled with each payload; one thread whose question holds them all and whose
    answers come from members named and placed with each payload."""
    User = get_user_model()
    asker = user_factory(username="asker", display_name="Asker")
    titled = []
    for n, payload in enumerate(PAYLOADS):
        titled.append(
            start_thread(
                author=asker,
                category=category,
                title=f"{_marker(n)} {payload}"[:160],
                body=f"{_marker(n)} body\n\n{payload}",
            )
        )
    big = start_thread(
        author=asker,
        category=category,
        title="Every payload in one question XSSALL",
        body="\n\n".join(f"{_marker(n)} {payload}" for n, payload in enumerate(PAYLOADS)),
    )
    authors = []
    for n, payload in enumerate(PAYLOADS):
        author = User.objects.create_user(
            username=f"xss{n:03d}",
            email=f"xss{n:03d}@example.com",
            password="correct-horse-battery",
            display_name=f"{n:03d}{payload}"[:60],
            location=f"L{n:03d} {payload}"[:80],
        )
        authors.append(author)
        post_reply(author=author, thread=big, body=f"{_marker(n)} answer {payload}")
    # Show everything, whatever the automatic checks would have held back.
    Post.objects.update(status=PostStatus.PUBLISHED)
    Thread.objects.update(status=PostStatus.PUBLISHED)
    return {"threads": titled, "big": big, "authors": authors}


@pytest.mark.parametrize(
    "unescaped",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        '<a href="java\tscript:alert(1)">x</a>',
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        '<iframe srcdoc="x"></iframe>',
    ],
)
def test_the_checker_itself_catches_an_unescaped_payload(inspect_pages, unescaped):
    with pytest.raises(AssertionError):
        inspect_pages.check_html(f"<!DOCTYPE html><title>t</title><p>{unescaped}</p>")


def _sample(items: list) -> list:
    """Pages that show one payload each (a thread, a profile): every third payload plus every
    one written to break out of a title or an attribute. The list pages cover them all."""
    breakers = ("</title", "</textarea", "'", '"')
    return [
        item
        for n, item in enumerate(items)
        if n % 3 == 0 or any(PAYLOADS[n].startswith(b) or b == PAYLOADS[n][:7] for b in breakers)
    ]


def test_no_injection_string_runs_or_leaves_active_content_on_any_page(
    injected_forum, inspect_pages, category, moderator, user_factory
):
    markers = [_marker(n) for n in range(len(PAYLOADS))]
    big = injected_forum["big"]

    # question body, answers, authors' display names and locations, all on one page
    places = [f"L{n:03d}" for n in range(len(PAYLOADS))]
    inspect_pages(big.get_absolute_url(), expect=markers + places)
    # every payload as a thread title, with its asker: the category list and home page
    inspect_pages(category.get_absolute_url(), expect=markers)
    inspect_pages("/")
    # one title per page: <title>, heading, breadcrumbs
    for thread in _sample(injected_forum["threads"]):
        inspect_pages(thread.get_absolute_url())
    # one display name and location per page
    for n, author in enumerate(injected_forum["authors"]):
        if author in _sample(injected_forum["authors"]):
            inspect_pages(author.get_absolute_url(), expect=[f"L{n:03d}"])

    # search results (titles, highlighted snippets, askers), then every payload as the query,
    # which is echoed back in the search box and the heading
    inspect_pages("/search/?" + urlencode({"q": "body"}), expect=[markers[0], markers[-1]])
    inspect_pages("/search/?" + urlencode({"q": "alert script img onerror"}))
    for payload in PAYLOADS:
        inspect_pages("/search/?" + urlencode({"q": payload}))

    # signed in: a member whose own display name is a payload sees it in the header
    inspect_pages(big.get_absolute_url(), user=injected_forum["authors"][8])

    # moderators see flags' notes, the audit log's reasons and texts, unmasked posts
    reporter = user_factory(display_name="Reporter")
    answers = list(big.posts.filter(is_question=False).order_by("pk"))
    for n, answer in enumerate(answers[:40]):
        Flag.objects.create(
            post=answer,
            source=Flag.Source.USER,
            reason=Flag.Reason.OTHER,
            note=f"{_marker(n)} {PAYLOADS[n]}",
            reporter=reporter,
        )
    for n, payload in enumerate(PAYLOADS):
        ModerationAction.objects.create(
            actor=moderator,
            action="remove",
            target_type="forum.post",
            target_id=str(answers[n].pk),
            target_label=f"{_marker(n)} {payload}"[:200],
            reason=payload,
            before=payload,
            after="",
            created_at=timezone.now(),
        )
    enable_totp(moderator)
    inspect_pages(big.get_absolute_url(), user=moderator)
    inspect_pages("/moderation/", user=moderator, expect=["XSS000"])
    inspect_pages("/moderation/log/", user=moderator, expect=[markers[-1]])
    for answer in answers[:6]:
        inspect_pages(f"/moderation/posts/{answer.pk}/", user=moderator)
