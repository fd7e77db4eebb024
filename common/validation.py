"""Model validation for set-based writers: `Model.full_clean` for many rows of one model, faster.

A bulk import builds thousands of instances whose values repeat (dates, codes, quantities, statuses).
`FieldCleaner` runs exactly the checks of `Model.clean_fields` (each field's `clean`: conversion, choices,
blank and null, validators such as lengths and date ranges), but each distinct value of a field is
cleaned once per cleaner and the answer reused. Fields whose check depends on the instance (relations
still to be looked up) and values that cannot be keys are cleaned every time, as Django does.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

_OK = object()


class FieldCleaner:
    """`full_clean(validate_unique=False, validate_constraints=False)` for instances of one model."""

    def __init__(self, model: type[models.Model]) -> None:
        self.fields = [f for f in model._meta.fields if not getattr(f, "generated", False)]
        self._answers: dict[tuple[str, type, Any], tuple[object, Any]] = {}

    def _clean_value(self, field: models.Field, raw: Any, instance: models.Model) -> Any:
        if field.is_relation:
            return field.clean(raw, instance)
        try:
            key = (field.attname, type(raw), raw)
            answer = self._answers.get(key)
        except TypeError:  # an unhashable value (a JSON document): cleaned every time
            return field.clean(raw, instance)
        if answer is None:
            try:
                answer = (_OK, field.clean(raw, instance))
            except ValidationError as exc:
                answer = (exc, None)
            self._answers[key] = answer
        if answer[0] is not _OK:
            raise answer[0]
        return answer[1]

    def clean_fields(self, instance: models.Model, exclude: Iterable[str] = ()) -> None:
        """As `instance.clean_fields(exclude)`: cleaned values are set, errors raised per field."""
        skip = set(exclude)
        errors: dict[str, list[ValidationError]] = {}
        for field in self.fields:
            if field.name in skip:
                continue
            raw = getattr(instance, field.attname)
            if field.blank and raw in field.empty_values:
                continue
            try:
                setattr(instance, field.attname, self._clean_value(field, raw, instance))
            except ValidationError as exc:
                errors[field.name] = exc.error_list
        if errors:
            raise ValidationError(errors)

    def full_clean(self, instance: models.Model, exclude: Iterable[str] = ()) -> None:
        """As `instance.full_clean(exclude, validate_unique=False, validate_constraints=False)`."""
        exclude = set(exclude)
        errors: dict[str, list[ValidationError]] = {}
        try:
            self.clean_fields(instance, exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        try:
            instance.clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


__all__ = ["NON_FIELD_ERRORS", "FieldCleaner"]
