"""State changes in moderation. Each one writes its audit row in the same transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum import cache as page_cache
from forum.models import Post, PostRevision, PostStatus, Thread
from forum.notifications import notify_followers_of
from forum.rendering import render_markdown
from forum.services import edit_post, set_post_status, update_search_vector
from moderation.audit import log_action
from moderation.learning import SAFETY_LABELS, open_auto_flags, record_decisions
from moderation.masking import apply_contact_masking
from moderation.models import Appeal, Flag, ModerationAction, TrainingExample
from moderation.notify import alert_moderators, notify_member
from moderation.permissions import can_decide_appeal

# --- Prescription questions (issue 3) ------------------------------------------------


def _resolve_prescription_flags(*, thread, moderator, state: str) -> int:
    flags = Flag.objects.filter(
        post__thread=thread,
        post__is_question=True,
        source=Flag.Source.AUTO,
        reason=Flag.Reason.PRESCRIPTION_CHANGE,
        state=Flag.State.OPEN,
    )
    accepted = state == Flag.State.ACCEPTED
    record_decisions(
        flags=open_auto_flags(flags),
        decision=TrainingExample.Decision.CONFIRMED
        if accepted
        else TrainingExample.Decision.CLEARED,
        moderator=moderator,
        holds=lambda flag: accepted,
    )
    return flags.update(state=state, resolved_by=moderator, resolved_at=timezone.now())


def _check_moderator(user) -> None:
    if not (user.is_authenticated and user.can_moderate):
        raise PermissionDenied


@transaction.atomic
def confirm_prescription_question(*, moderator, thread) -> bool:
    """Agree that the question asks about changing a prescription: mark the thread (if it
    is not yet) and close its open automatic flag as accepted. Returns whether anything changed.
    """
    _check_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    was_marked = thread.is_prescription_question
    if not was_marked:
        thread.is_prescription_question = True
        thread.save(update_fields=["is_prescription_question"])
    resolved = _resolve_prescription_flags(
        thread=thread, moderator=moderator, state=Flag.State.ACCEPTED
    )
    if was_marked and not resolved:
        return False
    log_action(
        actor=moderator,
        action="confirm_prescription_question",
        target=thread,
        before="marked" if was_marked else "not marked",
        after="marked",
    )
    return True


@transaction.atomic
def clear_prescription_question(*, moderator, thread, reason: str) -> bool:
    """Take the "Prescription question" mark off a thread the check read wrongly, and close
    its open automatic flag as rejected. Needs a reason. Returns whether anything changed.
    """
    _check_moderator(moderator)
    if not reason.strip():
        raise ValidationError(
            _("Please say why this is not a prescription question."), code="reason_required"
        )
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    was_marked = thread.is_prescription_question
    if was_marked:
        thread.is_prescription_question = False
        thread.save(update_fields=["is_prescription_question"])
    resolved = _resolve_prescription_flags(
        thread=thread, moderator=moderator, state=Flag.State.REJECTED
    )
    if not was_marked and not resolved:
        return False
    log_action(
        actor=moderator,
        action="clear_prescription_question",
        target=thread,
        reason=reason.strip(),
        before="marked" if was_marked else "not marked",
        after="not marked",
    )
    return True


# --- The review queue: flags, post decisions, members, appeals (issue 5) ----------------
#
# Every function below is keyword-only, runs in one transaction, is safe to repeat, returns
# whether anything changed and writes exactly one ModerationAction row when it did.


def _content_changed(*, thread_id: int) -> None:
    """Drop cached pages that show the thread, for changes here that are not a post's status
    (flags, redactions, locks): some use .update(), which the page cache's signals miss."""
    page_cache.bump(thread=thread_id)


def _locked_post(post):
    return Post.objects.select_for_update().select_related("thread", "author").get(pk=post.pk)


def _resolve_open_flags(post, *, moderator, decision: str, accept: set[str] | None = None) -> int:
    """Close the post's open flags: reasons in `accept` (None = all) accepted, others rejected.

    The decision on each automatic flag of a learned check is kept as a training example
    (``moderation.learning``), except the safety flags, which only an explicit confirm or
    clear decides.
    """
    now = timezone.now()
    open_flags = Flag.objects.filter(post=post, state=Flag.State.OPEN)

    def holds(flag):
        if flag.reason in SAFETY_LABELS:
            return None
        return accept is None or flag.reason in accept

    record_decisions(
        flags=open_auto_flags(open_flags), decision=decision, moderator=moderator, holds=holds
    )
    if accept is None:
        return open_flags.update(state=Flag.State.ACCEPTED, resolved_by=moderator, resolved_at=now)
    accepted = open_flags.filter(reason__in=accept).update(
        state=Flag.State.ACCEPTED, resolved_by=moderator, resolved_at=now
    )
    rejected = open_flags.update(state=Flag.State.REJECTED, resolved_by=moderator, resolved_at=now)
    return accepted + rejected


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(message, code="required")
    return text


