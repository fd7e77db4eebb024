"""Panels that the intelligence app contributes to other apps' pages, so those apps never import it:
``{% load intelligence_tags %}{% case_alerts case %}`` on the case page, ``{% open_alerts %}`` on the home page."""
from __future__ import annotations

from typing import Any

from django import template

from intelligence.services import alerts_for_case, open_alerts_for

register = template.Library()


@register.inclusion_tag("intelligence/includes/case_alerts.html", takes_context=True)
def case_alerts(context: template.Context, case: Any) -> dict[str, Any]:
    """The alerts about `case` that the signed-in user may see (the visibility rule is in the service)."""
    return {"alerts": alerts_for_case(context["request"].user, case), "request": context.get("request")}


@register.inclusion_tag("intelligence/includes/alerts_panel.html", takes_context=True)
def open_alerts(context: template.Context, limit: int = 10) -> dict[str, Any]:
    """The open alerts of the signed-in user's agency."""
    return {"alerts": open_alerts_for(context["request"].user, limit=limit), "request": context.get("request")}
