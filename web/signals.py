"""On sign-in: remember the language chosen on the sign-in page, and use the saved one from then on."""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .services import save_language, saved_language


@receiver(user_logged_in, dispatch_uid="web.activate_user_language")
def activate_user_language(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    chosen = request.POST.get("language") if request.method == "POST" else None
    if chosen:
        save_language(user, chosen)
    language = saved_language(user) or chosen
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
