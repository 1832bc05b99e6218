"""Fill the database with the demo forum. Safe to run again: existing rows are kept."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import ExpertProfile
from forum import demo_content
from forum.models import Category, Thread
from forum.services import post_reply, start_thread


def ensure_demo_categories() -> list[Category]:
    """The demo categories, in display order; existing rows are kept as they are."""
    categories = []
    for position, spec in enumerate(demo_content.CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "position": position,
            },
        )
        categories.append(category)
    return categories


class Command(BaseCommand):
    help = "Create demo categories, accounts and threads (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        users = self._users()
        categories = {c.slug: c for c in ensure_demo_categories()}
        created = self._threads(users, categories)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(users)} accounts, {len(categories)} categories, "
                f"{created} new threads."
            )
        )

    def _users(self) -> dict:
        User = get_user_model()
        admin = None
        users = {}
        for spec in demo_content.USERS:
            user = User.objects.filter(email__iexact=spec["email"]).first()
            if user is None:
                user = User(
                    username=spec["username"],
                    email=spec["email"],
                    display_name=spec["display_name"],
                    location=spec.get("location", ""),
                )
                user.set_password(demo_content.PASSWORD)
                role = spec["role"]
                user.is_moderator = role == "moderator"
                user.is_staff = user.is_superuser = role == "admin"
                user.date_joined = timezone.now() - timedelta(days=60)
                user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            if spec["role"] == "admin":
                admin = user
            users[spec["key"]] = user
        for spec in demo_content.USERS:
            expert = spec.get("expert")
            if expert:
                ExpertProfile.objects.get_or_create(
                    user=users[spec["key"]],
                    defaults={
                        # Demo experts have accounts of their own, named as registered.
                        "professional_name": users[spec["key"]].display_name,
                        **expert,
                        "status": ExpertProfile.Status.VERIFIED,
                        "reviewed_by": admin,
                        "reviewed_at": timezone.now() - timedelta(days=50),
                        "evidence": "Demo account: checked against the (fictional) register.",
                    },
                )
        return users

    def _threads(self, users: dict, categories: dict) -> int:
        now = timezone.now()
        created = 0
        for spec in demo_content.THREADS:
            author = users[spec["author"]]
            if Thread.objects.filter(title=spec["title"], author=author).exists():
                continue
            asked_at = now - timedelta(days=spec["days_ago"])
            thread = start_thread(
                author=author,
                category=categories[spec["category"]],
                title=spec["title"],
                body=spec["body"],
                at=asked_at,
            )
            if spec.get("prescription_question") and not thread.is_prescription_question:
                Thread.objects.filter(pk=thread.pk).update(is_prescription_question=True)
            for reply in spec.get("replies", []):
                post_reply(
                    author=users[reply["author"]],
                    thread=thread,
                    body=reply["body"],
                    at=min(asked_at + timedelta(hours=reply["hours_after"]), now),
                )
            created += 1
        return created
