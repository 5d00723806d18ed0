"""Datasets as files: CSV and JSON out, CSV and XLSX in, with per-cell validation.

A table file has a header row (first column: the x heading, then one column per series name)
and one row per date or category. Parsing never touches the database: it returns a
``ParsedTable`` or raises ``TableError`` with every problem found (row and column named),
so a rejected file saves nothing (``services.dataset_import`` applies it in one transaction).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings

from .models import plain_number

# Cells that a spreadsheet would run as a formula (CSV injection): refused unless a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_PROBLEMS = 20  # reported at once; more are summarised
MAX_ROWS = 100_000
MAX_VALUE = Decimal("1e17")  # fits DataPoint.value (24 digits, 6 after the point)


def max_import_bytes() -> int:
    return getattr(settings, "DATADESK_MAX_IMPORT_BYTES", 5 * 1024 * 1024)


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based, as a spreadsheet shows it (the header is row 1)
    column: str  # heading or letter
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class TableError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))

    @property
    def messages(self) -> list[str]:
        shown = [str(problem) for problem in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"… and {len(self.problems) - MAX_PROBLEMS} more problems.")
        return shown


@dataclass
class ParsedTable:
    x_heading: str
    series: list[str]
    # (x, [value or None per series]) in file order
    rows: list[tuple[date | str, list[Decimal | None]]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as spreadsheets name columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_name(headings: list[str], index: int) -> str:
    heading = headings[index] if index < len(headings) and headings[index] else ""
    letter = column_letter(index)
    return f"{letter} ({heading})" if heading else letter


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def parse_date(text: str) -> date:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def parse_number(text: str) -> Decimal:
    """A number as written in a cell: "1200", "1,200", "1 200", "-3.5", "12%"' -> 12."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "")
    cleaned = cleaned.removesuffix("%")
    if not cleaned:
        raise InvalidOperation(text)
    number = Decimal(cleaned)
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise InvalidOperation(text)
    return number


def validate_grid(grid: list[list[object]], *, dated: bool) -> ParsedTable:
    """Check a grid of cells (strings, numbers, dates; None for empty), header row first."""
    # Blank rows at the end are what spreadsheets leave; they are not data.
    while grid and all(_blank(cell) for cell in grid[-1]):
        grid.pop()
    if not grid:
        raise TableError([Problem(0, "", "The file is empty.")])
    headings = [_text(cell).strip() for cell in grid[0]]
    while headings and not headings[-1]:
        headings.pop()
    problems: list[Problem] = []
    if len(headings) < 2:
        problems.append(
            Problem(1, "", "The first row must name the date or category column and ≥1 series.")
        )
        raise TableError(problems)
    seen_names: set[str] = set()
    for index, heading in enumerate(headings[1:], start=1):
        if not heading:
            problems.append(Problem(1, column_letter(index), "This series has no heading."))
        elif heading.lower() in seen_names:
            problems.append(Problem(1, column_letter(index), f"“{heading}” appears twice."))
        elif heading.startswith(FORMULA_STARTS):
            problems.append(Problem(1, column_letter(index), "A heading cannot be a formula."))
        seen_names.add(heading.lower())
    if len(grid) - 1 > MAX_ROWS:
        problems.append(Problem(0, "", f"More than {MAX_ROWS} rows."))
        raise TableError(problems)
    table = ParsedTable(x_heading=headings[0], series=headings[1:])
    seen_x: dict[object, int] = {}
    for row_number, row in enumerate(grid[1:], start=2):
        if all(_blank(cell) for cell in row):
            continue
        cells = list(row) + [None] * (len(headings) - len(row))
        for extra in range(len(headings), len(cells)):
            if not _blank(cells[extra]):
                problems.append(
                    Problem(row_number, column_letter(extra), "A value with no column heading.")
                )
        x_cell = cells[0]
        x_column = _column_name(headings, 0)
        x: date | str | None = None
        if _blank(x_cell):
            problems.append(Problem(row_number, x_column, "Empty; every row needs its x value."))
        elif isinstance(x_cell, Formula):
            problems.append(Problem(row_number, x_column, "A formula; enter the value itself."))
        elif dated:
            if isinstance(x_cell, datetime):
                x = x_cell.date()
            elif isinstance(x_cell, date):
                x = x_cell
            else:
                try:
                    x = parse_date(_text(x_cell))
                except ValueError:
                    problems.append(
                        Problem(
                            row_number,
                            x_column,
                            f"“{_short(x_cell)}” is not a date (write it as YYYY-MM-DD).",
                        )
                    )
        else:
            label = _text(x_cell).strip()
            if label.startswith(FORMULA_STARTS):
                problems.append(Problem(row_number, x_column, "Looks like a formula."))
            elif len(label) > 120:
                problems.append(Problem(row_number, x_column, "Longer than 120 characters."))
            else:
                x = label
        if x is not None:
            key = x if dated else str(x).lower()
            if key in seen_x:
                what = "date" if dated else "category"
                problems.append(
                    Problem(
                        row_number,
                        x_column,
                        f"Duplicate {what} {x} (already in row {seen_x[key]}).",
                    )
                )
            else:
                seen_x[key] = row_number
        values: list[Decimal | None] = []
        for index in range(1, len(headings)):
            cell = cells[index]
            column = _column_name(headings, index)
            if _blank(cell):
                values.append(None)
                continue
            if isinstance(cell, Formula):
                problems.append(Problem(row_number, column, "A formula; enter the value itself."))
                values.append(None)
                continue
            if isinstance(cell, bool | date):
                problems.append(Problem(row_number, column, f"“{_short(cell)}” is not a number."))
                values.append(None)
                continue
            if isinstance(cell, int | float | Decimal):
                try:
                    values.append(parse_number(str(cell)))
                except InvalidOperation:
                    problems.append(Problem(row_number, column, "Not a usable number."))
                    values.append(None)
                continue
            text = _text(cell)
            try:
                values.append(parse_number(text))
            except InvalidOperation:
                if text.strip().startswith(FORMULA_STARTS):
                    message = f"“{_short(text)}” looks like a formula; only numbers are accepted."
                else:
                    message = f"“{_short(text)}” is not a number."
                problems.append(Problem(row_number, column, message))
                values.append(None)
        if x is not None:
            table.rows.append((x, values))
    if problems:
        raise TableError(problems)
    if not table.rows:
        raise TableError([Problem(0, "", "The file has a heading row but no data rows.")])
    return table


