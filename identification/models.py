from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    """One completed round of ID practice: who, for which agency, how many right answers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("agency"),
    )
    score = models.PositiveSmallIntegerField(_("right answers"))
    total = models.PositiveSmallIntegerField(_("questions"))
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ID practice result")
        verbose_name_plural = _("ID practice results")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.score}/{self.total}"
