"""Shared fixtures: one builder for small claims files, so tests never copy-paste YAML."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims.yaml"
SOURCES = ROOT.parent / "shared" / "sources"

BASE: dict[str, Any] = {
    "topics": [
        {"id": "open-source", "label": "Open vs. closed", "labels": {"zh": "开源"},
         "description": "Open weights or not.", "negative": "Keep models closed.",
         "positive": "Open-source frontier models.", "keywords": ["开源", "open source"]},
        {"id": "long-context", "label": "Long context", "labels": {"zh": "长文本"},
         "description": "Context length.", "negative": "Not a priority.",
         "positive": "Core capability.", "keywords": ["长文本"]},
    ],
    "speakers": [
        {"id": "yang-zhilin", "name": "Yang Zhilin", "names": {"zh": "杨植麟"},
         "organization": "Moonshot AI", "role": "CEO"},
        {"id": "zhou-xinyu", "name": "Zhou Xinyu", "names": {"zh": "周昕宇"},
         "organization": "Moonshot AI", "role": "Co-founder"},
    ],
    "sources": [
        {"id": "talk-2024", "title": "Talk 2024", "outlet": "Outlet", "kind": "interview",
         "url": "https://example.com/2024", "published": "2024-03-01", "held": "2024-02",
         "language": "zh"},
        {"id": "talk-2025", "title": "Talk 2025", "outlet": "Outlet", "kind": "podcast",
         "url": "https://example.com/2025", "published": "2025-08-27", "language": "zh"},
    ],
    "claims": [],
}


LONG_POLES = {
    "positive": "Open weights are the right choice for every lab today, and closed models will "
                "fall behind within a year or two at most; nobody should doubt it (really).",
    "negative": "前沿模型应当闭源，开源落后，领先者不开源，这是一个非常长的句子用于测试换行的文字。"
                "闭源模型会一直领先。",
}
"""Poles longer than four lines of a lane's pole column, in English and in Chinese."""


def claim(ident: str, date: str, stance: int, topic: str = "open-source",
          speaker: str = "yang-zhilin", source: str | None = None, **extra: Any) -> dict[str, Any]:
    """A valid claim record; override any field with keyword arguments."""
    record = {
        "id": ident, "date": date, "speaker": speaker, "topic": topic, "stance": stance,
        "stance_note": "Why this stance.", "quote": f"引文{ident}", "translation": f"Quote {ident}",
        "summary": f"Summary {ident}", "source": source or f"talk-{date[:4]}",
        "location": "Section 1",
    }
    record.update(extra)
    return record


def claims_document(claims: list[dict[str, Any]] | None = None, **sections: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["claims"] = claims if claims is not None else [
        claim("yang-2024-closed", "2024-02", -2, source="talk-2024"),
        claim("yang-2025-open", "2025-07", 1, source="talk-2025"),
    ]
    document.update(sections)
    return document


def english_document() -> dict:
    """A dataset that is neither Moonshot's nor Chinese: English only, an organization
    speaking, no translations, no publication date, no locations."""
    return {
        "dataset": {"title": "What the lab said", "language": "en",
                    "featured_topics": ["open-source", "safety"]},
        "topics": [
            {"id": "open-source", "label": "Open weights", "description": "d",
             "negative": "Closed.", "positive": "Open."},
            {"id": "safety", "label": "Safety", "description": "d", "negative": "n",
             "positive": "p"},
            {"id": "pricing", "label": "Pricing", "description": "d", "negative": "n",
             "positive": "p"},
        ],
        "speakers": [{"id": "openai", "name": "OpenAI", "kind": "organization"},
                     {"id": "sam-altman", "name": "Sam Altman", "organization": "OpenAI",
                      "role": "CEO"}],
        "sources": [{"id": "blog", "title": "A blog post", "outlet": "Blog", "kind": "article",
                     "language": "en", "file": "blog.txt"}],
        "claims": [
            {"id": "openai-open", "date": "2025-08", "speaker": "openai", "topic": "open-source",
             "stance": 1, "stance_note": "n", "quote": "We are releasing open weights.",
             "summary": "s", "source": "blog"},
            {"id": "altman-safety", "date": "2025-08-05", "speaker": "sam-altman",
             "topic": "safety", "stance": 2, "stance_note": "n",
             "quote": "Safety comes first.", "summary": "s", "source": "blog"},
        ],
    }


@pytest.fixture
def write_claims(tmp_path: Path):
    """Write a claims document (dict or raw text) to a file and return its path."""

    def write(document: dict[str, Any] | str | None = None, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        if document is None or isinstance(document, dict):
            text = yaml.safe_dump(document or claims_document(), allow_unicode=True,
                                  sort_keys=False)
        else:
            text = document
        path.write_text(text, encoding="utf-8")
        return path

    return write


def timeline_cli() -> list[str]:
    """The installed `timeline` entry point (the real one a user runs)."""
    found = shutil.which("timeline", path=str(Path(sys.executable).parent)) or shutil.which(
        "timeline")
    assert found, "the `timeline` console script is not installed: pip install -e '.[test]'"
    return [found]


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(timeline_cli() + list(args), capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=120)


def missing(reason: str) -> NoReturn:
    """A test's prerequisite is absent: fail when CI is set (a green CI must have run
    the test), skip with the reason elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


def require_sources() -> Path:
    """The shared source texts (../shared/sources)."""
    if not SOURCES.is_dir():
        missing(f"the source texts are not at {SOURCES}")
    return SOURCES
