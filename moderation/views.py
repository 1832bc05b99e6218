from __future__ import annotations

import csv
from datetime import datetime, time
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import ratelimit
from forum.models import Post, PostStatus
from forum.permissions import check_can_post
from moderation import forms, notify, services
from moderation.checks.model import load_model
from moderation.help import contact_message, help_for
from moderation.learning import PRECISION_WINDOW_DAYS, check_precision
from moderation.models import Appeal, Flag, MemberNotice, ModerationAction
from moderation.permissions import can_decide_appeal, moderator_required
from moderation.queue import (
    HARM_ORDER,
    attach_context,
    overdue_cutoff,
    queue_posts,
    with_flags,
    with_previous_answers,
)

QUEUE_PAGE_SIZE = 25
LOG_PAGE_SIZE = 100


# --- The queue ------------------------------------------------------------------------


@require_GET
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    filters = forms.QueueFilterForm(request.GET or None)
    reason = source = ""
    if filters.is_valid():
        reason, source = filters.cleaned_data["reason"], filters.cleaned_data["source"]
    posts = with_previous_answers(with_flags(queue_posts(reason=reason, source=source)))
    page = Paginator(posts, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    attach_context(page.object_list)
    for item in page.object_list:
        if item.is_urgent:
            item.contact_form = _contact_form(request, item, auto_id=f"id_%s_{item.pk}")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "filters": filters,
            "query_prefix": f"{query.urlencode()}&" if query else "",
            "overdue_before": overdue_cutoff(),
            "pending_appeals": Appeal.objects.filter(state=Appeal.State.PENDING).count(),
            "harm_order": HARM_ORDER,
        },
    )


def _contact_form(request: HttpRequest, post: Post, **kwargs) -> forms.ContactMemberForm:
    """The prepared, editable message for a member whose post reads as crisis or urgent."""
    message = contact_message(post=post, moderator=request.user)
    return forms.ContactMemberForm(prefix="contact", initial={"message": message}, **kwargs)


def _review_context(request: HttpRequest, post: Post, **forms_in_error) -> dict:
    items = list(with_previous_answers(Post.objects.filter(pk=post.pk)))
    attach_context(items)
    item = items[0]
    all_flags = list(post.flags.select_related("reporter", "resolved_by").order_by("-created_at"))
    post.open_flags = [f for f in all_flags if f.state == Flag.State.OPEN]
    is_urgent = any(f.is_urgent for f in post.open_flags)
    action_forms = {
        "contact": _contact_form(request, post) if is_urgent else None,
        "not-urgent": forms.NotUrgentForm(prefix="not-urgent"),
        "approve": forms.OptionalReasonForm(prefix="approve"),
        "remove": forms.ReasonForm(prefix="remove"),
        "return": forms.FeedbackForm(prefix="return"),
        "edit": forms.RedactForm(prefix="edit", initial={"body": post.body}),
        "lock": forms.OptionalReasonForm(prefix="lock"),
        "unlock": forms.OptionalReasonForm(prefix="unlock"),
        "mark-rx": forms.ConfirmForm(prefix="mark-rx"),
        "clear-rx": forms.ReasonForm(prefix="clear-rx"),
        "warn": forms.WarnForm(prefix="warn"),
        "suspend": forms.SuspendForm(prefix="suspend"),
        "unsuspend": forms.OptionalReasonForm(prefix="unsuspend"),
    }
    action_forms.update(forms_in_error)
    action_forms = {name.replace("-", "_"): form for name, form in action_forms.items()}
    return {
        "item": item,
        "post": post,
        "is_urgent": is_urgent,
        "flags": all_flags,
        "revisions": post.revisions.select_related("editor").order_by("-created_at")[:10],
        "history": ModerationAction.objects.filter(subject_id=post.author_id)
        .select_related("actor")
        .order_by("-created_at")[:20],
        "action_forms": action_forms,
    }


def _moderated_post(post_id: int) -> Post:
    return get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=post_id)