# Flags -----------------------------------------------------------------------------------

USER_FLAG_REASONS = (
    Flag.Reason.SPAM,
    Flag.Reason.ABUSE,
    Flag.Reason.MISINFORMATION,
    Flag.Reason.PRESCRIPTION_CHANGE,
    Flag.Reason.CONTACT_INFO,
    Flag.Reason.CRISIS,
    Flag.Reason.OTHER,
)


@transaction.atomic
def flag_post(*, reporter, post, reason: str, note: str = "") -> Flag:
    """A member reports a post. One open report per member per post; enough different
    members (MODERATION_HIDE_AFTER_FLAGS) hide it until a moderator looks.
    """
    if reason not in USER_FLAG_REASONS:
        raise ValidationError(_("Please choose a reason from the list."), code="invalid_reason")
    post = _locked_post(post)
    if post.author_id == reporter.pk:
        raise ValidationError(_("You cannot report your own post."), code="own_post")
    if post.status != PostStatus.PUBLISHED:
        raise ValidationError(_("This post is already with the moderators."), code="not_published")
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post,
                source=Flag.Source.USER,
                reason=reason,
                note=note.strip(),
                reporter=reporter,
                is_urgent=reason == Flag.Reason.CRISIS,
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already reported this post. A moderator will look at it soon."),
            code="already_flagged",
        ) from None
    if flag.is_urgent:
        alert_moderators(post=post)
    reporters = (
        Flag.objects.filter(post=post, source=Flag.Source.USER, state=Flag.State.OPEN)
        .values("reporter")
        .distinct()
        .count()
    )
    # Someone at risk stays visible: hiding their words would not help them.
    has_crisis = Flag.objects.filter(
        post=post, state=Flag.State.OPEN, reason=Flag.Reason.CRISIS
    ).exists()
    if reporters >= settings.MODERATION_HIDE_AFTER_FLAGS and not has_crisis:
        why = _("Several members reported it, so it is hidden until a moderator has looked.")
        set_post_status(post, status=PostStatus.PENDING, reason=why)
        log_action(
            actor=None,
            action="hide_after_reports",
            target=post,
            reason=f"{reporters} members reported it",
            before=PostStatus.PUBLISHED,
            after=PostStatus.PENDING,
        )
        notify_member(
            user=post.author,
            kind="held",
            message=_("Your post is waiting for a moderator. %(why)s") % {"why": why},
            url=post.get_absolute_url(),
        )
    return flag


@transaction.atomic
def decide_flag(*, moderator, flag: Flag, holds: bool, reason: str = "") -> bool:
    """Agree (holds) or disagree with one flag without touching the post.

    For a crisis or urgent-symptom flag this is how a moderator says whether the check read
    the person rightly; for a member's report, whether the report was right.  Clearing needs
    a reason.  The decision on an automatic flag becomes a training example.
    """
    _check_moderator(moderator)
    flag = Flag.objects.select_for_update().select_related("post__thread").get(pk=flag.pk)
    if flag.state != Flag.State.OPEN:
        return False
    if not holds:
        reason = _required(reason, _("Please say why the flag does not fit."))
    record_decisions(
        flags=[flag],
        decision=TrainingExample.Decision.CONFIRMED if holds else TrainingExample.Decision.CLEARED,
        moderator=moderator,
        holds=lambda f: holds,
    )
    flag.state = Flag.State.ACCEPTED if holds else Flag.State.REJECTED
    flag.resolved_by = moderator
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["state", "resolved_by", "resolved_at"])
    log_action(
        actor=moderator,
        action="confirm_flag" if holds else "clear_flag",
        target=flag.post,
        reason=reason.strip() or flag.get_reason_display(),
        before=Flag.State.OPEN,
        after=flag.state,
    )
    _content_changed(thread_id=flag.post.thread_id)
    return True


