"""Property-based tests: whatever text arrives, forms and the pages behind them answer with a
form error or a 4xx, never a server error.

Two layers: every Form class in the project validated directly (cheap, many examples), and
the write pages posted to through the test client (the client re-raises any exception a
view lets escape, so a would-be 500 fails the test).
"""

from __future__ import annotations

import importlib
import inspect
from http import HTTPStatus

import pytest
from django import forms
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FORM_MODULES = ["community.forms", "forum.forms", "moderation.forms", "community.admin"]
FAST = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
THROUGH_VIEWS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\n",
        "\u202e\u200b",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "{{ 7*7 }}{% debug %}",
        "[x](javascript:alert(1))",
        "\ufeff\ufffe\uffff",
        "𝕋𝕖𝕤𝕥 🙂 ﷽",
        "2024-02-30",
        "-1",
        "99999999999999999999999",
    ]
)


def _long_text():
    return st.builds(
        lambda n, char: char * n, st.integers(19_990, 20_050), st.sampled_from("aé\x00 <")
    )


def text_for_forms():
    """Any Unicode text, including lone surrogates, tricky fixed strings and huge inputs."""
    return st.one_of(st.text(max_size=300), NASTY, _long_text())


def text_for_http():
    """What a browser could send: anything that encodes as UTF-8."""
    return st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), NASTY, _long_text()
    )


def _project_forms() -> list[type[forms.BaseForm]]:
    found = {}
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _attr, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and value.base_fields
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


def _form_kwargs(form_class, user) -> dict:
    params = inspect.signature(form_class.__init__).parameters
    kwargs = {}
    if "user" in params:
        kwargs["user"] = user
    if "is_question" in params:
        kwargs["is_question"] = True
    if "queue_ids" in params:
        kwargs["queue_ids"] = [1, 2, 3]
    if "require_acknowledgement" in params:
        kwargs["require_acknowledgement"] = True
    return kwargs


def _field_value(field, text):
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return [text, "1"]
    return text


PROJECT_FORMS = _project_forms()


def test_the_project_has_forms_to_check():
    names = {form.__name__ for form in PROJECT_FORMS}
    assert {"AskForm", "ReplyForm", "ProfileForm", "SignupExtraForm", "FlagForm"} <= names


@pytest.mark.parametrize("form_class", PROJECT_FORMS, ids=lambda form: form.__name__)
def test_every_form_turns_arbitrary_text_into_valid_data_or_errors(form_class, member, category):
    @FAST
    @given(values=st.lists(text_for_forms(), min_size=1, max_size=12))
    def check(values):
        form = form_class(**_form_kwargs(form_class, member), data={})
        data = {
            name: _field_value(field, values[i % len(values)])
            for i, (name, field) in enumerate(form.fields.items())
        }
        form = form_class(data, **_form_kwargs(form_class, member))
        if form.is_valid():
            for value in form.cleaned_data.values():
                if isinstance(value, str):
                    assert "\x00" not in value
        else:
            assert form.errors

    check()


def test_the_signup_form_turns_arbitrary_text_into_valid_data_or_errors(db):
    from allauth.account.forms import SignupForm

    @FAST
    @given(
        email=text_for_forms(),
        name=text_for_forms(),
        location=text_for_forms(),
        password=text_for_forms(),
    )
    def check(email, name, location, password):
        form = SignupForm(
            data={
                "email": email,
                "display_name": name,
                "location": location,
                "password1": password,
                "password2": password,
            }
        )
        form.is_valid()

    check()


# --- Through the views ------------------------------------------------------------------------


@pytest.fixture
def no_rate_limits(settings):
    settings.FORUM_RATE_LIMITS_ENABLED = False
    settings.ACCOUNT_RATE_LIMITS = False


def _assert_not_a_server_error(response):
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR


def test_asking_with_arbitrary_text_never_errors(no_rate_limits, login, member, category):
    client = login(member)

    @THROUGH_VIEWS
    @given(title=text_for_http(), body=text_for_http(), cat=st.sampled_from(["", "x", "1", "-1"]))
    def check(title, body, cat):
        data = {"category": category.pk if cat == "1" else cat, "title": title, "body": body}
        _assert_not_a_server_error(client.post(reverse("forum:thread-start"), data))
        data["preview"] = "1"
        _assert_not_a_server_error(client.post(reverse("forum:thread-start"), data))

    check()


