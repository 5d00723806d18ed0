"""docs/architecture.md answers "what is purged when X changes?" from the registry itself."""

from pathlib import Path

from masthead.caching.rules_table import END, START, markdown

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"


def test_the_architecture_doc_holds_the_table_the_registry_makes():
    text = DOC.read_text()
    copy = text[text.index(START) + len(START) : text.index(END)].strip()
    assert copy == markdown().strip(), "run `manage.py cache_rules` and paste it into the doc"


def test_every_model_with_a_rule_names_what_readers_see_change():
    from masthead.caching import registry

    for rule in registry.all_rules():
        assert rule.affects.strip(), rule
        assert rule.tags or rule.pages, rule
