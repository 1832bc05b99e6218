"""The automatic checks: one module per label, pure functions over text.

Use ``moderation.checks.run.check_post`` (findings) and ``explain``; contact details are
masked with ``moderation.checks.contact_info.mask_contact_info``.  How each check works,
and what it costs the author when it fires, is at the top of its module.
"""
