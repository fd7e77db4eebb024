"""Interface preferences: the language each user chose, stored on their agency membership."""
from __future__ import annotations

from django.conf import settings

from agencies.models import Membership

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def saved_language(user) -> str | None:
    """The interface language saved for `user`, or None (anonymous or no membership)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        language = user.membership.language
    except Membership.DoesNotExist:
        return None
    return language if language in LANGUAGE_CODES else None


def save_language(user, language: str) -> bool:
    """Remember `language` for `user` (on their membership). False when it is not offered or not storable."""
    if language not in LANGUAGE_CODES or user is None or not user.is_authenticated:
        return False
    updated = Membership.objects.filter(user=user).exclude(language=language).update(language=language)
    if updated:
        try:
            user.membership.language = language
        except Membership.DoesNotExist:
            pass
    return Membership.objects.filter(user=user).exists()