@transaction.atomic
def contact_member(*, moderator, post, message: str) -> bool:
    """The main action on a crisis or urgent-symptom item: send the member a kind message
    with the numbers to call (a notice on the site and an e-mail), and confirm the post's
    urgent flags (the check read her rightly). Every message sent counts, so this always
    changes something.
    """
    _check_moderator(moderator)
    message = _required(message, _("Please write the message the member will read."))
    log_action(actor=moderator, action="contact_member", target=post, reason=message)
    notify_member(user=post.author, kind="support", message=message, url=post.get_absolute_url())
    for flag in Flag.objects.filter(post=post, state=Flag.State.OPEN, is_urgent=True):
        decide_flag(moderator=moderator, flag=flag, holds=True, reason=_("Member contacted"))
    return True


@transaction.atomic
def clear_urgent_flags(*, moderator, post, reason: str) -> bool:
    """ "Not a crisis / not urgent": the check misread the post. Needs a reason; each open
    urgent flag is cleared (and kept as a training example). Returns whether any was open.
    """
    _check_moderator(moderator)
    reason = _required(reason, _("Please say why this is not a crisis or not urgent."))
    changed = False
    for flag in Flag.objects.filter(post=post, state=Flag.State.OPEN, is_urgent=True):
        changed |= decide_flag(moderator=moderator, flag=flag, holds=False, reason=reason)
    return changed


# Decisions on a post ---------------------------------------------------------------------


@transaction.atomic
def approve_post(*, moderator, post, reason: str = "") -> bool:
    """Publish a held post, or keep a flagged one: its open flags are closed (a crisis flag
    as accepted, since the person was looked after; the rest as rejected).
    """
    _check_moderator(moderator)
    post = _locked_post(post)
    allowed = {PostStatus.PENDING, PostStatus.PUBLISHED, PostStatus.REMOVED}
    if post.status not in allowed:
        raise ValidationError(
            _("Only a held, published or removed post can be approved."), code="invalid_state"
        )
    was_published = post.status == PostStatus.PUBLISHED
    resolved = _resolve_open_flags(
        post,
        moderator=moderator,
        decision=TrainingExample.Decision.APPROVED,
        accept={Flag.Reason.CRISIS, Flag.Reason.URGENT_SYMPTOM},
    )
    if was_published and not resolved:
        return False
    before = post.status
    if not was_published:
        set_post_status(post, status=PostStatus.PUBLISHED, reason="")
    log_action(
        actor=moderator,
        action="approve",
        target=post,
        reason=reason.strip() or f"{resolved} flag(s) closed",
        before=before,
        after=PostStatus.PUBLISHED,
    )
    if not was_published:
        notify_member(
            user=post.author,
            kind="approved",
            message=_("A moderator has approved your post; everyone can see it now."),
            url=post.get_absolute_url(),
        )
        notify_followers_of(post)
    return True


@transaction.atomic
def remove_post(*, moderator, post, reason: str) -> bool:
    """Take a post down (soft): it is kept and shown as "removed by a moderator"."""
    _check_moderator(moderator)
    reason = _required(reason, _("Please give a reason; the author and readers see it."))
    post = _locked_post(post)
    if post.status == PostStatus.REMOVED:
        return False
    before = set_post_status(post, status=PostStatus.REMOVED, reason=reason)
    _resolve_open_flags(post, moderator=moderator, decision=TrainingExample.Decision.REMOVED)
    action = log_action(
        actor=moderator,
        action="remove",
        target=post,
        reason=reason,
        before=before,
        after=PostStatus.REMOVED,
    )
    notify_member(
        user=post.author,
        kind="removed",
        message=_("A moderator removed your post: %(reason)s") % {"reason": reason},
        url=reverse("moderation-member:appeal", kwargs={"action_id": action.pk}),
    )
    return True


@transaction.atomic
def return_post(*, moderator, post, feedback: str) -> bool:
    """Send a post back to its author with feedback. Only they and moderators see it until
    they edit and resubmit it; their text is kept as written.
    """
    _check_moderator(moderator)
    feedback = _required(feedback, _("Please tell the author what to change."))
    post = _locked_post(post)
    if post.status == PostStatus.RETURNED:
        return False
    if post.status not in (PostStatus.PENDING, PostStatus.PUBLISHED):
        raise ValidationError(
            _("Only a held or published post can be returned."), code="invalid_state"
        )
    before = set_post_status(post, status=PostStatus.RETURNED, reason=feedback)
    _resolve_open_flags(post, moderator=moderator, decision=TrainingExample.Decision.RETURNED)
    log_action(
        actor=moderator,
        action="return",
        target=post,
        reason=feedback,
        before=before,
        after=PostStatus.RETURNED,
    )
    notify_member(
        user=post.author,
        kind="returned",
        message=_("A moderator asks you to change your post before it is shown: %(feedback)s")
        % {"feedback": feedback},
        url=reverse("moderation-member:resubmit", kwargs={"post_id": post.pk}),
    )
    return True


