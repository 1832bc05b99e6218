"""Helpers for tests that need two-factor authentication (moderators and staff must have it).

from tests.security.support import enable_totp, totp_code
secret = enable_totp(user)          # the user now has an active TOTP authenticator
code = totp_code(secret)            # the 6-digit code an authenticator app would show
"""

from __future__ import annotations

import time


def enable_totp(user) -> str:
    """Give the user an active TOTP authenticator, as if they had scanned the QR code."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        from allauth.mfa.utils import decrypt

        return decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The current code for `secret` (each code is accepted once per 30-second period)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
