"""What an import did, item by item, for the final report."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    dry_run: bool = False
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item, error): nothing stored
    raw_kept: list[tuple[str, str]] = field(default_factory=list)  # (item, what)
    removed: list[tuple[str, str]] = field(default_factory=list)  # hostile content removed
    remote_not_fetched: list[tuple[str, str]] = field(default_factory=list)  # (item, address)
    notes: list[tuple[str, str]] = field(default_factory=list)
    subscribers_imported: int = 0
    subscribers_updated: int = 0

    def lines(self, *, limit: int = 50) -> list[str]:
        """The report as text: counts first, then each list (the first ``limit`` entries)."""
        verb = "would be " if self.dry_run else ""
        out = [
            f"Imported: {len(self.imported)} {verb}new, {len(self.updated)} {verb}updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped, "
            f"{len(self.failed)} failed.",
        ]
        if self.subscribers_imported or self.subscribers_updated:
            out.append(
                f"Subscribers: {self.subscribers_imported} {verb}new, "
                f"{self.subscribers_updated} {verb}updated."
            )
        sections = [
            ("Failed (nothing of these was stored)", self.failed),
            ("Skipped", self.skipped),
            ("Kept as raw HTML (no block holds it)", self.raw_kept),
            ("Hostile HTML removed", self.removed),
            ("Remote images not fetched (use --fetch-remote)", self.remote_not_fetched),
            ("Notes", self.notes),
        ]
        for title, entries in sections:
            if not entries:
                continue
            out.append(f"{title}: {len(entries)}")
            out += [f"  - {item}: {what}" for item, what in entries[:limit]]
            if len(entries) > limit:
                out.append(f"  … and {len(entries) - limit} more")
        if self.dry_run:
            out.append("Dry run: nothing was stored.")
        return out

    def as_dict(self) -> dict:
        return {
            "imported": len(self.imported),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "raw_kept": len(self.raw_kept),
            "remote_not_fetched": len(self.remote_not_fetched),
            "subscribers_imported": self.subscribers_imported,
            "subscribers_updated": self.subscribers_updated,
        }
