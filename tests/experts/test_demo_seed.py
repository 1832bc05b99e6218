"""The demo forum shows the central exchange: a marked heparin question, expert answers
carrying the disclaimer."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from forum.models import Post, Thread

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_marked_heparin_thread_and_expert_answers_with_the_disclaimer():
    call_command("seed_demo", verbosity=0)
    heparin = Thread.objects.get(title__contains="stop my heparin")
    assert heparin.is_prescription_question

    expert_posts = Post.objects.filter(author__expert_profile__status="verified")
    assert expert_posts.exists()
    assert not expert_posts.filter(disclaimer__isnull=True).exists()
    daniel = Post.objects.get(thread=heparin, author__username="danielmarsh")
    assert daniel.is_expert_answer
    assert "Daniel Marsh is not a physician" in daniel.disclaimer_text
    doctor = Post.objects.filter(author__username="drdonnelly").first()
    assert doctor.author_was_prescriber
    assert "not a physician" not in doctor.disclaimer_text