class Formula(str):
    """An XLSX cell that holds a formula (its text), told apart from a value."""


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell) -> str:
    return "" if cell is None else str(cell)


def _short(cell) -> str:
    text = _text(cell)
    return text if len(text) <= 40 else text[:37] + "…"


def _check_size(upload) -> None:
    size = getattr(upload, "size", None)
    limit = max_import_bytes()
    if size is not None and size > limit:
        raise TableError(
            [Problem(0, "", f"The file is {size // 1024} KB; the limit is {limit // 1024} KB.")]
        )
    if size == 0:
        raise TableError([Problem(0, "", "The file is empty.")])


def _read_limited(upload) -> bytes:
    """Read at most the limit plus one byte: a larger stream is refused without reading it."""
    limit = max_import_bytes()
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise TableError([Problem(0, "", f"The file is over the {limit // 1024} KB limit.")])
    return data


def read_csv(upload, *, dated: bool) -> ParsedTable:
    _check_size(upload)
    raw = _read_limited(upload)
    if not raw.strip():
        raise TableError([Problem(0, "", "The file is empty.")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise TableError([Problem(0, "", "Not a text file (save it as CSV UTF-8).")]) from None
    if "\x00" in text:
        raise TableError([Problem(0, "", "Not a text file (save it as CSV UTF-8).")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        grid = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise TableError([Problem(0, "", f"Not a readable CSV file ({error}).")]) from None
    return validate_grid(grid, dated=dated)


def read_xlsx(upload, *, dated: bool) -> ParsedTable:
    import zipfile

    from openpyxl import load_workbook

    _check_size(upload)
    raw = _read_limited(upload)
    try:
        # Formulas come through as their text ("=A1+1"), so they can be refused by name.
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise TableError([Problem(0, "", "Not a readable XLSX file.")]) from None
    try:
        sheet = workbook.worksheets[0]
        grid = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" or (
                    isinstance(value, str) and value.startswith("=")
                ):
                    value = Formula(str(value))
                cells.append(value)
            grid.append(cells)
            if len(grid) > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return validate_grid(grid, dated=dated)


def read_upload(upload, *, dated: bool) -> ParsedTable:
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        return read_xlsx(upload, dated=dated)
    if name.endswith((".csv", ".txt", ".tsv")):
        return read_csv(upload, dated=dated)
    raise TableError([Problem(0, "", "Upload a .csv or .xlsx file.")])


# --- export ---


def _x_text(x) -> str:
    return x.isoformat() if isinstance(x, date) else str(x)


def _safe_cell(text: str) -> str:
    # A category label that a spreadsheet would run as a formula gets a leading quote.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def frame_to_csv(frame) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([frame.x_label, *(one.name for one in frame.series)])
    for x, values in frame.rows():
        writer.writerow([_safe_cell(_x_text(x)), *(plain_number(value) for value in values)])
    return out.getvalue()


def frame_to_json(frame, *, url: str = "") -> str:
    document = {
        "title": frame.title,
        "slug": frame.slug,
        "source": {"name": frame.source_name, "url": frame.source_url},
        "illustrative": frame.illustrative,
        "x": {"kind": frame.x_kind, "label": frame.x_label},
        "series": [
            {
                "name": one.name,
                "unit": one.unit,
                "points": [[_x_text(x), _json_number(value)] for x, value in one.points],
            }
            for one in frame.series
        ],
    }
    if url:
        document["url"] = url
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _json_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
