"""DATA.md's coding rules stay true to the data: every topic documented, every example real."""

from __future__ import annotations

import re

from conftest import CLAIMS, ROOT

import timeline

ROW = re.compile(r"^\| ([+-]?\d) \| .+ \| `([a-z0-9-]+)`: (.+) \|$")


def test_every_topic_has_its_rules_and_examples_match_the_data():
    dataset = timeline.load(CLAIMS)
    text = (ROOT / "DATA.md").read_text(encoding="utf-8")
    for topic in dataset.topics:
        assert f"### `{topic.id}`" in text, f"DATA.md lacks rules for {topic.id}"
    examples = [ROW.match(line) for line in text.splitlines()]
    examples = [m for m in examples if m]
    assert len(examples) >= 3 * len(dataset.topics)
    for match in examples:
        stance, ident, quote = int(match[1]), match[2], match[3]
        claim = dataset.claim[ident]
        assert claim.stance == stance, ident
        assert quote == claim.quote.replace("|", "¦"), ident
