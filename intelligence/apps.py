from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "intelligence"
    verbose_name = _("Intelligence")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_save

        from seizures.filtersets import register_case_filter
        from seizures.models import Case, CaseParty, Person, SeizedItem
        from seizures.signals import cases_bulk_created

        from . import signals
        from .filters import has_flags_filter

        register_case_filter("has_flags", has_flags_filter)

        post_save.connect(signals.person_saved, sender=Person, dispatch_uid="intelligence_person_saved")
        post_save.connect(signals.case_saved, sender=Case, dispatch_uid="intelligence_case_saved")
        post_save.connect(signals.case_child_saved, sender=SeizedItem, dispatch_uid="intelligence_item_saved")
        post_save.connect(signals.party_saved, sender=CaseParty, dispatch_uid="intelligence_party_saved")
        cases_bulk_created.connect(signals.cases_bulk_created, dispatch_uid="intelligence_cases_bulk_created")
        for through in (Case.transit_countries.through, Case.transit_posts.through):
            m2m_changed.connect(signals.case_route_changed, sender=through,
                                dispatch_uid=f"intelligence_route_{through.__name__}")
