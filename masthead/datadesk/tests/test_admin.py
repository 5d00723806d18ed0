"""Editors' views: the snippet, the table editor, the import, the one-day form, the log."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from masthead.audit.models import AuditEntry
from masthead.datadesk.models import DataPoint

from .factories import make_dataset
from .test_tables import csv_file, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    return make_dataset(days=5)


@pytest.fixture
def staff(client, editor):
    client.force_login(editor)
    return client


def values(dataset, name="Alerts"):
    return dict(dataset.frame(series=[name]).series[0].points)


def test_the_dataset_snippet_edit_form_links_to_its_figures(staff, dataset):
    response = staff.get(reverse("wagtailsnippets_datadesk_dataset:edit", args=[dataset.pk]))
    assert response.status_code == 200
    assert reverse("datadesk_admin:add", args=[dataset.pk]).encode() in response.content
    listing = staff.get(reverse("wagtailsnippets_datadesk_dataset:list"))
    assert b"Air-raid alerts" in listing.content


def test_the_one_day_form_has_a_date_and_one_field_per_series_and_suggests_the_next_day(
    staff, dataset
):
    response = staff.get(reverse("datadesk_admin:add", args=[dataset.pk]))
    form = response.context["form"]
    assert list(form.fields) == [
        "x",
        f"series_{dataset.series.all()[0].pk}",
        f"series_{dataset.series.all()[1].pk}",
        "note",
    ]
    assert form.fields["x"].initial == date(2026, 1, 6)


def test_adding_a_days_figures_saves_them_and_logs_who_changed_what(staff, dataset, editor):
    alerts, strikes = dataset.series.all()
    response = staff.post(
        reverse("datadesk_admin:add", args=[dataset.pk]),
        {
            "x": "2026-01-06",
            f"series_{alerts.pk}": "31",
            f"series_{strikes.pk}": "",
            "note": "Night",
        },
    )
    assert response.status_code == 302
    assert values(dataset)[date(2026, 1, 6)] == 31.0
    assert date(2026, 1, 6) not in values(dataset, "Strikes")
    entry = AuditEntry.objects.get(action="datadesk.values_changed")
    assert entry.actor == editor
    assert entry.target_id == str(dataset.pk)
    assert entry.data["changes"] == [
        {"series": "Alerts", "x": "2026-01-06", "old": None, "new": "31"}
    ]
    assert entry.data["note"] == "Night"
    # A revision keeps the values as they now are.
    dataset.refresh_from_db()
    assert "2026-01-06,31," in dataset.latest_revision.content["values_csv"]


def test_the_one_day_form_refuses_an_empty_day_and_text(staff, dataset):
    alerts = dataset.series.all()[0]
    url = reverse("datadesk_admin:add", args=[dataset.pk])
    assert staff.post(url, {"x": "2026-01-06"}).status_code == 400
    response = staff.post(url, {"x": "2026-01-06", f"series_{alerts.pk}": "lots"})
    assert response.status_code == 400
    assert DataPoint.objects.filter(x_date=date(2026, 1, 6)).count() == 0
    assert not AuditEntry.objects.filter(action__startswith="datadesk.").exists()


def test_a_reporter_cannot_change_figures(client, reporter, dataset):
    client.force_login(reporter)
    for name in ("add", "table", "import"):
        # Wagtail's admin answers a refused view with a redirect to the dashboard.
        response = client.get(reverse(f"datadesk_admin:{name}", args=[dataset.pk]))
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
    alerts = dataset.series.all()[0]
    client.post(
        reverse("datadesk_admin:add", args=[dataset.pk]),
        {"x": "2026-01-06", f"series_{alerts.pk}": "31"},
    )
    assert date(2026, 1, 6) not in values(dataset)


def _grid_post(response, **changes):
    """The table form as the browser would send it, with some cells changed."""
    data = {"rows": str(len(response.context["rows"]))}
    for index, x_text, _is_new, _error, cells in response.context["rows"]:
        data[f"x-{index}"] = x_text
        for name, text, _error, _label in cells:
            data[name] = text
    data.update(changes)
    return data


def test_the_table_editor_changes_removes_and_adds_values(staff, dataset, editor):
    url = reverse("datadesk_admin:table", args=[dataset.pk])
    page = staff.get(url)
    assert page.status_code == 200
    alerts, strikes = dataset.series.all()
    new_row = len(page.context["rows"]) - 3
    data = _grid_post(
        page,
        **{
            f"v-0-{alerts.pk}": "99",
            f"v-1-{strikes.pk}": "",
            f"x-{new_row}": "2026-01-09",
            f"v-{new_row}-{alerts.pk}": "7",
        },
    )
    assert staff.post(url, data).status_code == 302
    assert values(dataset)[date(2026, 1, 1)] == 99.0
    assert date(2026, 1, 2) not in values(dataset, "Strikes")
    assert values(dataset)[date(2026, 1, 9)] == 7.0
    entry = AuditEntry.objects.get(action="datadesk.values_changed")
    assert entry.actor == editor
    assert {(c["series"], c["x"], c["old"], c["new"]) for c in entry.data["changes"]} == {
        ("Alerts", "2026-01-01", "10", "99"),
        ("Strikes", "2026-01-02", "21", None),
        ("Alerts", "2026-01-09", None, "7"),
    }


def test_the_table_editor_saves_nothing_when_one_cell_is_wrong(staff, dataset):
    url = reverse("datadesk_admin:table", args=[dataset.pk])
    page = staff.get(url)
    alerts = dataset.series.all()[0]
    data = _grid_post(page, **{f"v-0-{alerts.pk}": "55", f"v-1-{alerts.pk}": "=A1"})
    response = staff.post(url, data)
    assert response.status_code == 400
    assert "is not a number" in response.content.decode()
    assert values(dataset)[date(2026, 1, 1)] == 10.0


def test_a_new_row_cannot_overwrite_a_date_outside_the_window(staff, dataset):
    url = reverse("datadesk_admin:table", args=[dataset.pk]) + "?start=2026-01-04"
    page = staff.get(url)
    alerts = dataset.series.all()[0]
    new_row = len(page.context["rows"]) - 3
    data = _grid_post(page, **{f"x-{new_row}": "2026-01-01", f"v-{new_row}-{alerts.pk}": "1"})
    response = staff.post(url, data)
    assert response.status_code == 400
    assert values(dataset)[date(2026, 1, 1)] == 10.0


def test_importing_a_csv_adds_series_and_values(staff, dataset):
    upload = csv_file("date,Alerts,Drones\n2026-01-06,12,40\n2026-01-01,10,\n")
    response = staff.post(reverse("datadesk_admin:import", args=[dataset.pk]), {"file": upload})
    assert response.status_code == 302
    assert values(dataset, "Drones") == {date(2026, 1, 6): 40.0}
    assert values(dataset)[date(2026, 1, 6)] == 12.0
    entry = AuditEntry.objects.get(action="datadesk.values_changed")
    assert entry.data["how"] == "import"
    assert entry.data["changed_count"] == 2


def test_a_rejected_file_saves_nothing_and_names_the_cell(staff, dataset):
    before = list(DataPoint.objects.order_by("pk").values_list("pk", "value"))
    upload = xlsx_file(
        [["date", "Alerts", "New series"], ["2026-01-06", 1, 2], ["2026-01-07", "x", 3]]
    )
    response = staff.post(reverse("datadesk_admin:import", args=[dataset.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Row 3, column B (Alerts): “x” is not a number." in response.content.decode()
    assert "Nothing was imported" in response.content.decode()
    assert list(DataPoint.objects.order_by("pk").values_list("pk", "value")) == before
    assert dataset.series.count() == 2
    assert not AuditEntry.objects.filter(action__startswith="datadesk.").exists()


def test_a_replacing_import_removes_rows_not_in_the_file(staff, dataset):
    upload = csv_file("date,Alerts,Strikes\n2026-01-01,1,2\n")
    staff.post(
        reverse("datadesk_admin:import", args=[dataset.pk]), {"file": upload, "replace": "on"}
    )
    assert values(dataset) == {date(2026, 1, 1): 1.0}


def test_a_50_mb_upload_is_refused_from_its_announced_size(staff, dataset, settings):
    settings.DATADESK_MAX_IMPORT_BYTES = 5 * 1024 * 1024
    url = reverse("datadesk_admin:import", args=[dataset.pk])
    # Only the header announces the size: the view answers before reading the body.
    response = staff.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "larger than the 5120 KB limit" in response.content.decode()


def test_an_upload_over_the_limit_stops_being_read(staff, dataset, settings):
    settings.DATADESK_MAX_IMPORT_BYTES = 70 * 1024
    body = "date,Alerts\n" + "".join(f"2026-01-01,{n}\n" for n in range(20000))
    upload = csv_file(body)
    response = staff.post(reverse("datadesk_admin:import", args=[dataset.pk]), {"file": upload})
    assert response.status_code == 413
    assert DataPoint.objects.filter(value=Decimal(19999)).count() == 0


def test_the_snippet_history_lists_revisions(staff, dataset):
    alerts = dataset.series.all()[0]
    staff.post(
        reverse("datadesk_admin:add", args=[dataset.pk]),
        {"x": "2026-01-06", f"series_{alerts.pk}": "31"},
    )
    assert dataset.revisions.count() == 1
    response = staff.get(reverse("wagtailsnippets_datadesk_dataset:history", args=[dataset.pk]))
    assert response.status_code == 200


def test_an_editor_creates_a_dataset_with_its_series_in_the_snippet_form(staff):
    from masthead.datadesk.models import Dataset

    data = {
        "title": "Aid pledged",
        "slug": "aid-pledged",
        "description": "",
        "x_kind": "date",
        "x_label": "date",
        "update_frequency": "weekly",
        "source_name": "Donor reports",
        "source_url": "https://example.org/aid",
        "methodology": "",
        "series-TOTAL_FORMS": "1",
        "series-INITIAL_FORMS": "0",
        "series-MIN_NUM_FORMS": "1",
        "series-MAX_NUM_FORMS": "1000",
        "series-0-name": "Pledged",
        "series-0-unit": "EUR m",
        "series-0-colour": "2",
        "series-0-ORDER": "1",
        "series-0-DELETE": "",
        "series-0-id": "",
    }
    response = staff.post(reverse("wagtailsnippets_datadesk_dataset:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dataset = Dataset.objects.get(slug="aid-pledged")
    assert [(s.name, s.unit, s.colour) for s in dataset.series.all()] == [("Pledged", "EUR m", 2)]
    assert dataset.revisions.count() == 1


def test_rows_cannot_switch_from_dates_to_categories_once_there_are_figures(dataset):
    from django.core.exceptions import ValidationError

    dataset.x_kind = "category"
    with pytest.raises(ValidationError) as caught:
        dataset.full_clean()
    assert "x_kind" in caught.value.message_dict
    empty = make_dataset(slug="empty", series=())
    empty.x_kind = "category"
    empty.full_clean()


def test_removing_a_series_in_the_form_is_logged_with_its_values(staff, dataset, editor):
    alerts, strikes = dataset.series.all()
    data = {
        "title": dataset.title,
        "slug": dataset.slug,
        "description": "",
        "x_kind": "date",
        "x_label": "date",
        "update_frequency": "daily",
        "source_name": "Demo source",
        "source_url": "https://example.org/source",
        "methodology": "",
        "series-TOTAL_FORMS": "2",
        "series-INITIAL_FORMS": "2",
        "series-MIN_NUM_FORMS": "1",
        "series-MAX_NUM_FORMS": "1000",
    }
    for index, one in enumerate((alerts, strikes)):
        data.update(
            {
                f"series-{index}-id": str(one.pk),
                f"series-{index}-name": one.name,
                f"series-{index}-unit": one.unit,
                f"series-{index}-colour": str(one.colour),
                f"series-{index}-ORDER": str(index + 1),
                f"series-{index}-DELETE": "on" if one == strikes else "",
            }
        )
    response = staff.post(reverse("wagtailsnippets_datadesk_dataset:edit", args=[dataset.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [one.name for one in dataset.series.all()] == ["Alerts"]
    entry = AuditEntry.objects.get(action="datadesk.series_removed")
    assert entry.actor == editor
    assert entry.data["removed"] == [{"series": "Strikes", "values_removed": 5}]
