"""Select boxes rendered in Python, for forms with long option lists (countries, posts, agencies).

Django renders every <option> through its own template include; with a few hundred options that is
most of the time of a filter page (about 50 ms of the case list's 147 ms at a million cases). These
widgets produce exactly the HTML of Django's Select and SelectMultiple templates (same attributes,
escaping, selected options and optgroups) from the same context, by string building.
"""
from __future__ import annotations

import html

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


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
    # As a template's {{ value }}: localised (numbers, dates), then escaped unless already safe. A plain
    # str (most labels) is neither localised nor safe: Django's escape() is html.escape of it.
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(localize(value))


def _value(value) -> str:
    # As {{ widget.value|stringformat:"s" }}: str() of the value, then escaped unless safe.
    text = str(value)
    return html.escape(text) if type(text) is str else conditional_escape(text)


def render_select(widget: dict) -> SafeString:
    """The HTML of django/forms/widgets/select.html for a widget context (``get_context()["widget"]``)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{_value(option["value"])}"{_attrs(option["attrs"])}>'
                f'{_text(option["label"])}</option>\n'  # select_option.html ends with a newline
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))


def _options(widget: forms.Select, choices, value: list[str]) -> list[tuple]:
    """The ``optgroups`` of Django's ChoiceWidget for `choices` and the formatted `value` — the same groups,
    options and selection rule (a single select marks only the first option of a value) — with plain option
    dicts instead of ``create_option``'s (a Select's options inherit no attributes)."""
    wanted = set(value)
    many = widget.allow_multiple_selected
    groups, has_selected = [], False
    for index, (option_value, option_label) in enumerate(choices):
        if option_value is None:
            option_value = ""
        if isinstance(option_label, (list, tuple)):
            group_name, members = option_value, option_label
        else:
            group_name, members = None, [(option_value, option_label)]
        options = []
        for subvalue, sublabel in members:
            selected = (not has_selected or many) and str(subvalue) in wanted
            has_selected |= selected
            options.append({"value": subvalue, "label": sublabel, "attrs": {"selected": True} if selected else {}})
        groups.append((group_name, options, index))
    return groups


class _FastChoiceWidget:
    """Render through `render_select`, the choices of a model field read once per form (see use_fast_selects)."""

    #: Shared by the fields of one form: (query, labels, language) → the choices, so three country lists
    #: cost one query and one pass over the rows.
    choices_memo: dict | None = None

    def _read_choices(self):
        choices = self.choices
        queryset, field = getattr(choices, "queryset", None), getattr(choices, "field", None)
        if self.choices_memo is None or queryset is None or field is None:
            return choices
        sql, params = queryset.query.sql_with_params()
        label = getattr(field.label_from_instance, "__func__", field.label_from_instance)
        key = (type(field), label, sql, repr(params), getattr(field, "empty_label", None),
               getattr(field, "null_label", None), get_language())
        if key not in self.choices_memo:
            self.choices_memo[key] = [choice for choice in choices]  # not list(): its len() is a COUNT query
        return self.choices_memo[key]

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # Widget.get_context without the options: name, value as strings, the merged attributes.
        widget = {"name": name, "attrs": self.build_attrs(self.attrs, attrs)}
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        widget["optgroups"] = _options(self, self._read_choices(), self.format_value(value))
        return render_select(widget)


class FastSelect(_FastChoiceWidget, forms.Select):
    """forms.Select, its HTML built in Python."""


class FastSelectMultiple(_FastChoiceWidget, forms.SelectMultiple):
    """forms.SelectMultiple, its HTML built in Python."""


FAST_WIDGETS = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


def use_fast_selects(form: forms.BaseForm) -> None:
    """Give each field of `form` whose widget is a plain Select or SelectMultiple the fast one.

    The widget keeps its state (attributes, choices, required): only its class changes. Subclasses
    (Django's NullBooleanSelect, django-filter's BooleanWidget ...) keep their own rendering, since
    they may change the context their template sees.
    """
    memo: dict = {}
    for field in form.fields.values():
        fast = FAST_WIDGETS.get(type(field.widget))
        if fast is not None:
            widget = fast.__new__(fast)
            widget.__dict__.update(field.widget.__dict__)
            widget.choices_memo = memo  # the form's model choice lists, each read once
            field.widget = widget
