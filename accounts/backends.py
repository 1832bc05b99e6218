"""Django's and allauth's authentication backends, under the names signed-in sessions carry.

A session remembers the dotted path of the backend that signed its member in, and Django
signs the member out when that path is no longer in AUTHENTICATION_BACKENDS: these names
stay so that sessions from earlier releases stay valid.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class ModelBackend(DjangoModelBackend):
    """Django's ModelBackend (used by force_login and the admin's own checks)."""


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (sign-in by e-mail address)."""
