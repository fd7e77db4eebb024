"""Serializer bases for every API: input lengths are limited and the schema says what the output holds.

`Serializer` and `ModelSerializer` (use them instead of DRF's) adjust their fields once they are built:

- every writable text field has a maximum length: its own, the model field's, or `TEXT_MAX_LENGTH` when it
  declares none; an over-long value answers 400 with the field name and a translated message, and the
  OpenAPI schema declares `maxLength`;
- a read-only field whose model field (or a relation on its way, for "a.b") may be null is declared
  nullable, and a read-only choice of a model field that may be blank declares "" among its values. DRF drops
  these flags from read-only fields, so the schema would promise a string where the answer holds null.
"""
from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from rest_framework import serializers

from common.limits import TEXT_MAX_LENGTH, LimitedMaxLengthValidator


def limit_length(field: serializers.Field) -> None:
    """Give a writable text field (or the texts of a list) a maximum length and the translated message."""
    if isinstance(field, serializers.ListField) and not field.read_only:
        limit_length(field.child)
    if field.read_only or not isinstance(field, serializers.CharField):
        return
    if field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH
    field.validators = [
        *(v for v in field.validators if not isinstance(v, MaxLengthValidator)),
        LimitedMaxLengthValidator(field.max_length),
    ]


def model_field_path(model: type[models.Model], source: str) -> list[models.Field]:
    """The model fields along a dotted source ("recorded_by.username"), as far as they are model fields."""
    found: list[models.Field] = []
    for part in source.split("."):
        if model is None:
            break
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            break
        if not field.concrete:
            break
        found.append(field)
        model = field.related_model
    return found


def declare_read_only(name: str, field: serializers.Field, model: type[models.Model]) -> None:
    """Declare null and blank on a read-only field as its model field allows them (the field is not bound
    yet: its source is the one given, or its name)."""
    source = field.source or name
    if not field.read_only or source == "*" or isinstance(field, serializers.ManyRelatedField):
        return
    path = model_field_path(model, source)
    if not path:
        return
    if any(f.null for f in path):
        field.allow_null = True
    last = path[-1]
    if isinstance(field, serializers.ChoiceField) and last.blank and last.choices and len(path) == 1:
        field.allow_blank = True


class SchemaTruthMixin:
    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name, field in fields.items():
            limit_length(field)
            if model is not None:
                declare_read_only(name, field, model)
        return fields


class Serializer(SchemaTruthMixin, serializers.Serializer):
    pass


class ModelSerializer(SchemaTruthMixin, serializers.ModelSerializer):
    pass


class CachedLookupMixin:
    """A related field that looks each value up once per serializer: the 200 items of one case name the same
    few taxa, terms and units, and each lookup would otherwise be a query. A failed lookup is not kept."""

    def to_internal_value(self, data):  # noqa: ANN001, ANN201 - DRF's signature
        if not isinstance(data, (str, int)) or isinstance(data, bool):
            return super().to_internal_value(data)
        cache = self.__dict__.setdefault("_lookup_cache", {})
        if data not in cache:
            cache[data] = super().to_internal_value(data)
        return cache[data]


class CachedSlugRelatedField(CachedLookupMixin, serializers.SlugRelatedField):
    """`SlugRelatedField` with one lookup per value and serializer."""
