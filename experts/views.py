from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import ExpertProfile
from experts import dashboard as dashboard_data
from experts import digest, permissions, services
from experts import verification as account_services
from experts.forms import (
    LINK_WARNING,
    ArticleForm,
    ArticleReviewForm,
    ExpertApplicationForm,
    ExpertSettingsForm,
    VideoForm,
)
from experts.models import Article, ArticleStatus, VideoAnswer
from forum.models import Post, PostStatus, Thread
from forum.permissions import check_can_post
from forum.views import weekly_email_switch
from moderation.models import Flag

# --- The list, the public profile, applying ------------------------------------------------


def _public_profiles():
    return ExpertProfile.objects.filter(
        status=ExpertProfile.Status.VERIFIED, user__is_active=True, user__deleted_at__isnull=True
    )


@require_GET
def expert_list(request: HttpRequest) -> HttpResponse:
    experts = _public_profiles().order_by("professional_name", "pk")
    return render(request, "experts/expert_list.html", {"experts": experts})


@require_GET
def expert_profile(request: HttpRequest, profile_id: int) -> HttpResponse:
    """The expert's public page: professional details, articles and expert answers.

    Links to the member account only when the expert chose to link the two.
    """
    profile = get_object_or_404(_public_profiles().select_related("user"), pk=profile_id)
    articles = list(
        Article.objects.published().filter(author=profile).order_by("-published_at", "-id")[:20]
    )
    visible_threads = Thread.objects.visible_to(request.user).exclude(status="withdrawn")
    answers = list(
        Post.objects.filter(
            author_id=profile.user_id,
            disclaimer__isnull=False,
            is_question=False,
            status=PostStatus.PUBLISHED,
            thread__in=visible_threads.values("pk"),
        )
        .select_related("thread")
        .only("id", "created_at", "helpful_count", "thread__id", "thread__title", "thread__slug")
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "experts/profile.html",
        {"profile": profile, "articles": articles, "answers": answers},
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_apply(request: HttpRequest) -> HttpResponse:
    """Apply to answer as a verified expert.

    From an account that has posted, the page recommends a separate expert account and
    asks for a recorded agreement before linking the expert profile to this one.
    """
    if request.method == "POST":
        check_can_post(request.user)
    profile = ExpertProfile.objects.filter(user=request.user).first()
    may_apply = account_services.can_apply(profile)
    has_posted = Post.objects.filter(author=request.user).exists()
    form = (
        ExpertApplicationForm(request.POST or None, needs_link_consent=has_posted)
        if may_apply
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("confirm", "link_consent")}
        consent = str(LINK_WARNING) if form.cleaned_data.get("link_consent") else ""
        account_services.apply_for_expert(user=request.user, link_consent_text=consent, **data)
        messages.success(
            request,
            _("Thank you for applying. Staff will check your details and e-mail you."),
        )
        return redirect("experts:apply")
    status = HTTPStatus.BAD_REQUEST if form is not None and form.errors else HTTPStatus.OK
    separate_next = f"{reverse('account_signup')}?next={reverse('experts:apply')}"
    return render(
        request,
        "experts/apply.html",
        {
            "form": form,
            "profile": profile,
            "has_posted": has_posted,
            "link_warning": LINK_WARNING,
            "separate_next": separate_next,
        },
        status=status,
    )


# --- The dashboard -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = permissions.verified_profile_or_403(request.user)
    chosen = services.settings_for(profile)
    category_ids = list(chosen.categories.values_list("pk", flat=True))
    form = ExpertSettingsForm(
        # Bound on every POST: unticking every box sends no fields at all.
        request.POST if request.method == "POST" else None,
        initial={"categories": category_ids, "weekly_digest": chosen.weekly_digest},
    )
    if request.method == "POST":
        if form.is_valid():
            services.save_settings(
                profile=profile,
                categories=form.cleaned_data["categories"],
                weekly_digest=form.cleaned_data["weekly_digest"],
            )
            messages.success(request, _("Your dashboard settings are saved."))
            return redirect("experts:dashboard")
        return render(
            request,
            "experts/dashboard.html",
            _dashboard_context(profile, category_ids, form),
            status=HTTPStatus.BAD_REQUEST,
        )
    return render(
        request, "experts/dashboard.html", _dashboard_context(profile, category_ids, form)
    )


def _dashboard_context(profile: ExpertProfile, category_ids: list[int], form) -> dict:
    top_answers, totals = dashboard_data.answers_and_votes(profile)
    return {
        "profile": profile,
        "form": form,
        "waiting": dashboard_data.waiting_questions(profile, category_ids),
        "has_categories": bool(category_ids),
        "mentions": dashboard_data.mentioning_threads(profile),
        "top_answers": top_answers,
        "totals": totals,
        "articles": list(profile.articles.order_by("-created_at", "-id")[:20]),
    }


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def digest_off(request: HttpRequest, token: str) -> HttpResponse:
    """Stop the weekly e-mail from the link in it, without logging in. GET only asks (mail
    scanners open links); the button POSTs, as does a one-click unsubscribe."""
    return weekly_email_switch(
        request,
        token,
        read_token=digest.read_digest_off_token,
        switch=lambda profile_id, on: services.set_weekly_digest(profile_id=profile_id, on=on),
        template="experts/digest_off.html",
    )


# --- Articles ------------------------------------------------------------------------


def _get_article_for_view(request: HttpRequest, article_id: int) -> Article:
    return get_object_or_404(
        Article.objects.visible_to(request.user).select_related("author", "category", "disclaimer"),
        pk=article_id,
    )


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.published()
        .select_related("author", "category")
        .order_by("-published_at", "-id")[:50]
    )
    return render(request, "experts/article_list.html", {"articles": articles})


