from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from community import deletion
from community.export import member_data
from community.forms import AccountDeletionForm, ProfileForm
from forum.models import Post, Thread
from forum.permissions import check_can_post


@require_GET
def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(
        get_user_model().objects.select_related("expert_profile"), username=username, is_active=True
    )
    # The page points at her expert page only when she chose to link the two (after the
    # warning); otherwise nothing here says she is an expert.
    expert = getattr(member, "expert_profile", None)
    linked_expert = expert if expert and expert.linked_to_member and expert.is_verified else None
    visible_threads = Thread.objects.visible_to(request.user).exclude(status="withdrawn")
    threads = (
        visible_threads.filter(author=member)
        .select_related("category")
        .order_by("-created_at")[:20]
    )
    # Only answers in threads the visitor may open: a held question's title stays private.
    # Answers written as a verified expert are shown under the professional name only.
    answers = (
        Post.objects.visible_to(request.user)
        .under_member_name(member)
        .filter(is_question=False, status="published")
        .filter(thread__in=visible_threads.values("pk"))
        .select_related("thread")
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "accounts/profile.html",
        {"member": member, "threads": threads, "answers": answers, "linked_expert": linked_expert},
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The member's public name, place and e-mail preference."""
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "location": user.location,
            "notify_on_answers": user.notify_on_answers,
        },
    )
    if request.method == "POST":
        check_can_post(user)
        if form.is_valid():
            user.display_name = form.cleaned_data["display_name"]
            user.location = form.cleaned_data["location"]
            user.notify_on_answers = form.cleaned_data["notify_on_answers"]
            user.save(update_fields=["display_name", "location", "notify_on_answers"])
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile-edit")
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(request, "accounts/profile_edit.html", {"form": form}, status=status)


@login_required
@require_GET
@never_cache
def data_export(request: HttpRequest) -> HttpResponse:
    """Download everything the member wrote and did, as JSON."""
    data = member_data(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="my-forum-data-{request.user.pk}-{stamp}.json"'
    )
    return response


@login_required
@never_cache
def account_delete(request: HttpRequest) -> HttpResponse:
    """Ask for the password again, then start a cool-off the member can cancel."""
    user = request.user
    pending = deletion.open_deletion_for(user)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if deletion.cancel_deletion(user=user):
            messages.success(request, _("Your account will not be deleted."))
        return redirect("accounts:delete")
    form = AccountDeletionForm(request.POST or None, user=user)
    if request.method == "POST" and pending is None and form.is_valid():
        pending = deletion.request_deletion(
            user=user, withdraw_posts=form.cleaned_data["withdraw_posts"]
        )
        messages.success(
            request,
            _("Your account will be deleted after %(when)s unless you cancel.")
            % {"when": date_format(timezone.localtime(pending.due_at), "DATETIME_FORMAT")},
        )
        return redirect("accounts:delete")
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request,
        "accounts/account_delete.html",
        {
            "form": form,
            "pending": pending,
            "cool_off_hours": settings.ACCOUNT_DELETION_COOL_OFF_HOURS,
        },
        status=status,
    )
