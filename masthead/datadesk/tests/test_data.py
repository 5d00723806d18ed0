from datetime import date

import pytest

from masthead.datadesk.data import Frame

from .factories import make_dataset

pytestmark = pytest.mark.django_db


def test_frame_gives_every_series_sorted_by_date():
    dataset = make_dataset(days=3)
    frame = dataset.frame()
    assert isinstance(frame, Frame)
    assert [one.name for one in frame.series] == ["Alerts", "Strikes"]
    assert frame.series[0].points == [
        (date(2026, 1, 1), 10.0),
        (date(2026, 1, 2), 11.0),
        (date(2026, 1, 3), 12.0),
    ]
    assert frame.series[1].change == 1.0
    assert frame.rows()[0] == (date(2026, 1, 1), [10.0, 20.0])


def test_frame_picks_series_and_date_range():
    dataset = make_dataset(days=10)
    frame = dataset.frame(series=["Strikes"], start=date(2026, 1, 3), end=date(2026, 1, 4))
    assert [one.name for one in frame.series] == ["Strikes"]
    assert frame.series[0].points == [(date(2026, 1, 3), 22.0), (date(2026, 1, 4), 23.0)]
    by_id = dataset.frame(series=[frame.series[0].id])
    assert [one.name for one in by_id.series] == ["Strikes"]


def test_category_frame_keeps_entered_order(django_assert_max_num_queries):
    dataset = make_dataset(x_kind="category", days=3, slug="regions")
    with django_assert_max_num_queries(2):
        frame = dataset.frame()
    assert [x for x, _ in frame.series[0].points] == ["Region 0", "Region 1", "Region 2"]
    assert not frame.is_dated
