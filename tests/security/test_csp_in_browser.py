"""The Content-Security-Policy (no inline script or style) holds on real pages, including
Django's admin and allauth's account and two-factor pages: Chromium reports no violation."""

from __future__ import annotations

import mimetypes

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def open_with_csp(new_context):
    """`violations = open_with_csp(client, path)`: the page as Django rendered it, with its
    headers (so the CSP is enforced), static files served from the finders."""
    context = new_context(locale="en-GB")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    rendered: dict[str, object] = {}

    def serve(route, request):
        url = request.url
        if url in rendered:
            response = rendered.pop(url)
            headers = {key.lower(): value for key, value in response.items()}
            route.fulfill(status=response.status_code, headers=headers, body=response.content)
            return
        path = url.removeprefix("http://testserver")
        if path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/").split("?")[0])
            if found:
                with open(found, "rb") as handle:
                    body = handle.read()
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                route.fulfill(status=200, content_type=content_type, body=body)
                return
        route.fulfill(status=404, body="")

    page.route("**/*", serve)

    def visit(client: Client, path: str) -> list[str]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert "Content-Security-Policy" in response
        url = f"http://testserver{path}"
        rendered[url] = response
        messages.clear()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)
        return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]

    yield visit
    context.close()


def test_forum_pages_need_no_inline_script_or_style(open_with_csp, member, thread):
    client = Client()
    client.force_login(member)
    for path in ["/", thread.get_absolute_url(), "/ask/", "/search/?q=transfer", "/experts/"]:
        assert open_with_csp(client, path) == [], path


def test_the_admin_needs_no_inline_script_or_style(open_with_csp, admin_user, member, thread):
    client = Client()
    client.force_login(admin_user)
    question = thread.posts.get(is_question=True)
    for path in [
        "/admin/",
        "/admin/forum/post/",
        f"/admin/forum/post/{question.pk}/change/",
        f"/admin/accounts/user/{member.pk}/change/",
        "/admin/accounts/user/add/",
    ]:
        assert open_with_csp(client, path) == [], path


def test_account_and_two_factor_pages_need_no_inline_script_or_style(open_with_csp, member):
    client = Client()
    client.post(
        reverse("account_login"), {"login": member.email, "password": "correct-horse-battery"}
    )
    # setting up an authenticator asks for the password again first
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    for path in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/profile/",
        "/accounts/delete/",
    ]:
        assert open_with_csp(client, path) == [], path
    anonymous = Client()
    for path in ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        assert open_with_csp(anonymous, path) == [], path