def test_replying_and_editing_with_arbitrary_text_never_errors(
    no_rate_limits, login, member, thread
):
    client = login(member)
    question = thread.posts.get(is_question=True)

    @THROUGH_VIEWS
    @given(title=text_for_http(), body=text_for_http(), preview=st.booleans())
    def check(title, body, preview):
        extra = {"preview": "1"} if preview else {}
        url = reverse("forum:reply-create", args=[thread.pk])
        _assert_not_a_server_error(client.post(url, {"body": body, **extra}))
        url = reverse("forum:post-edit", args=[question.pk])
        _assert_not_a_server_error(client.post(url, {"title": title, "body": body, **extra}))

    check()


def test_flagging_with_arbitrary_text_never_errors(no_rate_limits, login, outsider, thread):
    client = login(outsider)
    question = thread.posts.get(is_question=True)

    @THROUGH_VIEWS
    @given(
        reason=st.one_of(st.sampled_from(["spam", "other", "crisis"]), text_for_http()),
        note=text_for_http(),
    )
    def check(reason, note):
        url = reverse("moderation-member:flag", args=[question.pk])
        _assert_not_a_server_error(client.post(url, {"reason": reason, "note": note}))

    check()


def test_profile_and_account_pages_take_arbitrary_text_without_errors(
    no_rate_limits, login, member
):
    client = login(member)

    @THROUGH_VIEWS
    @given(name=text_for_http(), location=text_for_http(), password=text_for_http())
    def check(name, location, password):
        response = client.post(
            reverse("accounts:profile-edit"), {"display_name": name, "location": location}
        )
        _assert_not_a_server_error(response)
        response = client.post(
            reverse("accounts:delete"), {"action": "delete", "password": password}
        )
        _assert_not_a_server_error(response)

    check()


def test_signing_up_with_arbitrary_text_never_errors(no_rate_limits, client):
    @THROUGH_VIEWS
    @given(email=text_for_http(), name=text_for_http(), location=text_for_http())
    def check(email, name, location):
        response = client.post(
            reverse("account_signup"),
            {
                "email": email,
                "display_name": name,
                "location": location,
                "password1": "a-long-unusual-passphrase-42",
                "password2": "a-long-unusual-passphrase-42",
            },
        )
        _assert_not_a_server_error(response)
        client.logout()

    check()


def test_searching_for_arbitrary_text_never_errors(client, thread):
    @THROUGH_VIEWS
    @given(query=text_for_http(), page=st.one_of(st.none(), text_for_http()))
    def check(query, page):
        params = {"q": query}
        if page is not None:
            params["page"] = page
        _assert_not_a_server_error(client.get(reverse("forum:search"), params))

    check()


def test_applying_as_an_expert_with_arbitrary_text_never_errors(no_rate_limits, login, outsider):
    try:
        url = reverse("experts:apply")
    except NoReverseMatch:
        pytest.skip("expert applications are not there yet")
    client = login(outsider)

    @THROUGH_VIEWS
    @given(values=st.lists(text_for_http(), min_size=7, max_size=7))
    def check(values):
        names = [
            "professional_name",
            "title",
            "organisation",
            "speciality",
            "registration_number",
            "evidence",
            "x",
        ]
        data = dict(zip(names, values, strict=True)) | {"confirm": "on"}
        _assert_not_a_server_error(client.post(url, data))

    check()


def test_moderation_filters_and_actions_take_arbitrary_text_without_errors(
    no_rate_limits, login, moderator, thread
):
    client = login(moderator)
    question = thread.posts.get(is_question=True)

    @THROUGH_VIEWS
    @given(reason=text_for_http(), filter_value=text_for_http())
    def check(reason, filter_value):
        params = {"reason": filter_value, "source": filter_value, "page": filter_value}
        _assert_not_a_server_error(client.get(reverse("moderation:queue"), params))
        params = {"action": filter_value, "actor": filter_value, "since": filter_value}
        _assert_not_a_server_error(client.get(reverse("moderation:log"), params))
        url = reverse("moderation:post-action", args=[question.pk, "lock"])
        _assert_not_a_server_error(client.post(url, {"reason": reason}))

    check()
