"""Hostile YAML gets one clear line and exit 1 within bounded time and memory — or is harmless."""

from __future__ import annotations

import resource
import subprocess

import pytest
import yaml
from conftest import CLAIMS, claims_document, timeline_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline

MEMORY_LIMIT = 2 * 1024**3  # the CLI must cope with every case below inside 2 GiB ...
TIME_LIMIT = 60  # ... and a minute (it takes well under a second; this only bounds a hang)


def laughs(levels: int = 10) -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return ("\n".join(lines) + f"\ntopics: *l{levels - 1}\n").encode()


HOSTILE = {
    "python_object": (b"topics: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
                      "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "billion_laughs": (laughs(), "too many values — an alias bomb or a runaway anchor?"),
    # libyaml may refuse this before our own depth limit does, in words that change
    # between its versions: the behaviour held is one line at line 1 and exit 1
    "deep_flow_nesting": (b"claims: " + b"[" * 100_000 + b"]" * 100_000, None),
    "deep_block_nesting": ("".join(" " * i + "- \n" for i in range(3000)).encode(),
                           "nested more than 64 levels deep"),
    "moderate_nesting": (b"claims: " + b"[" * 100 + b"]" * 100, "nested more than 64 levels"),
    "non_utf8": (b"topics: []\nspeakers: \xff\xfe\n", "the file is not UTF-8 text: byte 0xff"),
    "nul_byte": (b"topics: [\x00]\n", "unacceptable character #x0000"),
    "tabs": (b"topics:\n\t- id: x\n",
             "not valid YAML: found character that cannot start any token"),
    "a_list": (b"- topics\n- claims\n", "the file is a list: expected a mapping"),
    "a_scalar": (b"hello\n", "the file is a single value: expected a mapping"),
    "empty": (b"", "the file is empty: expected a mapping"),
    "only_comments": (b"# nothing here\n", "the file is empty: expected a mapping"),
    "binary": (bytes(range(256)) * 4, "not UTF-8 text"),
}


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def validate(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(timeline_cli() + ["validate", str(path)], capture_output=True,
                          text=True, timeout=TIME_LIMIT, preexec_fn=limit_resources)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_gets_one_line_and_exit_1(tmp_path, name):
    data, message = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    result = validate(path)
    assert result.returncode == 1, result.stderr
    *problems, count = result.stderr.splitlines()
    assert count == f"{len(problems)} problem{'s' * (len(problems) != 1)} found"
    assert all(line.startswith(f"{path}:") for line in problems), result.stderr
    if message:
        assert message in problems[0]
    else:
        assert len(problems) == 1 and problems[0].startswith(f"{path}:1: "), result.stderr
    assert "Traceback" not in result.stderr


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 300 MB on paper, nothing on disk
        handle.truncate(300 * 1024**2)
    result = validate(path)
    assert result.returncode == 1
    assert "file is 300 MB, over the 200 MB limit (TIMELINE_MAX_BYTES)" in result.stderr


@pytest.mark.parametrize("transform", [
    lambda b: b"\xef\xbb\xbf" + b,  # UTF-8 BOM from Windows editors
    lambda b: b.replace(b"\n", b"\r\n"),  # CRLF line ends
])
def test_harmless_variants_are_accepted(tmp_path, transform):
    path = tmp_path / "claims.yaml"
    path.write_bytes(transform(CLAIMS.read_bytes()))
    assert validate(path).returncode == 0
    assert len(timeline.load(path).claims) == len(timeline.load(CLAIMS).claims)


VALID = yaml.safe_dump(claims_document(), allow_unicode=True, sort_keys=False)


@st.composite
def mutated(draw) -> str:
    """A valid file with a few random edits: characters, YAML syntax, whole lines."""
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "replace", "dup", "drop"]))
        snippet = draw(st.one_of(st.text(max_size=8), st.sampled_from(
            [": ", "- ", "&a ", "*a", "!!binary ", "[", "}", "'", '"', "\t", "? ", "|", "---",
             "stance: 9", "id: x", "2024-13", "~", "<<: *a"])))
        line = lines[where]
        cut = draw(st.integers(0, len(line)))
        if action == "insert":
            lines[where] = line[:cut] + snippet + line[cut:]
        elif action == "delete":
            lines[where] = line[:cut] + line[cut + 3:]
        elif action == "replace":
            lines[where] = snippet
        elif action == "dup":
            lines.insert(where, line)
        else:
            del lines[where]
        text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_loader_accepts_or_reports_never_crashes(text):
    try:
        timeline.parse_claims(text.encode("utf-8", "surrogatepass"), "fuzz.yaml")
    except timeline.ClaimsError as error:
        assert error.problems and all(str(p).startswith("fuzz.yaml") for p in error.problems)
