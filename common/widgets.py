"""Select boxes rendered in Python, for forms with long option lists (countries, posts, agencies).

Django renders every <option> through its own template include; with a few hundred options that is
most of the time of a filter page (about 50 ms of the case list's 147 ms at a million cases). These
widgets produce exactly the HTML of Django's Select and SelectMultiple templates (same attributes,
escaping, selected options and optgroups) from the same context, by string building.
"""
from __future__ import annotations

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False omits, True writes the bare name, anything else "%s".
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _text(value) -> str:
    # As a template's {{ value }}: localised (numbers, dates), then escaped unless already safe.
    return conditional_escape(localize(value))


def render_select(widget: dict) -> SafeString:
    """The HTML of django/forms/widgets/select.html for a widget context (``get_context()["widget"]``)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f'{_text(option["label"])}</option>\n'  # select_option.html ends with a newline
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))


class FastSelect(forms.Select):
    """forms.Select, its HTML built in Python."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return render_select(self.get_context(name, value, attrs)["widget"])


class FastSelectMultiple(forms.SelectMultiple):
    """forms.SelectMultiple, its HTML built in Python."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return render_select(self.get_context(name, value, attrs)["widget"])


FAST_WIDGETS = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


def use_fast_selects(form: forms.BaseForm) -> None:
    """Give each field of `form` whose widget is a plain Select or SelectMultiple the fast one.

    The widget keeps its state (attributes, choices, required): only its class changes. Subclasses
    (Django's NullBooleanSelect, django-filter's BooleanWidget ...) keep their own rendering, since
    they may change the context their template sees.
    """
    for field in form.fields.values():
        fast = FAST_WIDGETS.get(type(field.widget))
        if fast is not None:
            widget = fast.__new__(fast)
            widget.__dict__.update(field.widget.__dict__)
            field.widget = widget
