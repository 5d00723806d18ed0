"""Writes to a dataset's values: imports, the table editor and the one-day form.

Every write runs in one transaction, ends by saving the dataset (its ``updated_at`` and the
cache rule in ``cache_rules.py`` purge everything that shows it), stores a revision (a full
snapshot of metadata and values) and records in the audit log who changed which value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from masthead.audit.log import record

from .models import DataPoint, Dataset, Series, plain_number
from .tables import ParsedTable

# Changes listed one by one in an audit entry; a bigger import is summarised after these.
AUDIT_CHANGES_LISTED = 200

Key = tuple[int, date | str]  # (series id, x)


def _x_filter(dataset: Dataset, xs):
    if dataset.is_dated:
        return {"x_date__in": xs}
    return {"x_date__isnull": True, "x_label__in": xs}


def _x_text(x) -> str:
    return x.isoformat() if isinstance(x, date) else str(x)


def dataset_values_set(
    *,
    dataset: Dataset,
    values: dict[Key, Decimal | None],
    request=None,
    user=None,
    reason: str = "",
    note: str = "",
) -> list[dict]:
    """Set (a number) or remove (None) the value of each (series id, x), and return the
    changes made as ``{"series", "x", "old", "new"}``. Unchanged values are left alone.

    Side effects: writes points, saves the dataset and a revision, and records
    ``datadesk.values_changed`` in the audit log when anything changed."""
    user = user or (getattr(request, "user", None) if request else None)
    if user is not None and not user.is_authenticated:
        user = None
    series_names = dict(dataset.series.values_list("pk", "name"))
    with transaction.atomic():
        # One writer at a time per dataset: two editors adding the same day cannot both win.
        Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
        # Metadata another editor saved since this request read the dataset stays theirs.
        dataset.refresh_from_db()
        xs = {x for _, x in values}
        existing = {
            (point.series_id, point.x): point
            for point in DataPoint.objects.filter(
                series_id__in=series_names, **_x_filter(dataset, xs)
            )
        }
        next_order = 0
        if not dataset.is_dated:
            top = DataPoint.objects.filter(series__dataset=dataset).aggregate(top=Max("x_order"))
            next_order = (top["top"] or 0) + 1
            known_orders = {point.x_label: point.x_order for point in existing.values()}
            known_orders.update(
                DataPoint.objects.filter(series__dataset=dataset, x_label__in=xs)
                .values_list("x_label", "x_order")
                .distinct()
            )
        creates, updates, deletes, changes = [], [], [], []
        for (series_id, x), new in values.items():
            if series_id not in series_names:
                raise ValueError(f"Series {series_id} is not in dataset {dataset.pk}")
            old_point = existing.get((series_id, x))
            old = old_point.value if old_point else None
            if new is not None:
                new = Decimal(plain_number(new))
            if old == new or (old is not None and new is not None and old.compare(new) == 0):
                continue
            if new is None:
                deletes.append(old_point.pk)
            elif old_point is None:
                point = DataPoint(series_id=series_id, value=new)
                if dataset.is_dated:
                    point.x_date = x
                else:
                    point.x_label = x
                    if x not in known_orders:
                        known_orders[x] = next_order
                        next_order += 1
                    point.x_order = known_orders[x]
                creates.append(point)
            else:
                old_point.value = new
                updates.append(old_point)
            changes.append(
                {
                    "series": series_names[series_id],
                    "x": _x_text(x),
                    "old": plain_number(old) if old is not None else None,
                    "new": plain_number(new) if new is not None else None,
                }
            )
        if deletes:
            DataPoint.objects.filter(pk__in=deletes).delete()
        if updates:
            DataPoint.objects.bulk_update(updates, ["value"], batch_size=1000)
        if creates:
            DataPoint.objects.bulk_create(creates, batch_size=1000)
        if changes:
            _saved(dataset, user=user)
            entry = {
                "changes": changes[:AUDIT_CHANGES_LISTED],
                "changed_count": len(changes),
            }
            if reason:
                entry["how"] = reason
            if note:
                entry["note"] = note[:500]
            record("datadesk.values_changed", request=request, actor=user, target=dataset, **entry)
    return changes


def _saved(dataset: Dataset, *, user=None) -> None:
    """Save the dataset (its version and the purge) and a revision with its values."""
    dataset.save(update_fields=["updated_at"])
    dataset.save_revision(user=user, log_action=True, clean=False)


def dataset_import(
    *,
    dataset: Dataset,
    table: ParsedTable,
    replace: bool = False,
    request=None,
    user=None,
) -> list[dict]:
    """Apply a validated table (``tables.read_upload``): new series for new headings, every
    value set; with ``replace``, values of rows not in the file are removed too.
    All or nothing: one transaction. Returns the changes (see ``dataset_values_set``)."""
    with transaction.atomic():
        series = {one.name.lower(): one for one in dataset.series.all()}
        order = len(series)
        for name in table.series:
            if name.lower() not in series:
                series[name.lower()] = Series.objects.create(
                    dataset=dataset, name=name, colour=order % 8, sort_order=order
                )
                order += 1
        columns = [series[name.lower()] for name in table.series]
        values: dict[Key, Decimal | None] = {}
        for x, row in table.rows:
            for one, value in zip(columns, row, strict=True):
                values[(one.pk, x)] = value
        if replace:
            in_file = {x for x, _ in table.rows}
            for series_id, x in DataPoint.objects.filter(series__dataset=dataset).values_list(
                "series_id", "x_date" if dataset.is_dated else "x_label"
            ):
                if x not in in_file:
                    values[(series_id, x)] = None
        if not dataset.is_dated:
            # Categories take the file's order.
            ordered = {x: index for index, (x, _) in enumerate(table.rows)}
            changes = dataset_values_set(
                dataset=dataset, values=values, request=request, user=user, reason="import"
            )
            for label, index in ordered.items():
                DataPoint.objects.filter(series__dataset=dataset, x_label=label).update(
                    x_order=index
                )
            return changes
        return dataset_values_set(
            dataset=dataset, values=values, request=request, user=user, reason="import"
        )
