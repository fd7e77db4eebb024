from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        # The statistics API answers unfiltered requests from the case and taxon rollups (seizures never
        # imports analytics).
        from seizures.statistics import register_statistics_source

        from .item_rollup import item_rollup_statistics
        from .rollup import rollup_statistics

        register_statistics_source(rollup_statistics)
        register_statistics_source(item_rollup_statistics)
