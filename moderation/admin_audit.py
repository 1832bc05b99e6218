"""Staff actions in the Django admin go into the moderation log too.

Mix `AuditedAdminMixin` into a ModelAdmin (before ModelAdmin in the bases). Django's admin
calls log_addition / log_change / log_deletions for every add, change and delete (also the
"delete selected" action); each call here writes one ModerationAction row, with the changed
fields' values before and after. Custom admin actions call services, which log themselves.
"""

from __future__ import annotations

from moderation.audit import log_action

MAX_VALUE_CHARS = 5000


def _describe(values: dict[str, object]) -> str:
    lines = []
    for name, value in values.items():
        text = "" if value is None else str(value)
        lines.append(f"{name}: {text[:MAX_VALUE_CHARS]}")
    return "\n".join(lines)


class AuditedAdminMixin:
    def save_model(self, request, obj, form, change):
        if change:
            names = [n for n in form.changed_data if "password" not in n]
            obj._audit_before = {n: form.initial.get(n) for n in names}
            obj._audit_after = {n: form.cleaned_data.get(n) for n in names}
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        log_action(actor=request.user, action="admin_add", target=obj, reason="Added in the admin")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        log_action(
            actor=request.user,
            action="admin_change",
            target=obj,
            reason=entry.get_change_message() if entry is not None else "",
            before=_describe(getattr(obj, "_audit_before", {})),
            after=_describe(getattr(obj, "_audit_after", {})),
        )
        return entry

    def log_deletions(self, request, queryset):
        objects = list(queryset)
        entries = super().log_deletions(request, objects)
        for obj in objects:
            log_action(
                actor=request.user, action="admin_delete", target=obj, reason="Deleted in the admin"
            )
        return entries