@require_GET
@moderator_required
def post_review(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _moderated_post(post_id)
    return render(request, "moderation/post_review.html", _review_context(request, post))


def _thread_action(service):
    return lambda moderator, post, data: service(
        moderator=moderator, thread=post.thread, reason=data.get("reason", "")
    )


# Each action: the form it reads and the service it calls (one verb-named function each).
POST_ACTIONS = {
    "approve": (
        forms.OptionalReasonForm,
        lambda m, post, d: services.approve_post(moderator=m, post=post, reason=d["reason"]),
    ),
    "remove": (
        forms.ReasonForm,
        lambda m, post, d: services.remove_post(moderator=m, post=post, reason=d["reason"]),
    ),
    "return": (
        forms.FeedbackForm,
        lambda m, post, d: services.return_post(moderator=m, post=post, feedback=d["feedback"]),
    ),
    "edit": (
        forms.RedactForm,
        lambda m, post, d: services.redact_post(
            moderator=m, post=post, body=d["body"], reason=d["reason"]
        ),
    ),
    "lock": (forms.OptionalReasonForm, _thread_action(services.lock_thread)),
    "unlock": (forms.OptionalReasonForm, _thread_action(services.unlock_thread)),
    "mark-rx": (
        forms.ConfirmForm,
        lambda m, post, d: services.confirm_prescription_question(moderator=m, thread=post.thread),
    ),
    "clear-rx": (forms.ReasonForm, _thread_action(services.clear_prescription_question)),
    "contact": (
        forms.ContactMemberForm,
        lambda m, post, d: services.contact_member(moderator=m, post=post, message=d["message"]),
    ),
    "not-urgent": (
        forms.NotUrgentForm,
        lambda m, post, d: services.clear_urgent_flags(moderator=m, post=post, reason=d["reason"]),
    ),
    "warn": (
        forms.WarnForm,
        lambda m, post, d: services.warn_member(
            moderator=m, member=post.author, message=d["message"], post=post
        ),
    ),
    "suspend": (
        forms.SuspendForm,
        lambda m, post, d: services.suspend_member(
            moderator=m, member=post.author, until=d["until"], reason=d["reason"]
        ),
    ),
    "unsuspend": (
        forms.OptionalReasonForm,
        lambda m, post, d: services.lift_suspension(
            moderator=m, member=post.author, reason=d["reason"]
        ),
    ),
}


# What the moderator reads after an action (the rest: "Done: <action>.").
DONE = {
    "contact": gettext_lazy("Your message has been sent to %(name)s, and the flag is confirmed."),
    "not-urgent": gettext_lazy("Cleared: not a crisis or not urgent. Thank you for the reason."),
}


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_POST
@moderator_required
def post_action(request: HttpRequest, post_id: int, action: str) -> HttpResponse:
    post = _moderated_post(post_id)
    if action not in POST_ACTIONS:
        raise Http404
    form_class, perform = POST_ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            changed = perform(request.user, post, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(
                    request,
                    str(DONE.get(action, _("Done: %(action)s.")))
                    % {
                        "action": action,
                        "name": post.author.public_name,
                    },
                )
            else:
                messages.info(request, _("Nothing to change: it was already done."))
            return redirect(_next_url(request, reverse("moderation:post", args=[post.pk])))
    context = _review_context(request, post, **{action: form})
    return render(request, "moderation/post_review.html", context, status=HTTPStatus.BAD_REQUEST)


@require_POST
@moderator_required
def bulk_action(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("post_ids") if i.isdigit()]
    queue_ids = list(queue_posts().filter(pk__in=ids).values_list("pk", flat=True))
    form = forms.BulkForm(request.POST, queue_ids=queue_ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_next_url(request, reverse("moderation:queue")))
    posts = list(Post.objects.filter(pk__in=form.cleaned_data["post_ids"]))
    if form.cleaned_data["action"] == "approve":
        changed = services.bulk_approve(moderator=request.user, posts=posts)
    else:
        changed = services.bulk_remove(
            moderator=request.user, posts=posts, reason=form.cleaned_data["reason"]
        )
    messages.success(request, _("%(n)d post(s) changed.") % {"n": changed})
    return redirect(_next_url(request, reverse("moderation:queue")))


# --- Audit log --------------------------------------------------------------------------


def _filtered_log(request: HttpRequest):
    filters = forms.LogFilterForm(request.GET or None)
    actions = ModerationAction.objects.select_related("actor", "subject").order_by(
        "-created_at", "-id"
    )
    if filters.is_valid():
        data = filters.cleaned_data
        if data["action"]:
            actions = actions.filter(action=data["action"])
        if data["actor"]:
            actions = actions.filter(actor=data["actor"])
        if data["since"]:
            start = timezone.make_aware(datetime.combine(data["since"], time.min))
            actions = actions.filter(created_at__gte=start)
        if data["until"]:
            end = timezone.make_aware(datetime.combine(data["until"], time.max))
            actions = actions.filter(created_at__lte=end)
    return filters, actions


class _Echo:
    def write(self, value):
        return value


@require_GET
@moderator_required
def checks(request: HttpRequest) -> HttpResponse:
    """How often moderators agreed with each automatic check over the last 30 days."""
    model = load_model()
    return render(
        request,
        "moderation/checks.html",
        {
            "rows": check_precision(),
            "days": PRECISION_WINDOW_DAYS,
            "model_version": model.version,
            "thresholds": model.thresholds,
        },
    )


@require_GET
@moderator_required
def log(request: HttpRequest) -> HttpResponse:
    filters, actions = _filtered_log(request)
    if request.GET.get("format") == "csv":
        writer = csv.writer(_Echo())
        header = ["when", "who", "who id", "action", "action code", "target type", "target id"]
        header += ["target", "member", "member id", "reason", "before", "after"]

        def person(user) -> str:
            return user.public_name if user else ""

        def rows():
            yield writer.writerow(header)
            for a in actions.iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        a.created_at.isoformat(),
                        person(a.actor) or "system",
                        a.actor_id or "",
                        a.action_words,
                        a.action,
                        a.target_type,
                        a.target_id,
                        a.target_label,
                        person(a.subject),
                        a.subject_id or "",
                        a.reason,
                        a.before,
                        a.after,
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="moderation-log.csv"'
        return response
    page = Paginator(actions, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/log.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "query_prefix": f"{query.urlencode()}&" if query else "",
        },
    )


# --- Appeals (moderators) ---------------------------------------------------------------


@require_GET
@moderator_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    appeals = Appeal.objects.select_related("appellant", "action__actor", "decided_by").order_by(
        "state", "created_at"
    )
    page = Paginator(appeals, 50).get_page(request.GET.get("page"))
    # The appealed post beside each appeal against a removal (one query for the page).
    post_ids = [a.action.target_id for a in page if a.action.target_type == "forum.post"]
    posts = Post.objects.select_related("thread", "author").in_bulk(
        [int(i) for i in post_ids if i.isdigit()]
    )
    for appeal in page:
        if appeal.action.target_type == "forum.post" and appeal.action.target_id.isdigit():
            appeal.post = posts.get(int(appeal.action.target_id))
    return render(
        request, "moderation/appeal_list.html", {"page": page, "form": forms.DecideAppealForm()}
    )


@require_POST
@moderator_required
def appeal_decide(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = get_object_or_404(Appeal.objects.select_related("action"), pk=appeal_id)
    if not can_decide_appeal(request.user, appeal):
        raise PermissionDenied(_("Another moderator must decide this appeal."))
    form = forms.DecideAppealForm(request.POST)
    if form.is_valid():
        changed = services.decide_appeal(
            moderator=request.user,
            appeal=appeal,
            overturn=form.cleaned_data["decision"] == "overturn",
            note=form.cleaned_data["note"],
        )
        if changed:
            messages.success(request, _("Appeal decided; the member has been told."))
        else:
            messages.info(request, _("This appeal was already decided."))
        return redirect("moderation:appeals")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("moderation:appeals")


# --- Members: report a post, resubmit, appeal, notices, crisis support -------------------


def _published_post(request: HttpRequest, post_id: int) -> Post:
    # Someone else's held, removed or withdrawn post is not there to report: 404.
    return get_object_or_404(
        Post.objects.visible_to(request.user)
        .filter(Q(status=PostStatus.PUBLISHED) | Q(author=request.user))
        .select_related("thread", "author"),
        pk=post_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def flag_create(request: HttpRequest, post_id: int) -> HttpResponse:
    check_can_post(request.user)
    post = _published_post(request, post_id)
    form = forms.FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ratelimit.consume(request, "flag")  # over the limit: the friendly 429 page
        try:
            services.flag_post(
                reporter=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if error.code in {"already_flagged", "not_published"}:
                messages.info(request, error.messages[0])
                return redirect(post.get_absolute_url())
            form.add_error(None, error)
        else:
            if form.cleaned_data["reason"] == Flag.Reason.CRISIS:
                messages.success(
                    request,
                    _("Thank you. The moderators have been alerted and will look at it first."),
                )
            else:
                messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(post.get_absolute_url())
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request, "moderation/flag_create.html", {"post": post, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_resubmit(request: HttpRequest, post_id: int) -> HttpResponse:
    check_can_post(request.user)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id, author=request.user)
    if post.status != PostStatus.RETURNED:
        messages.info(request, _("This post is not waiting for your changes."))
        return redirect(post.get_absolute_url())
    initial = {"body": post.body, "title": post.thread.title if post.is_question else ""}
    form = forms.FeedbackResubmitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.resubmit_post(
            author=request.user,
            post=post,
            body=form.cleaned_data["body"],
            title=form.cleaned_data["title"] or None,
        )
        messages.success(request, _("Thank you. A moderator will look at your changes."))
        return redirect(post.get_absolute_url())
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request, "moderation/post_resubmit.html", {"post": post, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_create(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        ModerationAction.objects.select_related("appeal"),
        pk=action_id,
        subject=request.user,
        action__in=services.APPEALABLE_ACTIONS,
    )
    existing = getattr(action, "appeal", None)
    form = forms.AppealForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.file_appeal(
                appellant=request.user, action=action, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your appeal has been sent to the moderators."))
            return redirect("moderation-member:appeal", action_id=action.pk)
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request,
        "moderation/appeal_create.html",
        {"action": action, "appeal": existing, "form": form},
        status=status,
    )


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = MemberNotice.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    unread = [n.pk for n in page.object_list if n.read_at is None]
    if unread:
        notify.mark_notices_read(user=request.user, notice_ids=unread)
    appeals = set(Appeal.objects.filter(appellant=request.user).values_list("action_id", flat=True))
    return render(
        request,
        "moderation/notice_list.html",
        {"page": page, "unread": set(unread), "appealed": appeals},
    )


# The two help pages, by the kind of help (moderation.help): crisis helplines, and when to
# call instead of posting with the urgent-care numbers. Linked from every page's footer.
HELP_PAGES = {"crisis": "moderation/crisis_support.html", "urgent": "moderation/urgent_care.html"}


@require_GET
def help_page(request: HttpRequest, kind: str) -> HttpResponse:
    """Her country's numbers first; the urgent page is also for the urgent posts the checks
    miss and for readers who never post."""
    numbers = help_for(kind, request.user, request)
    return render(request, HELP_PAGES[kind], {"numbers": numbers, "moment": ""})
