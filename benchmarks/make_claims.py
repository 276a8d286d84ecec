"""Write a valid synthetic claims file with N claims, deterministic for a seed.

    python benchmarks/make_claims.py 10000 -o /tmp/claims-10k.yaml [--seed 7] [--topics 5]

Many speakers, topics and sources; Chinese quotes and English renderings of
realistic length (drawn from the bundled dataset's range); dates spread over
2020-2026 with year, month and day precision. Like a real dataset, its first
topics are the featured ones its `dataset:` header names, which a chart opens on,
each holding three times the claims of any other. Used by benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.export import write_atomic  # noqa: E402

FEATURED, FEATURED_WEIGHT = 3, 3
"""How many topics are featured, and how many times more claims each holds than any other."""

CJK_FIRST, CJK_COUNT = 0x4E00, 0x5200  # the common block of CJK ideographs
WORDS = ("model scaling open source long context agent reasoning vision data compute "
         "benchmark training product users architecture attention efficiency research").split()
ORGS = ["Moonshot AI", "Lab A", "Lab B", "Lab C", "Startup D", "Institute E"]


def chinese(rng: random.Random, low: int, high: int) -> str:
    text = "".join(chr(CJK_FIRST + rng.randrange(CJK_COUNT))
                   for _ in range(rng.randint(low, high)))
    cut = rng.randint(5, max(6, len(text) - 5))
    return f"{text[:cut]}，{text[cut:]}。"


def english(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def make_document(n: int, seed: int = 7, topic_count: int | None = None) -> dict:
    """N claims; `topic_count` topics (default: one per 500 claims, 3 to 40)."""
    rng = random.Random(seed)
    count = topic_count or max(3, min(40, n // 500))
    topics = [{"id": f"topic-{i}", "label": f"Topic {i}", "labels": {"zh": f"话题{i}"},
               "description": english(rng, 6, 12), "negative": english(rng, 4, 8),
               "positive": english(rng, 4, 8), "keywords": [chinese(rng, 2, 3)[:2], WORDS[i % 18]]}
              for i in range(count)]
    speakers = [{"id": f"speaker-{i}", "name": f"Speaker {i}", "names": {"zh": f"发言人{i}"},
                 "organization": ORGS[i % len(ORGS)], "role": "Founder"}
                for i in range(max(4, min(300, n // 300)))]
    sources = []
    for i in range(max(5, min(2000, n // 50))):
        year, month = rng.randint(2020, 2026), rng.randint(1, 10)
        sources.append({"id": f"source-{i}", "title": f"Interview {i}",
                        "outlet": f"Outlet {i % 30}",
                        "kind": rng.choice(["interview", "podcast", "ama", "article"]),
                        "url": f"https://example.com/source/{i}",
                        "published": f"{year}-{month:02d}-28", "language": "zh"})
    featured = [t["id"] for t in topics[:FEATURED]]
    weights = [FEATURED_WEIGHT if t["id"] in featured else 1 for t in topics]
    claims = [_claim(rng, i, topics, weights, speakers, sources) for i in range(n)]
    header = {"title": f"Synthetic claims ({n:,})", "featured_topics": featured}
    return {"dataset": header, "topics": topics, "speakers": speakers, "sources": sources,
            "claims": claims}


def _claim(rng: random.Random, i: int, topics: list, weights: list, speakers: list,
           sources: list) -> dict:
    source = rng.choice(sources)
    year, month = int(source["published"][:4]), int(source["published"][5:7])
    day = rng.randint(1, 27)
    date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
    return {"id": f"claim-{i}", "date": date, "speaker": rng.choice(speakers)["id"],
            "topic": rng.choices(topics, weights)[0]["id"], "stance": rng.randint(-2, 2),
            "stance_note": english(rng, 8, 20), "quote": chinese(rng, 15, 120),
            "translation": english(rng, 10, 50), "summary": english(rng, 6, 14),
            "source": source["id"], "location": f"Q{rng.randint(1, 40)}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--topics", type=int, help="how many topics [default: N / 500, 3 to 40]")
    args = parser.parse_args()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    document = make_document(args.n, args.seed, args.topics)
    text = yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