@require_GET
def article_detail(request: HttpRequest, article_id: int, slug: str) -> HttpResponse:
    article = _get_article_for_view(request, article_id)
    if slug != article.slug:
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    return render(
        request,
        "experts/article_detail.html",
        {
            "article": article,
            "can_edit": permissions.can_edit_article(request.user, article),
            "can_review": permissions.can_review_articles(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request: HttpRequest) -> HttpResponse:
    check_can_post(request.user)
    profile = permissions.verified_profile_or_403(request.user)
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = services.submit_article(profile=profile, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Thank you. Your article is saved and waits for a moderator to read it before "
                "it is published."
            ),
        )
        return redirect(article)
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(request, "experts/article_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    check_can_post(request.user)
    article = _get_article_for_view(request, article_id)
    if not permissions.can_edit_article(request.user, article):
        raise PermissionDenied
    initial = {
        "title": article.title,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
    }
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.edit_article(article=article, editor=request.user, **form.cleaned_data)
        if changed:
            messages.success(
                request,
                _("Your changes are saved. A moderator will read them before they are shown."),
            )
        article.refresh_from_db()
        return redirect(article)
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request, "experts/article_form.html", {"form": form, "article": article}, status=status
    )


@login_required
@require_GET
def article_review_list(request: HttpRequest) -> HttpResponse:
    permissions.check_can_review_articles(request.user)
    pending = (
        Article.objects.filter(status=ArticleStatus.PENDING)
        .select_related("author", "category")
        .order_by("created_at", "id")
    )
    return render(request, "experts/article_review_list.html", {"articles": pending})


@login_required
@require_http_methods(["GET", "POST"])
def article_review(request: HttpRequest, article_id: int) -> HttpResponse:
    permissions.check_can_review_articles(request.user)
    article = get_object_or_404(
        Article.objects.select_related("author", "category", "disclaimer"), pk=article_id
    )
    form = ArticleReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("action") == "publish":
                done = services.publish_article(article=article, moderator=request.user, note=note)
                success = _("The article is published.")
            else:
                done = services.return_article(article=article, moderator=request.user, note=note)
                success = _("The article is returned to its author with your note.")
        except ValidationError as error:
            form.add_error("note", error)
        else:
            if done:
                messages.success(request, success)
            else:
                messages.info(request, _("Someone has already decided on this article."))
            return redirect("experts:article-review-list")
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    revisions = list(article.revisions.select_related("editor").order_by("-created_at")[:20])
    # Promotion first (a clinic article is where it hides), each named in plain words.
    reasons = dict(Flag.Reason.choices)
    findings = [
        {"label": label, "name": reasons.get(label, label), **finding}
        for label, finding in sorted(
            (article.check_findings or {}).items(), key=lambda item: item[0] != "promotion"
        )
    ]
    return render(
        request,
        "experts/article_review.html",
        {"article": article, "form": form, "revisions": revisions, "findings": findings},
        status=status,
    )


# --- Videos on answers ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def video_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    """Add, change or remove the video on the expert's own answer."""
    check_can_post(request.user)
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    if not permissions.can_attach_video(request.user, post):
        raise Http404
    video = VideoAnswer.objects.filter(post=post).first()
    if request.method == "POST" and request.POST.get("action") == "remove":
        services.remove_video(post=post)
        messages.success(request, _("The video is removed; your written answer stays."))
        return redirect(post.get_absolute_url())
    initial = (
        {"url": video.url, "title": video.title, "transcript": video.transcript} if video else {}
    )
    form = VideoForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.attach_video(post=post, **form.cleaned_data)
        messages.success(request, _("The video is added to your answer."))
        return redirect(post.get_absolute_url())
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    return render(
        request,
        "experts/video_form.html",
        {"form": form, "post": post, "video": video},
        status=status,
    )
