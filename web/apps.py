from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The officers' browser interface: shared layout, home page, sign-in and language choice."""

    name = "web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the sign-in language receiver)
