"""Cached pages that show articles or videos are rendered again when those change."""

from __future__ import annotations

from forum import cache as page_cache


def _article_changed(sender, instance, **kwargs) -> None:
    # "Further reading" shows on every thread of the article's category and in search.
    page_cache.bump(site=True)


def _video_changed(sender, instance, **kwargs) -> None:
    # An answer's video shows on its thread page; its row names no thread, and videos
    # change rarely, so the whole site is rendered again.
    page_cache.bump(site=True)


def connect_signals() -> None:
    """Called from ExpertsConfig.ready()."""
    # Imported here: models can be loaded only once the app registry is ready.
    from django.db.models.signals import post_delete, post_save

    from experts.models import Article, VideoAnswer

    for signal in (post_save, post_delete):
        signal.connect(_article_changed, sender=Article, dispatch_uid=f"cache-article-{signal}")
        signal.connect(_video_changed, sender=VideoAnswer, dispatch_uid=f"cache-video-{signal}")
