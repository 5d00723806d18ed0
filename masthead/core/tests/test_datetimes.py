"""Machine-readable datetimes: whole seconds in UTC, valid in HTML's datetime attribute."""

from datetime import UTC, date, datetime, timedelta, timezone

from django.template import Context, Template

from masthead.core.datetimes import iso_datetime


def test_fractions_of_a_second_are_dropped_and_the_zone_is_utc():
    kyiv = timezone(timedelta(hours=2))
    value = datetime(2026, 12, 2, 0, 52, 11, 523672, tzinfo=kyiv)
    assert iso_datetime(value) == "2026-12-01T22:52:11Z"


def test_strings_from_json_payloads_dates_and_nothing():
    assert iso_datetime("2026-12-01T22:52:11.523672+00:00") == "2026-12-01T22:52:11Z"
    assert iso_datetime(date(2026, 12, 1)) == "2026-12-01"
    assert iso_datetime(None) == ""
    assert iso_datetime("not a date") == ""


def test_the_template_filter_writes_the_same():
    value = datetime(2026, 12, 1, 22, 52, 11, 523672, tzinfo=UTC)
    html = Template('{% load core_tags %}<time datetime="{{ value|iso_datetime }}"></time>').render(
        Context({"value": value})
    )
    assert html == '<time datetime="2026-12-01T22:52:11Z"></time>'
