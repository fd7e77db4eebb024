"""Idempotent loading of reference data files (CSV) into models, shared by the apps' loaders."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import connections, models

LANGS = ("en", "ru", "ky")


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data file; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def translated(row: dict[str, str], field: str) -> dict[str, str]:
    """The `field_en`, `field_ru`, `field_ky` columns of a row, as model field values."""
    return {f"{field}_{lang}": row[f"{field}_{lang}"] for lang in LANGS}


class RowSync:
    """Create or update the rows of one model keyed on `key` fields, writing only rows whose values differ.

    The existing rows are read once, so a reload that changes nothing costs one query per model. With
    `deferred=True` new rows are kept back and written by `flush()` in bulk: their primary keys exist only after it.
    """

    def __init__(self, model: type[models.Model], *key: str, deferred: bool = False) -> None:
        self.model, self.key, self.deferred = model, key, deferred
        self.rows = {tuple(getattr(obj, f) for f in key): obj for obj in model._default_manager.all()}
        self.counts: Counter = Counter()
        self.pending: list[models.Model] = []

    def sync(self, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        """The row matching `lookup`, created, updated (only the fields of `values` that differ) or as it was."""
        key = tuple(lookup[f] for f in self.key)
        obj = self.rows.get(key)
        if obj is None:
            obj = self.rows[key] = self.model(**lookup, **values)
            if self.deferred:
                self.pending.append(obj)
            else:
                obj.save()
            self.counts["created"] += 1
            return obj
        changed = [field for field, value in values.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, values[field])
            if obj.pk is None:  # still waiting for flush(): it is written with these values
                return obj
            obj.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return obj

    def flush(self) -> None:
        """Write the rows kept back by a deferred sync, in bulk; afterwards each has its primary key."""
        if not self.pending:
            return
        manager = self.model._default_manager
        if connections[manager.db].features.can_return_rows_from_bulk_insert:
            manager.bulk_create(self.pending, batch_size=500)
        else:  # an old SQLite gives no keys back from a bulk insert: one insert per row
            for obj in self.pending:
                obj.save()
        self.pending = []

    def result(self) -> dict[str, int]:
        return {key: self.counts[key] for key in ("created", "updated", "unchanged")}
