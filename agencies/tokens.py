"""API tokens: authentication with an optional maximum age, and deletion when an account's secrets change.

- A token stops working (it is deleted) when the account's password changes by any way (own change,
  reset by e-mail, an administrator's reset, the shell) and when the account is deactivated; a reactivated
  account signs in again to get a new one.
- ``API_TOKEN_MAX_AGE_HOURS`` (0 = no limit): an older token is refused and deleted.
- A missing, invalid or expired token answers 401 with ``WWW-Authenticate: Token`` (this class comes first
  in ``DEFAULT_AUTHENTICATION_CLASSES``).
"""
from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from .backends import USER_RELATED


def max_age() -> datetime.timedelta | None:
    hours = getattr(settings, "API_TOKEN_MAX_AGE_HOURS", 0)
    return datetime.timedelta(hours=hours) if hours else None


def is_expired(token: Token) -> bool:
    limit = max_age()
    return limit is not None and token.created < timezone.now() - limit


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF token authentication that also refuses tokens older than ``API_TOKEN_MAX_AGE_HOURS``."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        # DRF's own check, reading the user's membership and agency with the token (agencies.backends).
        try:
            token = Token.objects.select_related("user", *(f"user__{path}" for path in USER_RELATED)).get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        user = token.user
        if is_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(_("The token has expired. Request a new one."))
        return user, token


def revoke(user: Any) -> int:
    """Delete every API token of `user`; the number deleted."""
    return Token.objects.filter(user=user).delete()[0]


@receiver(pre_save, sender=get_user_model(), dispatch_uid="tokens_note_secret_change")
def _note_secret_change(sender: type, instance: Any, **kwargs: Any) -> None:
    if instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    instance._revoke_tokens = old is not None and (
        old["password"] != instance.password or (old["is_active"] and not instance.is_active)
    )


@receiver(post_save, sender=get_user_model(), dispatch_uid="tokens_revoke_on_secret_change")
def _revoke_on_secret_change(sender: type, instance: Any, **kwargs: Any) -> None:
    if getattr(instance, "_revoke_tokens", False):
        revoke(instance)
        instance._revoke_tokens = False
