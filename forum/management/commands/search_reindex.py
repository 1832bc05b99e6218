"""Rebuild every thread's stored search vector (after bulk imports that skip forum.services)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.management.base import BaseCommand
from django.db.models import OuterRef, Subquery

from forum.models import Post, Thread
from forum.search_index import SEARCH_CONFIG


class Command(BaseCommand):
    help = "Rebuild Thread.search_vector for all threads (PostgreSQL only; a no-op on SQLite)."

    def handle(self, *args, **options) -> None:
        if not settings.USING_POSTGRES:
            self.stdout.write("SQLite: search uses substring matching, nothing to rebuild.")
            return
        question_body = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values("body")[
            :1
        ]
        updated = Thread.objects.update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector(Subquery(question_body), weight="B", config=SEARCH_CONFIG)
        )
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search vector of {updated} threads."))
