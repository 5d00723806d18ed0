"""The registry as a Markdown table: what each change purges. ``manage.py cache_rules``
prints it; ``docs/architecture.md`` holds a copy that a test keeps equal to it."""

from __future__ import annotations

from . import registry
from . import tags as cache_tags

START = "<!-- cache-rules:start -->"
END = "<!-- cache-rules:end -->"


def _first_line(function) -> str:
    return " ".join((function.__doc__ or function.__name__).split("\n\n")[0].split())


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _tags(rule: registry.Rule) -> str:
    found = [f"`{tag}`" for tag in rule.tags]
    if rule.pages is not None:
        found.append(f"`page:<id>` of {_first_line(rule.pages)}")
    return ", ".join(found)


def markdown() -> str:
    rows = [
        "| when this changes | on | tags bumped | purged at the edge | what readers see change |",
        "|---|---|---|---|---|",
    ]
    for rule in registry.all_rules():
        when = f" ({_first_line(rule.when)})" if rule.when else ""
        edge = _first_line(rule.edge) if rule.edge else ""
        rows.append(
            f"| `{_label(rule.model)}`{when} | {', '.join(rule.events)} | {_tags(rule)} | "
            f"{edge} | {rule.affects} |"
        )
    rows += ["", "| page type | a stored page of it also depends on |", "|---|---|"]
    shown = registry.page_types_shown()
    for model in sorted(shown, key=_label):
        tags = ", ".join(f"`{tag}`" for tag in shown[model]) or "nothing more"
        rows.append(f"| `{_label(model)}` | {tags} |")
    rows.append(
        f"| any other page type, or a view that declares nothing | `{cache_tags.LISTING}` |"
    )
    return "\n".join(rows) + "\n"
