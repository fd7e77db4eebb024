"""`{% country_datalist %}`: the one list of countries the country type-ahead boxes complete from."""
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from agencies.forms import COUNTRY_LIST_ID
from agencies.models import Country

register = template.Library()


@register.simple_tag
def country_datalist() -> SafeString:
    """<datalist> of every country: the code as value, the name (in the active language) as label."""
    options = format_html_join("", '<option value="{}">{}</option>',
                               Country.objects.order_by("iso2").values_list("iso2", "name"))
    return format_html('<datalist id="{}">{}</datalist>', COUNTRY_LIST_ID, options)
