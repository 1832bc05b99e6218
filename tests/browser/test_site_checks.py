"""Whole-page checks over the main pages: axe-core, the Nu HTML Checker, page weight, no JS."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import ARTIFACTS, AXE_JS, VNU_JAR, missing

pytestmark = pytest.mark.browser

QUESTION_TITLE = "Should I stop my progesterone pessaries at 10 weeks?"
QUESTION = (
    "We had our first frozen transfer in March and I am now 10 weeks. The pessaries make me "
    "feel sick all day. Should I stop the progesterone now or keep going until 12 weeks?"
)
EXPERT_ANSWER = (
    "Progesterone supports the lining of the womb in early pregnancy, which is why clinics "
    "prescribe it after a frozen transfer. Nausea is common at 10 weeks whatever the cause. "
    "Your clinic chose the length of the course for you, so please ask them about it."
)
MEMBER_ANSWER = "I felt the same.\n\n- ginger biscuits helped\n- so did **small meals**"


@dataclass
class AuditedPage:
    name: str
    path: str
    user: object = None


@pytest.fixture
def busy_thread(thread_factory, member, expert, user_factory):
    """A prescription question with a verified expert's answer and a member's answer."""
    from forum.services import post_reply

    thread = thread_factory(author=member, title=QUESTION_TITLE, body=QUESTION)
    post_reply(author=expert, thread=thread, body=EXPERT_ANSWER)
    reply = post_reply(
        author=user_factory(display_name="J.R.", location="Cork, Ireland"),
        thread=thread,
        body=MEMBER_ANSWER,
    )
    thread.refresh_from_db()
    assert thread.is_prescription_question
    thread.member_reply = reply
    return thread


@pytest.fixture
def audited_pages(busy_thread, member, expert, moderator, category, thread_factory):
    """The pages every visitor, member, expert and moderator sees, with real content."""
    from moderation.audit import log_action
    from moderation.models import Flag

    # An urgent symptom: the call-now banner for her, a reminder for others, and the
    # "Contact the member" form at the top of the queue.
    urgent = thread_factory(
        author=member,
        title="Heavy bleeding and bad cramps at 21 weeks, is this normal?",
        body="I started bleeding quite heavily an hour ago, bright red with clots, and the "
        "pain is severe. Should I wait and see?",
    )
    reply = busy_thread.member_reply
    Flag.objects.create(
        post=reply, source=Flag.Source.USER, reason=Flag.Reason.SPAM, note="Looks like an ad."
    )
    log_action(actor=moderator, action="approve", target=reply, reason="Checked: fine.")

    return [
        AuditedPage("home", reverse("forum:home")),
        AuditedPage("category", reverse("forum:category", kwargs={"slug": category.slug})),
        AuditedPage("profile", reverse("accounts:profile", kwargs={"username": member.username})),
        AuditedPage("login", reverse("account_login")),
        AuditedPage("signup", reverse("account_signup")),
        AuditedPage("search", reverse("forum:search") + "?q=progesterone"),
        # No question has both words: those with some of them, said so; then none at all.
        AuditedPage("search-some-words", reverse("forum:search") + "?q=progesterone+thyroid"),
        AuditedPage("search-none", reverse("forum:search") + "?q=thyroid+antibodies"),
        AuditedPage("thread", busy_thread.get_absolute_url(), member),
        AuditedPage("ask", reverse("forum:thread-start"), member),
        AuditedPage("urgent-care", reverse("moderation-member:urgent-care")),
        AuditedPage("thread-as-expert", busy_thread.get_absolute_url(), expert),
        AuditedPage("urgent-thread", urgent.get_absolute_url(), member),
        AuditedPage("urgent-thread-as-expert", urgent.get_absolute_url(), expert),
        AuditedPage("queue", reverse("moderation:queue"), moderator),
        AuditedPage("audit-log", reverse("moderation:log"), moderator),
    ]


def _pages_by_user(pages):
    groups: dict[object, list[AuditedPage]] = {}
    for page in pages:
        groups.setdefault(page.user, []).append(page)
    return groups.items()


def test_main_pages_have_no_serious_accessibility_problems(open_page, audited_pages, shot):
    if not AXE_JS.exists():
        missing(f"axe-core is not installed ({AXE_JS}); run `make install` (needs npm)")
    report = {}
    problems = []
    for user, pages in _pages_by_user(audited_pages):
        # Only this scan's context bypasses the CSP, so axe's injected script may run.
        page = open_page(user=user, bypass_csp=True)
        for audited in pages:
            response = page.goto(audited.path)
            assert response.ok, f"{audited.name}: {response.status} at {audited.path}"
            shot(page, audited.name)
            page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            report[audited.name] = [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [n["target"] for n in v["nodes"]],
                }
                for v in result["violations"]
            ]
            problems += [
                f"{audited.name}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
                for v in report[audited.name]
                if v["impact"] in {"serious", "critical"}
            ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=2))
    assert not problems, "\n".join(problems)


def test_main_pages_are_valid_html(open_page, audited_pages, tmp_path):
    java = shutil.which("java")
    if not java:
        missing("Java is not installed; the Nu HTML Checker needs it (default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"vnu-jar is not installed ({VNU_JAR}); run `make install` (needs npm)")
    files = []
    for user, pages in _pages_by_user(audited_pages):
        page = open_page(user=user)
        for audited in pages:
            response = page.request.get(audited.path)
            assert response.ok, f"{audited.name}: {response.status} at {audited.path}"
            path = tmp_path / f"{audited.name}.html"
            path.write_bytes(response.body())
            files.append(str(path))
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


# The innermost elements that stick out to the right, to say what to fix.
WIDEST_ELEMENTS = """() => {
    const edge = document.documentElement.clientWidth + 1;
    return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > edge)
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > edge))
    .slice(0, 3)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
        + ` (${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


def test_main_pages_fit_a_phone_screen_without_sideways_scrolling(open_page, audited_pages, shot):
    too_wide = []
    for user, pages in _pages_by_user(audited_pages):
        page = open_page(user=user, phone=True)
        for audited in pages:
            page.goto(audited.path)
            shot(page, audited.name)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > page.viewport_size["width"]:
                culprits = page.evaluate(WIDEST_ELEMENTS)
                too_wide.append(f"{audited.name} is {width}px wide: {culprits}")
    assert not too_wide, ", ".join(too_wide)


def test_a_thread_page_weighs_under_60_kb_and_nothing_shifts_as_it_loads(
    open_page, busy_thread, live_server
):
    from forum.services import post_reply

    for n in range(4):
        post_reply(
            author=busy_thread.author,
            thread=busy_thread,
            body=f"Thank you all, this helps a lot. Update {n}: the nausea is easing a little.",
        )
    page = open_page(user=busy_thread.author)
    own: dict[str, int] = {}

    def count(response):
        kind = response.request.resource_type
        if response.url.startswith(live_server.url) and kind in {
            "document",
            "stylesheet",
            "script",
        }:
            own[response.url] = len(response.body())

    page.on("response", count)
    page.goto(busy_thread.get_absolute_url(), wait_until="load")
    shift = page.evaluate(
        """() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            }).observe({type: "layout-shift", buffered: true});
            setTimeout(() => resolve(total), 300);
        })"""
    )
    total = sum(own.values())
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "thread-page-weight.json").write_text(
        json.dumps({"bytes": own, "total": total, "layout_shift": shift}, indent=2)
    )
    assert any(kind.endswith(".css") for kind in own), own
    assert total < 60 * 1024, f"the thread page is {total} bytes: {own}"
    assert shift == 0, f"cumulative layout shift {shift}"


def test_a_member_can_answer_and_follow_with_javascript_turned_off(
    open_page, shot, busy_thread, outsider
):
    page = open_page(user=outsider, javascript=False)
    page.goto(busy_thread.get_absolute_url())
    page.get_by_role("button", name="Follow").click()
    page.get_by_role("textbox", name="Your answer").fill("Thank you, I will call the clinic.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".post").last).to_contain_text("I will call the clinic")
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    shot(page, "answered-without-javascript")


def test_keyboard_focus_is_always_visible(open_page, category):
    page = open_page()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    for _ in range(3):
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, outline
        page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
