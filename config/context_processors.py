from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The links in base.html's header and footer that are the same for every visitor.
_NAV = {
    "home": "forum:home",
    "search": "forum:search",
    "ask": "forum:thread-start",
    "moderation": "moderation:queue",
    "mfa_setup": "mfa_activate_totp",
    "notices": "moderation-member:notices",
    "account": "account_email",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
    "experts": "experts:list",
    "urgent": "moderation-member:urgent-care",
    "crisis": "moderation-member:crisis-support",
}


@lru_cache(maxsize=8)
def _nav_urls(prefix: str, urlconf: str) -> dict[str, str]:
    # Reversed once per URL configuration: each `{% url %}` costs tens of microseconds.
    return {key: reverse(name, urlconf=urlconf) for key, name in _NAV.items()}


def site(request):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {"SITE_NAME": settings.SITE_NAME, "nav": _nav_urls(get_script_prefix(), urlconf)}
