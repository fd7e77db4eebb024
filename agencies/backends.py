"""The account backend: a signed-in user is read with their membership and agency in one query.

Every request of a signed-in user asks who they are (the session's user), which agency and role they hold
(`membership`) and that agency's country (the visibility rule, `seizures.querysets`). Django's ModelBackend
reads the user alone, so the membership and the agency cost two more queries on every page and API call;
here they come with the user. A user without a membership is read the same way (the cached absence raises
`RelatedObjectDoesNotExist` without a query).
"""
from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

#: The related rows a request needs with its user.
USER_RELATED = ("membership__agency",)


def user_with_membership(pk: Any) -> Any | None:
    """The active-or-not user `pk` with their membership and agency, or None."""
    model = get_user_model()
    try:
        return model._default_manager.select_related(*USER_RELATED).get(pk=pk)
    except model.DoesNotExist:
        return None


class AccountBackend(ModelBackend):
    """ModelBackend whose `get_user` also reads the membership and its agency (one query, not three)."""

    def get_user(self, user_id: Any) -> Any | None:
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
