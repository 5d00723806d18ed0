"""Admin forms: import a file, add one day's figures, edit a window of the table."""

from __future__ import annotations

from datetime import timedelta
from decimal import InvalidOperation

from django import forms

from .models import plain_number
from .tables import FORMULA_STARTS, parse_date, parse_number


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text="First row: the date (or category) heading, then one heading per series.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    replace = forms.BooleanField(
        required=False,
        label="Replace all values",
        help_text="Remove rows that are not in the file. Unticked, the file adds and updates.",
    )


class AddFiguresForm(forms.Form):
    """One day: the date, then a value per series (and one note for the audit log)."""

    def __init__(self, *args, dataset, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        self.series = list(dataset.series.all())
        frame = dataset.frame()
        latest = frame.xs[-1] if frame.xs else None
        if dataset.is_dated:
            self.fields["x"] = forms.DateField(
                label="Date",
                initial=latest + timedelta(days=1) if latest else None,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
        else:
            self.fields["x"] = forms.CharField(label=dataset.x_label.capitalize(), max_length=120)
        for one in self.series:
            last = frame.get(one.name)
            hint = ""
            if last and last.latest:
                hint = f"Last: {plain_number(last.latest[1])} on {last.latest[0]}"
            self.fields[f"series_{one.pk}"] = forms.DecimalField(
                label=f"{one.name}" + (f" ({one.unit})" if one.unit else ""),
                required=False,
                max_digits=24,
                decimal_places=6,
                help_text=hint,
            )
        self.fields["note"] = forms.CharField(
            required=False, max_length=500, label="Note (optional, kept in the log)"
        )

    def clean_x(self):
        x = self.cleaned_data["x"]
        if isinstance(x, str):
            x = x.strip()
            if x.startswith(FORMULA_STARTS):
                raise forms.ValidationError("A category cannot start with = + - or @.")
        return x

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"series_{one.pk}") is not None for one in self.series):
            raise forms.ValidationError("Enter at least one figure.")
        return cleaned

    def values(self) -> dict:
        x = self.cleaned_data["x"]
        found = {}
        for one in self.series:
            value = self.cleaned_data.get(f"series_{one.pk}")
            if value is not None:
                found[(one.pk, x)] = value
        return found


class TableGrid:
    """The table editor: a plain HTML grid of inputs named ``x-<row>`` and
    ``v-<row>-<series id>``. Existing rows keep their x (a hidden ``x-<row>``); new rows
    at the bottom take one. An emptied cell removes that value."""

    NEW_ROWS = 3

    def __init__(self, dataset, rows, data=None):
        self.dataset = dataset
        self.series = list(dataset.series.all())
        self.rows = rows  # [(x, [value or None per series])] shown
        self.data = data
        self.errors: dict[tuple[int, str], str] = {}
        self.cleaned: dict = {}

    def grid(self):
        """Rows for the template: (index, x text, is_new, [(name, text, error)])."""
        shown = []
        count = len(self.rows) + self.NEW_ROWS
        for index in range(count):
            is_new = index >= len(self.rows)
            if self.data is not None:
                x_text = self.data.get(f"x-{index}", "")
            elif is_new:
                x_text = ""
            else:
                x = self.rows[index][0]
                x_text = x.isoformat() if hasattr(x, "isoformat") else str(x)
            cells = []
            for position, one in enumerate(self.series):
                name = f"v-{index}-{one.pk}"
                if self.data is not None:
                    text = self.data.get(name, "")
                elif is_new:
                    text = ""
                else:
                    text = plain_number(self.rows[index][1][position])
                cells.append((name, text, self.errors.get((index, str(one.pk)), ""), one.name))
            shown.append((index, x_text, is_new, self.errors.get((index, "x"), ""), cells))
        return shown

    def is_valid(self) -> bool:
        count = int(self.data.get("rows", 0) or 0)
        count = min(count, len(self.rows) + self.NEW_ROWS + 500)
        values: dict = {}
        seen: dict = {}
        for index in range(count):
            x_text = (self.data.get(f"x-{index}") or "").strip()
            cell_texts = {
                one.pk: (self.data.get(f"v-{index}-{one.pk}") or "").strip() for one in self.series
            }
            if not x_text:
                if any(cell_texts.values()):
                    self.errors[(index, "x")] = "Enter the date or category for these figures."
                continue
            try:
                x = parse_date(x_text) if self.dataset.is_dated else x_text
            except ValueError:
                self.errors[(index, "x")] = f"“{x_text}” is not a date (YYYY-MM-DD)."
                continue
            if isinstance(x, str) and x.startswith(FORMULA_STARTS):
                self.errors[(index, "x")] = "Cannot start with = + - or @."
                continue
            if x in seen:
                self.errors[(index, "x")] = f"{x_text} is already in the table above."
                continue
            seen[x] = index
            for one in self.series:
                text = cell_texts[one.pk]
                if not text:
                    values[(one.pk, x)] = None
                    continue
                try:
                    values[(one.pk, x)] = parse_number(text)
                except InvalidOperation:
                    self.errors[(index, str(one.pk))] = f"“{text[:20]}” is not a number."
        # A new row may not silently overwrite a row outside the window shown.
        shown_xs = {x for x, _ in self.rows}
        new_xs = [x for x in seen if x not in shown_xs]
        if new_xs:
            from .models import DataPoint

            lookup = (
                {"x_date__in": new_xs}
                if self.dataset.is_dated
                else {"x_date__isnull": True, "x_label__in": new_xs}
            )
            taken = set(
                DataPoint.objects.filter(series__dataset=self.dataset, **lookup).values_list(
                    "x_date" if self.dataset.is_dated else "x_label", flat=True
                )
            )
            for x in taken:
                self.errors[(seen[x], "x")] = f"{x} already has figures: edit that row instead."
        self.cleaned = values
        return not self.errors
