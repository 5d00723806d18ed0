"""Reading CSV and XLSX files: every bad cell named by row and column; the CSV round trip."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from masthead.datadesk.services import dataset_import
from masthead.datadesk.tables import TableError, frame_to_csv, read_upload

from .factories import make_dataset


def csv_file(text: str, name: str = "figures.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows, name: str = "figures.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def problems(upload, dated=True) -> list[str]:
    with pytest.raises(TableError) as caught:
        read_upload(upload, dated=dated)
    return caught.value.messages


def test_a_good_csv_is_read_with_its_dates_and_numbers():
    table = read_upload(
        csv_file('date,Alerts,Hours\n2026-01-01,12,3.5\n2026-01-02,"1,200",\n'), dated=True
    )
    assert table.series == ["Alerts", "Hours"]
    assert table.rows == [
        (date(2026, 1, 1), [Decimal(12), Decimal("3.5")]),
        (date(2026, 1, 2), [Decimal(1200), None]),
    ]


def test_a_wrong_date_is_named_by_row_and_column():
    found = problems(csv_file("date,Alerts\n2026-01-01,1\n2026-02-30,2\n"))
    assert found == ["Row 3, column A (date): “2026-02-30” is not a date (write it as YYYY-MM-DD)."]


def test_text_in_a_number_column_is_named_by_row_and_column():
    found = problems(csv_file("date,Alerts,Hours\n2026-01-01,1,2\n2026-01-02,many,2\n"))
    assert found == ["Row 3, column B (Alerts): “many” is not a number."]


def test_a_duplicate_date_names_both_rows():
    found = problems(csv_file("date,Alerts\n2026-01-01,1\n2026-01-02,2\n2026-01-01,3\n"))
    assert found == ["Row 4, column A (date): Duplicate date 2026-01-01 (already in row 2)."]


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_an_empty_file_is_refused(text):
    assert problems(csv_file(text)) == ["File: The file is empty."]


def test_headings_without_rows_are_refused():
    assert problems(csv_file("date,Alerts\n")) == [
        "File: The file has a heading row but no data rows."
    ]


@pytest.mark.parametrize("cell", ["=SUM(A1:A3)", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1"])
def test_a_csv_formula_is_refused(cell):
    found = problems(csv_file(f'date,Alerts\n2026-01-01,"{cell}"\n'))
    assert len(found) == 1
    assert found[0].startswith("Row 2, column B (Alerts): ")
    assert "formula" in found[0]


def test_a_negative_number_is_not_a_formula():
    table = read_upload(csv_file("date,Change\n2026-01-01,-3.5\n"), dated=True)
    assert table.rows[0][1] == [Decimal("-3.5")]


def test_an_xlsx_is_read_with_real_dates_and_numbers():
    upload = xlsx_file([["date", "Alerts"], [date(2026, 1, 1), 5], ["2026-01-02", 6.5]])
    table = read_upload(upload, dated=True)
    assert table.rows == [(date(2026, 1, 1), [Decimal(5)]), (date(2026, 1, 2), [Decimal("6.5")])]


def test_an_xlsx_formula_is_refused_by_row_and_column():
    upload = xlsx_file([["date", "Alerts", "Hours"], [date(2026, 1, 1), 5, "=B2*2"]])
    assert problems(upload) == ["Row 2, column C (Hours): A formula; enter the value itself."]


def test_a_file_that_is_not_an_xlsx_is_refused():
    assert problems(SimpleUploadedFile("x.xlsx", b"PK\x03\x04 not really")) == [
        "File: Not a readable XLSX file."
    ]


def test_another_kind_of_file_is_refused():
    assert problems(SimpleUploadedFile("x.pdf", b"%PDF-1.4")) == [
        "File: Upload a .csv or .xlsx file."
    ]


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.DATADESK_MAX_IMPORT_BYTES = 1024

    class Unreadable(io.BytesIO):
        size = 50 * 1024 * 1024
        name = "huge.csv"

        def read(self, *args):
            raise AssertionError("the file was read")

    found = problems(Unreadable())
    assert found == ["File: The file is 51200 KB; the limit is 1 KB."]


def test_a_stream_longer_than_it_says_is_cut_at_the_limit(settings):
    settings.DATADESK_MAX_IMPORT_BYTES = 1024
    upload = csv_file("date,Alerts\n" + "2026-01-01,1\n" * 200)
    upload.size = 10  # a false size: reading stops one byte past the limit anyway
    assert problems(upload) == ["File: The file is over the 1 KB limit."]


def test_many_problems_are_listed_then_summarised():
    rows = "".join(f"2026-01-{day:02d},x\n" for day in range(1, 29))
    found = problems(csv_file("date,Alerts\n" + rows))
    assert len(found) == 21
    assert found[-1] == "… and 8 more problems."


def test_categories_keep_labels_and_refuse_formula_labels():
    table = read_upload(csv_file("region,Budget\nNorth,10\nSouth,20\n"), dated=False)
    assert [x for x, _ in table.rows] == ["North", "South"]
    assert problems(csv_file("region,Budget\n=cmd,10\n"), dated=False) == [
        "Row 2, column A (region): Looks like a formula."
    ]


@pytest.mark.django_db
def test_csv_round_trip_is_identical():
    dataset = make_dataset(days=30)
    first = frame_to_csv(dataset.frame())
    other = make_dataset(slug="copy", title="Copy", series=())
    dataset_import(dataset=other, table=read_upload(csv_file(first), dated=True))
    second = frame_to_csv(other.frame())
    assert second == first
    # And again through the same dataset, replacing everything: nothing changes.
    changes = dataset_import(
        dataset=dataset, table=read_upload(csv_file(first), dated=True), replace=True
    )
    assert changes == []
    assert frame_to_csv(dataset.frame()) == first


@pytest.mark.django_db
def test_csv_round_trip_keeps_decimals_gaps_and_big_numbers():
    dataset = make_dataset(series=(), slug="mixed")
    text = "date,Pledged,Share\n2026-01-01,1250000000,12.5\n2026-01-02,,0.125\n2026-01-03,-40,\n"
    dataset_import(dataset=dataset, table=read_upload(csv_file(text), dated=True))
    assert frame_to_csv(dataset.frame()) == text