@transaction.atomic
def resubmit_post(*, author, post, body: str, title: str | None = None) -> bool:
    """The author edits a returned post and sends it back to the queue (the earlier text is
    kept as a PostRevision). Not a moderator action, so no audit row.
    """
    post = _locked_post(post)
    if post.author_id != author.pk:
        raise PermissionDenied
    if post.status != PostStatus.RETURNED:
        return False
    set_post_status(
        post, status=PostStatus.PENDING, reason=_("Changed by its author after feedback.")
    )
    edit_post(post=post, editor=author, body=body, title=title)
    return True


@transaction.atomic
def redact_post(*, moderator, post, body: str, reason: str) -> bool:
    """A moderator edits a post's text (e.g. to take out a name). The text before is kept as
    a PostRevision and in the audit row.
    """
    _check_moderator(moderator)
    reason = _required(reason, _("Please say why you are editing it."))
    body = _required(body, _("The text cannot be empty; remove the post instead."))
    post = _locked_post(post)
    if body == post.body:
        return False
    before = post.body
    PostRevision.objects.create(
        post=post,
        editor=moderator,
        title=post.thread.title if post.is_question else "",
        body=before,
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at", *apply_contact_masking(post)])
    if post.is_question:
        update_search_vector(thread_id=post.thread_id)
    _content_changed(thread_id=post.thread_id)
    log_action(
        actor=moderator, action="edit", target=post, reason=reason, before=before, after=body
    )
    notify_member(
        user=post.author,
        kind="edited",
        message=_("A moderator edited your post: %(reason)s") % {"reason": reason},
        url=post.get_absolute_url(),
    )
    return True


@transaction.atomic
def bulk_approve(*, moderator, posts) -> int:
    """Approve each post (one audit row each); returns how many changed."""
    return sum(approve_post(moderator=moderator, post=post) for post in posts)


@transaction.atomic
def bulk_remove(*, moderator, posts, reason: str) -> int:
    """Remove each post with the same reason (one audit row each); returns how many changed."""
    reason = _required(reason, _("Please give a reason; the authors and readers see it."))
    return sum(remove_post(moderator=moderator, post=post, reason=reason) for post in posts)


# Threads ----------------------------------------------------------------------------------


def _set_thread_lock(*, moderator, thread, locked: bool, reason: str) -> bool:
    _check_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked == locked:
        return False
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    _content_changed(thread_id=thread.pk)
    log_action(
        actor=moderator,
        action="lock" if locked else "unlock",
        target=thread,
        reason=reason.strip(),
        before="unlocked" if locked else "locked",
        after="locked" if locked else "unlocked",
    )
    return True


@transaction.atomic
def lock_thread(*, moderator, thread, reason: str = "") -> bool:
    """Close a thread to new answers; everything in it stays readable."""
    return _set_thread_lock(moderator=moderator, thread=thread, locked=True, reason=reason)


@transaction.atomic
def unlock_thread(*, moderator, thread, reason: str = "") -> bool:
    return _set_thread_lock(moderator=moderator, thread=thread, locked=False, reason=reason)


# Members ----------------------------------------------------------------------------------


@transaction.atomic
def warn_member(*, moderator, member, message: str, post=None) -> bool:
    """Send a member a warning (e-mail and a notice on the site). Every warning counts, so
    this always changes something.
    """
    _check_moderator(moderator)
    message = _required(message, _("Please write the warning the member will read."))
    log_action(
        actor=moderator,
        action="warn",
        target=member,
        reason=message,
        after=f"about post {post.pk}" if post is not None else "",
    )
    notify_member(
        user=member,
        kind="warning",
        message=message,
        url=post.get_absolute_url() if post is not None else "",
    )
    return True


@transaction.atomic
def suspend_member(*, moderator, member, until, reason: str) -> bool:
    """Suspend a member until a date: they can read but not post, flag or vote."""
    _check_moderator(moderator)
    reason = _required(reason, _("Please give a reason; the member reads it."))
    if until <= timezone.now():
        raise ValidationError(_("Choose a date in the future."), code="past")
    if member.pk == moderator.pk:
        raise ValidationError(_("You cannot suspend yourself."), code="self")
    member = get_user_model().objects.select_for_update().get(pk=member.pk)
    if member.suspended_until == until:
        return False
    before = member.suspended_until.isoformat() if member.suspended_until else ""
    member.suspended_until = until
    member.save(update_fields=["suspended_until"])
    action = log_action(
        actor=moderator,
        action="suspend",
        target=member,
        reason=reason,
        before=before,
        after=until.isoformat(),
    )
    notify_member(
        user=member,
        kind="suspended",
        message=_("You are suspended until %(until)s: %(reason)s. You can still read the forum.")
        % {"until": timezone.localtime(until).strftime("%d %b %Y %H:%M"), "reason": reason},
        url=reverse("moderation-member:appeal", kwargs={"action_id": action.pk}),
    )
    return True


@transaction.atomic
def lift_suspension(*, moderator, member, reason: str = "") -> bool:
    _check_moderator(moderator)
    member = get_user_model().objects.select_for_update().get(pk=member.pk)
    if not member.is_suspended:
        return False
    before = member.suspended_until.isoformat()
    member.suspended_until = None
    member.save(update_fields=["suspended_until"])
    log_action(
        actor=moderator, action="unsuspend", target=member, reason=reason.strip(), before=before
    )
    notify_member(
        user=member,
        kind="unsuspended",
        message=_("Your suspension has been lifted. Welcome back."),
    )
    return True


# Appeals ----------------------------------------------------------------------------------

APPEALABLE_ACTIONS = ("remove", "suspend")


@transaction.atomic
def file_appeal(*, appellant, action: ModerationAction, message: str):
    """The member asks once for a removal or suspension to be looked at again."""
    message = _required(message, _("Please tell the moderators why you are appealing."))
    if action.action not in APPEALABLE_ACTIONS or action.subject_id != appellant.pk:
        raise PermissionDenied
    if Appeal.objects.filter(action=action).exists():
        raise ValidationError(
            _("You have already appealed this decision."), code="already_appealed"
        )
    return Appeal.objects.create(action=action, appellant=appellant, message=message)


@transaction.atomic
def decide_appeal(*, moderator, appeal, overturn: bool, note: str) -> bool:
    """Uphold or overturn the decision; overturning restores the post or lifts the
    suspension. The moderator who acted cannot decide the appeal against their own action.
    """
    _check_moderator(moderator)
    appeal = Appeal.objects.select_for_update().select_related("action").get(pk=appeal.pk)
    if not can_decide_appeal(moderator, appeal):
        raise PermissionDenied(_("Another moderator must decide this appeal."))
    note = _required(note, _("Please explain the decision to the member."))
    if appeal.state != Appeal.State.PENDING:
        return False
    action = appeal.action
    target: models.Model = appeal
    before = after = ""
    if overturn and action.action == "remove":
        post = Post.objects.select_for_update().select_related("thread").get(pk=action.target_id)
        target = post
        if post.status == PostStatus.REMOVED:
            before = set_post_status(post, status=PostStatus.PUBLISHED, reason="")
            after = PostStatus.PUBLISHED
    elif overturn and action.action == "suspend":
        member = get_user_model().objects.select_for_update().get(pk=action.target_id)
        target = member
        if member.suspended_until is not None:
            before = member.suspended_until.isoformat()
            member.suspended_until = None
            member.save(update_fields=["suspended_until"])
    appeal.state = Appeal.State.OVERTURNED if overturn else Appeal.State.UPHELD
    appeal.decided_by = moderator
    appeal.decided_at = timezone.now()
    appeal.decision_note = note
    appeal.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    log_action(
        actor=moderator,
        action="appeal_overturned" if overturn else "appeal_upheld",
        target=target,
        reason=note,
        before=before,
        after=after,
        subject_id=appeal.appellant_id,
    )
    if overturn:
        message = _("Your appeal was successful: %(note)s") % {"note": note}
    else:
        message = _("Your appeal was looked at and the decision stands: %(note)s") % {"note": note}
    notify_member(user=appeal.appellant, kind="appeal", message=message)
    return True
