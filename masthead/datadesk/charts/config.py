"""What an editor chose for one chart (the ChartBlock's value, or an embed's query string),
reduced to plain, hashable data: the cache key of the rendered chart."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .spec import FORM_NAMES, LINE

MAX_ANNOTATIONS = 10
MAX_SERIES = 8
MAX_TEXT = 500


class BadChart(ValueError):
    """An embed's query string names something a chart cannot show (answered with a 400)."""


@dataclass(frozen=True)
class ChartConfig:
    dataset_id: int
    form: str = LINE
    series: tuple[str, ...] = ()
    start: datetime.date | None = None
    end: datetime.date | None = None
    # The latest N days of a dated dataset (a running tally's chart follows the tally).
    last_days: int | None = None
    title: str = ""
    description: str = ""
    annotations: tuple[tuple[datetime.date, str], ...] = field(default=())

    def key(self) -> str:
        return json.dumps(
            [
                self.dataset_id,
                self.form,
                list(self.series),
                self.start.isoformat() if self.start else None,
                self.end.isoformat() if self.end else None,
                self.last_days,
                self.title,
                self.description,
                [[day.isoformat(), text] for day, text in self.annotations],
            ],
            ensure_ascii=False,
        )

    def query(self) -> str:
        """The embed URL's query string that gives this chart back (``from_query``)."""
        params = {"form": self.form}
        if self.series:
            params["series"] = ",".join(self.series)
        for name in ("start", "end"):
            if getattr(self, name):
                params[name] = getattr(self, name).isoformat()
        if self.last_days:
            params["last"] = str(self.last_days)
        if self.title:
            params["title"] = self.title
        pairs = list(params.items())
        pairs += [("note", f"{day.isoformat()}:{text}") for day, text in self.annotations]
        return urlencode(pairs)

    @classmethod
    def from_block(cls, value, dataset_id: int) -> ChartConfig:
        notes = tuple(
            (note["date"], note["text"])
            for note in (value.get("annotations") or [])
            if note.get("date") and note.get("text")
        )
        series = tuple(
            name.strip() for name in (value.get("series") or "").split(",") if name.strip()
        )
        return cls(
            dataset_id=dataset_id,
            form=value.get("form") or LINE,
            series=series,
            start=value.get("start"),
            end=value.get("end"),
            last_days=value.get("last_days") or None,
            title=value.get("title") or "",
            description=value.get("description") or "",
            annotations=notes[:MAX_ANNOTATIONS],
        )

    @classmethod
    def from_query(cls, dataset_id: int, query) -> ChartConfig:
        """From an embed's query string; ``BadChart`` with a message a person can act on."""
        form = query.get("form", LINE)
        if form not in FORM_NAMES:
            raise BadChart(f"Unknown chart form {form[:40]!r}: use one of {sorted(FORM_NAMES)}.")
        series = tuple(s.strip()[:120] for s in query.get("series", "").split(",") if s.strip())
        if len(series) > MAX_SERIES:
            raise BadChart(f"At most {MAX_SERIES} series in one chart.")
        dates = {}
        for name in ("start", "end"):
            raw = query.get(name, "")
            try:
                dates[name] = datetime.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise BadChart(f"{name} must be a date written YYYY-MM-DD.") from None
        raw_last = query.get("last", "")
        if raw_last and not (raw_last.isdigit() and 0 < int(raw_last) <= 36500):
            raise BadChart("last must be a number of days between 1 and 36500.")
        raw_notes = query.getlist("note") if hasattr(query, "getlist") else []
        if len(raw_notes) > MAX_ANNOTATIONS:
            raise BadChart(f"At most {MAX_ANNOTATIONS} notes in one chart.")
        notes = []
        for raw in raw_notes:
            day, _, text = raw.partition(":")
            try:
                notes.append((datetime.date.fromisoformat(day), text.strip()[:120]))
            except ValueError:
                raise BadChart("A note is written YYYY-MM-DD:text.") from None
        return cls(
            dataset_id=dataset_id,
            form=form,
            series=series,
            start=dates["start"],
            end=dates["end"],
            last_days=int(raw_last) if raw_last else None,
            title=query.get("title", "")[:200],
            annotations=tuple(notes),
        )
