"""Rebuild what search reads (after bulk imports that skip forum.services): the stored vectors
on PostgreSQL and the spelling vocabulary on both databases. SQLite's FTS5 table is kept by
triggers and needs nothing."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.management.base import BaseCommand
from django.db.models import OuterRef, Subquery

from forum.models import Post, Thread
from forum.search_index import SEARCH_CONFIG, rebuild_vocabulary


class Command(BaseCommand):
    help = "Rebuild Thread.search_vector (PostgreSQL) and the spelling vocabulary."

    def handle(self, *args, **options) -> None:
        if settings.USING_POSTGRES:
            question_body = Post.objects.filter(thread=OuterRef("pk"), is_question=True).values(
                "body"
            )[:1]
            updated = Thread.objects.update(
                search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
                + SearchVector(Subquery(question_body), weight="B", config=SEARCH_CONFIG)
            )
            self.stdout.write(f"Rebuilt the search vector of {updated} threads.")
        words = rebuild_vocabulary()
        self.stdout.write(self.style.SUCCESS(f"The spelling vocabulary has {words} words."))
