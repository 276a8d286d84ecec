"""`timeline suggest`: reading transcripts, scoring passages, the command, and how well it finds
the curated claims (the honest measurement of issue 8, on the shared source texts)."""

from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import BASE, CLAIMS, claim, claims_document, require_sources, run_cli

import timeline
from timeline.ranking import position_kinds, stance_weight
from timeline.suggest import (
    already_quoted,
    default_top,
    read_passages,
    render_stubs,
    split_long,
    suggest_claims,
    turn_labels,
)
from timeline.verify import normalise_whitespace

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from suggest_recall import without_source  # noqa: E402  (the benchmark's held-out files)

PRECISION_AT = 20  # the command's default --top for up to a hundred candidates
HELD_OUT = {"podcast-2025", "zhidx-ama-2026"}  # not looked at while tuning the ranking

INTERVIEW = """\
# 访谈

### 01 开源与长文本

张小珺：你怎么看开源？会不会落后？

杨植麟：我觉得开源很重要，这是关键的一步。

长文本也一样。

**长文本**：编辑的解释，提到开源。

_（编者注：斜体的说明，开源）_

举个例子：这仍然是杨植麟的话，讲开源社区。

张小珺：那长文本呢？

杨植麟：会继续做。
"""

DIGEST = """\
问题集：
#1
Q：会开源吗？
A：会，敬请期待！
解读，博主认为开源很好。
#2
Q：长文本有计划吗？
A：在做。
第二行也是回答：长文本很重要。
无解读
"""


def sources(file: str = "talk.txt") -> list[dict[str, object]]:
    found = copy.deepcopy(BASE["sources"])
    found[1]["file"] = file
    return found


@pytest.fixture
def dataset(write_claims) -> timeline.Dataset:
    return timeline.load(write_claims(claims_document(
        [claim("yang-2024-closed", "2024-02", -2, source="talk-2024", quote="闭源更好。")],
        sources=sources())))


def suggest(text: str, data: timeline.Dataset, speaker: str | None = "yang-zhilin"):
    return suggest_claims(text, data, data.source["talk-2025"], data.speaker.get(speaker or ""))


def test_turn_label_styles_are_read_generally():
    lines = ["杨植麟：一", "A：二", "Q：三", "周昕宇:四", "(3)网友提问:五", "Yang Zhilin: six",
             "**Host:** seven", "举个例子:八", "李四：九", "李四：十", "https://example.com"]
    labels = turn_labels(lines, known_names=["杨植麟", "周昕宇", "Yang Zhilin"])
    assert labels == {"杨植麟", "A", "Q", "周昕宇", "网友提问", "Yang Zhilin", "Host", "李四"}


def test_passages_keep_turns_headings_lines_and_skip_glosses():
    passages = read_passages(INTERVIEW, ["杨植麟"])
    by_line = {p.line: p for p in passages}
    assert by_line[7].text == "我觉得开源很重要，这是关键的一步。"
    assert by_line[7].heading == "01 开源与长文本"
    assert (by_line[7].label, by_line[7].first) == ("杨植麟", True)
    assert (by_line[9].label, by_line[9].first) == ("杨植麟", False)
    assert 11 not in by_line and 13 not in by_line  # bold and italic glosses
    assert by_line[15].label == "杨植麟" and by_line[15].text.startswith("举个例子：")
    assert by_line[17].label == "张小珺"


def test_only_the_speakers_words_are_suggested(dataset):
    found = {c.line: c for c in suggest(INTERVIEW, dataset)}
    assert set(found) == {7, 9, 15, 19}  # not the host's questions, not the editor's glosses
    first = found[7]
    assert (first.topic, first.speaker, first.date, first.source) == (
        "open-source", "yang-zhilin", "2025-08-27", "talk-2025")
    assert first.matched == ("开源",) and first.from_question == ("开源",)
    assert first.id == "yang-2025-open-source-line-7" and first.stance is None
    assert found[19].topic == "long-context" and found[19].matched == ()  # from its question
    assert found[7].score > found[15].score  # a stance cue (我觉得, 关键) ranks it higher


def test_ama_digest_answers_stand_for_the_team_and_commentary_is_dropped(dataset):
    found = suggest(DIGEST, dataset, speaker="zhou-xinyu")  # never named: answers are theirs
    assert [(c.line, c.quote, c.heading) for c in sorted(found, key=lambda c: c.line)] == [
        (4, "会，敬请期待！", "#1"), (8, "在做。", "#2"),
        (9, "第二行也是回答：长文本很重要。", "#2")]
    assert {c.speaker for c in found} == {"zhou-xinyu"}
    assert {c.speaker for c in suggest(DIGEST, dataset, speaker=None)} == {None}


def test_numbered_sections_headlines_and_article_boilerplate(dataset):
    text = "导语，开源。\n\n01.\n\n开源的标题\n\n(1)网友提问:开源吗?\n\n杨植麟:开源。\n\n" \
           "一行标题讲开源没有标点\n\n标签: 开源 长文本\n"
    passages = read_passages(text, ["杨植麟"])
    assert [(p.text, p.label, p.heading) for p in passages] == [
        ("导语，开源。", None, ""), ("开源吗?", "网友提问", "01. 开源的标题"),
        ("开源。", "杨植麟", "01. 开源的标题"),
        ("一行标题讲开源没有标点", "杨植麟", "01. 开源的标题"),
        ("开源 长文本", "标签", "01. 开源的标题")]
    assert [c.quote for c in suggest(text, dataset)] == ["开源。"]


def test_unmarked_text_is_kept_whole_but_its_questions(dataset):
    text = "开源重要吗？\nI think open source matters. We should open the weights.\n"
    found = suggest(text, dataset)
    assert [c.quote for c in found] == ["I think open source matters. We should open the weights."]
    assert found[0].matched == ("open source",)


def test_english_turns_and_the_wrong_speaker(dataset):
    text = "Interviewer: Is open source behind?\nYang Zhilin: Open source lags, I think.\n" \
           "Interviewer: And long context?\n"
    assert [c.quote for c in suggest(text, dataset)] == ["Open source lags, I think."]
    with pytest.raises(ValueError, match="no turn in the text is labelled '周昕宇'; its labels"):
        suggest(text, dataset, speaker="zhou-xinyu")


def test_passages_already_quoted_are_dropped_either_way(dataset):
    assert already_quoted("他说：闭源更好。  真的", ["闭源更好。"])
    assert already_quoted("闭源  更好", [normalise_whitespace("闭源 更好。")])  # as callers pass
    assert not already_quoted("开源更好。", ["闭源更好。"])
    assert suggest("杨植麟：闭源更好。\n杨植麟：开源不如闭源。\n", dataset)[0].line == 2


def test_timestamped_turns_are_read_without_their_times(dataset):
    text = ("[00:00:12] 张小珺：你怎么看开源？\n[00:00:20] 杨植麟：我觉得开源非常重要。\n"
            "(00:01:05) 张小珺：长文本呢？\n00:01:10 杨植麟：长文本是关键。\n"
            "【00:01:30】还有一点，开源社区也重要。\n")
    found = sorted(suggest(text, dataset), key=lambda c: c.line)
    assert [(c.line, c.quote, c.speaker) for c in found] == [
        (2, "我觉得开源非常重要。", "yang-zhilin"), (4, "长文本是关键。", "yang-zhilin"),
        (5, "还有一点，开源社区也重要。", "yang-zhilin")]


def test_speaker_lines_with_a_time_head_the_turns_below_them(dataset):
    """Meeting-minute exports (Feishu, Tingwu, Otter): the name and a time on a line of their
    own, the words on the lines below; subtitle cue numbers and timings are not words."""
    text = ("张小珺  00:00\n你怎么看开源？\n\n杨植麟  00:08\n我觉得开源很重要。\n"
            "长文本也一样重要。\n\n张小珺 01:12\n那多模态呢？\n\nYang Zhilin  1:20:05\n"
            "Multimodality is a must, and open source too.\n\n"
            "12\n01:21:00,000 --> 01:21:04,500\n开源也要做。\n")
    found = sorted(suggest(text, dataset), key=lambda c: c.line)
    assert [(c.line, c.quote) for c in found] == [
        (5, "我觉得开源很重要。"), (6, "长文本也一样重要。"),
        (12, "Multimodality is a must, and open source too."), (16, "开源也要做。")]
    assert {c.speaker for c in found} == {"yang-zhilin"}
    assert found[0].from_question == ("开源",)


def test_hard_wrapped_paragraphs_are_joined_as_verify_reads_them(dataset, tmp_path):
    text = ("杨植麟：我觉得开源是非常重要的一件事情，因为它可以让更多的\n"
            "开发者用上最好的模型，这是我们一直以来的\n判断。\n短的一行没有标点\n"
            "主持人：那长文本呢？\n"
            "杨植麟：Long context matters because agents need to read whole\n"
            "codebases and long documents, we think.\n")
    found = sorted(suggest(text, dataset), key=lambda c: c.line)
    assert [(c.line, c.quote) for c in found] == [
        (1, "我觉得开源是非常重要的一件事情，因为它可以让更多的开发者用上最好的模型，"
            "这是我们一直以来的判断。"),
        (6, "Long context matters because agents need to read whole codebases and long "
            "documents, we think.")]
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    assert all(normalise_whitespace(c.quote) in normalise_whitespace(text) for c in found)


ANONYMOUS = ("Speaker 1: What about open source, is it behind?\n"
             "Speaker 2: I think open source is important for the ecosystem.\n"
             "Speaker 1: Open source models are catching up.\n"
             "Speaker 2: Long context is key.\n")


def test_numbered_anonymous_labels_are_turns_a_speaker_can_be_given(dataset):
    """Speech-to-text exports number their voices: no words of theirs is anyone's until the
    curator says whose label it is; then only that label's turns are."""
    assert turn_labels(ANONYMOUS.splitlines()) == {"Speaker 1", "Speaker 2"}
    with pytest.raises(ValueError, match="labels are Speaker 1, Speaker 2 — "
                                         "pass --label with --speaker"):
        suggest(ANONYMOUS, dataset)
    found = suggest_claims(ANONYMOUS, dataset, dataset.source["talk-2025"],
                           dataset.speaker["yang-zhilin"], label="Speaker 2")
    assert sorted((c.line, c.quote, c.speaker) for c in found) == [
        (2, "I think open source is important for the ecosystem.", "yang-zhilin"),
        (4, "Long context is key.", "yang-zhilin")]
    with pytest.raises(ValueError, match="no turn in the text is labelled 'Speaker 3'"):
        suggest_claims(ANONYMOUS, dataset, dataset.source["talk-2025"],
                       dataset.speaker["yang-zhilin"], label="Speaker 3")


@pytest.mark.parametrize("text", [
    "<p><strong>杨植麟：</strong>我觉得开源很重要。</p>\n<p><strong>主持人：</strong>为什么？</p>",
    "【杨植麟】我觉得开源很重要。\n【主持人】为什么？",
    "[杨植麟]：我觉得开源很重要。\n[主持人]：为什么？",
    "杨植麟（月之暗面创始人）：我觉得开源很重要。\n张小珺（主持人）：为什么？",
    "> 杨植麟：我觉得开源很重要。\n> 主持人：为什么？",
    "- 杨植麟：我觉得开源很重要。\n- 主持人：为什么？",
])
def test_label_styles_of_articles_and_markdown(text):
    passages = read_passages(text, ["杨植麟"])
    assert [(p.label is not None and "杨植麟" in p.label, p.text) for p in passages] == [
        (True, "我觉得开源很重要。"), (False, "为什么？")]


def test_a_known_name_in_a_writers_phrase_is_not_a_turn():
    """`杨植麟表示：` introduces what a writer says he said: not his turn at first sight."""
    passages = read_passages("杨植麟表示：开源会让模型更好。\n", ["杨植麟"])
    assert [(p.label, p.text) for p in passages] == [(None, "杨植麟表示：开源会让模型更好。")]


def test_an_english_name_with_its_role_is_a_label(dataset):
    text = ("Yang Zhilin (Moonshot AI): Open source matters a lot.\nHost: Why?\n"
            "Yang Zhilin (Moonshot AI): An open source ecosystem needs it.\n")
    assert sorted((c.line, c.speaker) for c in suggest(text, dataset)) == [
        (1, "yang-zhilin"), (3, "yang-zhilin")]


def test_a_paragraph_without_sentence_ends_is_still_cut_verbatim():
    text = "开源" * 400 + "，长文本" * 50
    chunks = split_long(text, limit=100)
    assert all(len(c) <= 100 for c in chunks)
    assert "".join(chunks) == text


def test_long_paragraphs_are_cut_at_sentence_ends_verbatim():
    text = "开源很重要。" * 80 + "Open source. " * 5
    chunks = split_long(text, limit=100)
    assert all(len(c) <= 100 for c in chunks) and len(chunks) > 5
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_hostile_text_gives_verbatim_quotes_and_valid_yaml(dataset):
    text = ("<html><body>\r\n<p>杨植麟︰我认为开源 *很* 重要!!!  # 注: - [x] {y} 'z' \"w\"</p>\r\n"
            "<div>杨植麟：长文本？？ 必须做……\u2028还是开源\x07。</div>\r\n"
            "<script>var 开源 = '<p>';</script>\r\n" + "杨植麟：" + "开源。" * 200 + "\r\n")
    found = suggest(text, dataset)
    assert found and all(c.quote in text for c in found)
    assert {c.line for c in found} >= {2, 3, 5}
    assert len({c.id for c in found}) == len(found)
    stubs = yaml.safe_load(render_stubs(found, "hostile.txt"))
    assert [s["quote"] for s in stubs] == [c.quote for c in found]
    assert all(s["stance"] is None for s in stubs)


@pytest.mark.parametrize("line", ["a" + " " * 50_000 + "b", "# " + " " * 50_000 + "x",
                                  "<a> " * 50_000 + "x", "Ab " * 50_000 + ":",
                                  "Ab " * 50_000 + " 00:12", "00:" * 30_000 + " x",
                                  "A (" * 30_000 + ":", "> " * 50_000 + "x"])
def test_pathological_lines_are_read_in_linear_time(line):
    started = time.perf_counter()
    read_passages(line, ["杨植麟"])
    assert time.perf_counter() - started < 5  # a backtracking regex would take minutes


def test_cli_prints_stubs_that_validate_and_verify_once_filled(tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text(INTERVIEW, encoding="utf-8")
    path = write_claims(claims_document(sources=sources()))
    before = path.read_bytes()
    result = run_cli("suggest", str(tmp_path / "talk.txt"), "--claims", str(path), "--top", "2")
    assert result.returncode == 0, result.stderr
    assert "# score" in result.stdout and "stance: null" in result.stdout
    stubs = yaml.safe_load(result.stdout)
    assert [s["location"] for s in stubs] == ["01 开源与长文本, line 7", "01 开源与长文本, line 9"]
    assert path.read_bytes() == before  # never writes claims.yaml
    for stub in stubs:
        stub.update(stance=1, stance_note="n", translation="e", summary="s")
    filled = write_claims(claims_document(stubs, sources=sources()), name="filled.yaml")
    assert run_cli("validate", str(filled)).returncode == 0
    verified = run_cli("verify", "--claims", str(filled), "--sources", str(tmp_path))
    assert verified.returncode == 0, verified.stderr


def test_cli_label_gives_a_numbered_voice_to_a_speaker(tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text(ANONYMOUS, encoding="utf-8")
    path = write_claims(claims_document(sources=sources()))
    result = run_cli("suggest", str(tmp_path / "talk.txt"), "--claims", str(path),
                     "--speaker", "yang-zhilin", "--label", "Speaker 2")
    assert result.returncode == 0, result.stderr
    assert sorted((s["quote"], s["speaker"]) for s in yaml.safe_load(result.stdout)) == [
        ("I think open source is important for the ecosystem.", "yang-zhilin"),
        ("Long context is key.", "yang-zhilin")]


@pytest.mark.parametrize(("args", "message"), [
    (["missing.txt"], "cannot read"),
    (["other.txt"], "no source in"),
    (["talk.txt", "--source", "talk-2250"], "unknown source 'talk-2250' — did you mean"),
    (["talk.txt", "--speaker", "yang-zhilni"], "did you mean 'yang-zhilin'?"),
    (["talk.txt", "--speaker", "zhou-xinyu"], "no turn in the text is labelled '周昕宇'"),
    (["talk.txt", "--label", "张小珺"], "--label needs --speaker"),
])
def test_cli_errors_are_one_line_and_exit_2(tmp_path, write_claims, args, message):
    for name in ("talk.txt", "other.txt"):
        (tmp_path / name).write_text(INTERVIEW, encoding="utf-8")
    path = write_claims(claims_document(sources=sources()))
    result = run_cli("suggest", *[str(tmp_path / a) if a.endswith(".txt") else a for a in args],
                     "--claims", str(path))
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "kinds"), [
    ("我认为开源应该更重要，而不是闭源。", 5),  # belief, modal, judgement, contrast, comparison
    ("I think open source should lead, but closed models are better today.", 4),
    ("We don't believe that matters.", 2),
    ("当时我们在做开源，后来去了美国。", 0),
    ("Back in 2019 we moved to Beijing.", 0),
])
def test_position_cues_are_counted_by_kind_in_chinese_and_english(text, kinds):
    assert position_kinds(text) == kinds


def test_a_stated_view_outranks_a_story_and_a_question(dataset):
    text = ("杨植麟：我觉得开源更重要，而不是闭源。\n"
            "杨植麟：当时我们在 2019 年做开源，后来去了美国。\n杨植麟：你说的是开源，对吗？\n")
    assert [c.line for c in suggest(text, dataset)][0] == 1
    assert stance_weight("We should open the weights.") > stance_weight("We opened the weights.")
    assert stance_weight("I remember when I was at Google.") < 1
    assert stance_weight("Is open source behind?") < stance_weight("Open source is behind.")


def test_featured_topics_rank_first_and_a_passage_keeps_its_own_topic(write_claims):
    text = "杨植麟：开源很重要，开源社区也很重要。\n杨植麟：长文本很重要。\n" \
           "杨植麟：开源和开源社区，比长文本更重要。\n"

    def ranked(**header: object) -> list[tuple[int, str]]:
        data = timeline.load(write_claims(claims_document([], sources=sources(), **header)))
        return [(c.line, c.topic) for c in suggest(text, data)]

    assert ranked() == [(3, "open-source"), (1, "open-source"), (2, "long-context")]
    featured = ranked(dataset={"title": "T", "featured_topics": ["long-context"]})
    assert featured == [(2, "long-context"), (3, "open-source"), (1, "open-source")]
    everything = ranked(dataset={"title": "T", "featured_topics": ["open-source", "long-context"]})
    assert everything == ranked()  # featuring every topic prefers none


def test_a_questions_topic_carries_along_its_answer_and_fades(dataset):
    text = ("主持人：长文本重要吗？\n杨植麟：我觉得是这样。\n\n我觉得是这样的。\n\n"
            "我觉得也是这样。\n")
    found = sorted(suggest(text, dataset), key=lambda c: c.line)
    assert [(c.line, c.topic, c.from_question) for c in found] == [
        (2, "long-context", ("长文本",)), (4, "long-context", ("长文本",)),
        (6, "long-context", ("长文本",))]
    assert found[0].score > found[1].score > found[2].score


def test_the_default_top_grows_with_the_candidates(tmp_path, write_claims):
    assert [default_top(n) for n in (0, 20, 100, 101, 250)] == [20, 20, 20, 21, 50]
    answers = "".join(f"主持人：第{i}个问题？\n杨植麟：开源第{i}点。\n" for i in range(120))
    (tmp_path / "talk.txt").write_text(answers, encoding="utf-8")
    path = write_claims(claims_document(sources=sources()))
    for args, count in (([], 24), (["--top", "0"], 120), (["--top", "5"], 5)):
        result = run_cli("suggest", str(tmp_path / "talk.txt"), "--claims", str(path), *args)
        assert result.returncode == 0, result.stderr
        assert len(yaml.safe_load(result.stdout)) == count, args


def found_in(quote: str, stubs: list[dict[str, object]]) -> bool:
    return any(normalise_whitespace(quote) in normalise_whitespace(str(s["quote"])) for s in stubs)


def test_recall_and_precision_on_the_curated_sources(tmp_path):
    """Remove one source's claims, suggest on its text, and count what comes back. Key
    passages (curated quotes on the featured topics) must rank inside the default top: on
    the sources the ranking was not tuned on, at least twice as often as a random order of
    the same candidates would put them there (measured here, per source, from its counts)."""
    folder, data, rows = require_sources(), timeline.load(CLAIMS), []
    for source in (s for s in data.sources if s.kind != "show-notes"):
        removed = [c for c in data.claims if c.source == source.id]
        path = tmp_path / f"without-{source.id}.yaml"
        path.write_text(yaml.safe_dump(without_source(data, source.id), allow_unicode=True))
        speakers = {c.speaker for c in removed}
        args = ["--speaker", *speakers] if len(speakers) == 1 else []
        result = run_cli("suggest", str(folder / source.file), "--claims", str(path),
                         "--top", "0", *args)
        assert result.returncode == 0, result.stderr
        stubs = yaml.safe_load(result.stdout) or []
        top = stubs[:default_top(len(stubs))]
        key = [c for c in removed if c.topic in data.featured_topics]
        key_found = sum(found_in(c.quote, stubs) for c in key)
        rows.append((source.id, len(removed), len(stubs),
                     sum(found_in(c.quote, stubs) for c in removed) / len(removed),
                     key_found / len(key),
                     sum(any(found_in(c.quote, [s]) for c in removed)
                         for s in stubs[:PRECISION_AT]) / PRECISION_AT,
                     sum(found_in(c.quote, top) for c in key),
                     key_found * min(1, len(top) / len(stubs)), len(key)))
    print(f"\nsuggest, per source: recall = removed quotes inside any suggestion (--top 0); "
          f"precision = top {PRECISION_AT} holding a curated quote; key = featured topics' "
          f"quotes in the default top, and by chance")
    print(f"{'source':16} {'removed':>7} {'suggested':>9} {'recall':>7} {'key':>5} "
          f"{'P@' + str(PRECISION_AT):>6} {'key, top':>8} {'chance':>6}")
    for name, removed_count, suggested, recall, key_recall, precision, shown, chance, keys in rows:
        print(f"{name:16} {removed_count:7} {suggested:9} {recall:7.0%} {key_recall:5.0%} "
              f"{precision:6.0%} {shown / keys:8.0%} {chance / keys:6.0%}")
    assert len(rows) == 4  # every conversation measured, not zero by a broken filter
    for name, _, _, recall, key_recall, precision, *_ in rows:
        assert key_recall >= 0.9 and recall >= 0.85 and precision >= 0.5, name
    held_out = [row for row in rows if row[0] in HELD_OUT]
    assert len(held_out) == len(HELD_OUT)
    assert sum(row[6] for row in held_out) >= 2 * sum(row[7] for row in held_out)


def test_help():
    result = run_cli("suggest", "--help")
    assert result.returncode == 0 and "Never writes claims.yaml" in " ".join(result.stdout.split())


REPORT = """\
Yang Zhilin says open source wins, the reporter writes, and Zhou Xinyu agrees on open source.

“I think open source is how the ecosystem grows,” Yang said on Tuesday. “We should open source \
every model we ship.”

Zhou Xinyu said, "Open source keeps us honest about long context too."

Critics called open source “a gift to rivals, nothing more,” and he did not reply.
"""


def test_a_report_gives_its_quotations_to_their_speakers_and_narration_to_nobody(dataset):
    found = suggest(REPORT, dataset, speaker=None)
    assert sorted((c.line, c.quote, c.speaker) for c in found) == [
        (3, "I think open source is how the ecosystem grows", "yang-zhilin"),
        (3, "We should open source every model we ship.", "yang-zhilin"),
        (5, "Open source keeps us honest about long context too.", "zhou-xinyu")]
    assert {c.said_by for c in found} == {"Yang", "Zhou Xinyu"}
    assert len({c.id for c in found}) == 3


def test_with_a_speaker_narration_is_still_narration(dataset):
    found = suggest(REPORT, dataset, speaker="yang-zhilin")
    assert [c.speaker for c in found] == ["yang-zhilin", "yang-zhilin"]
    assert not any("reporter" in c.quote or "Critics" in c.quote for c in found)
    assert all(c.quote in REPORT.replace("\\\n", "") for c in found)


def test_a_text_without_turns_or_quotations_keeps_only_first_person_paragraphs(dataset):
    text = ("Yang Zhilin believes open source will win.\n\n"
            "I think open source is the way, and we will open our weights.\n")
    assert [c.quote for c in suggest(text, dataset)] == [
        "I think open source is the way, and we will open our weights."]


@pytest.mark.parametrize("text", [
    "Host (00:00:05)\nWhat about open source?\n\nYang Zhilin (00:01:02)\nI think open source "
    "wins.\n\nHost (00:02:00)\nAnd open source for agents?\n\nYang Zhilin (00:02:10)\n"
    "Open source matters there too.\n",
    "Host (00:00:05): What about open source?\nYang Zhilin (00:01:02): I think open source "
    "wins.\nHost (00:02:00): And open source for agents?\nYang Zhilin (00:02:10): Open source "
    "matters there too.\n",
    "HOST: What about open source?\n\nYANG ZHILIN: I think open source wins.\n\n"
    "MS. LEE: And open source for agents?\n\nYANG ZHILIN: Open source matters there too.\n",
    'Senator Lee (D-CT): "What about open source?"\n\nYang Zhilin: "I think open source wins."'
    '\n\nYang Zhilin: [smiles at the open source question]\n\nSenator Lee (D-CT): And open '
    "source for agents?\n\n(Laughter.)\n\nZhilin (Moonshot AI): Open source matters there too.\n",
])
def test_timestamped_and_capitalised_turn_labels(dataset, text):
    found = suggest(text, dataset, speaker=None)
    assert sorted(c.quote for c in found) == ["I think open source wins.",
                                              "Open source matters there too."]
    assert {c.speaker for c in found} == {"yang-zhilin"}


def test_cli_on_an_english_report_with_a_speaker(tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text(REPORT, encoding="utf-8")
    path = write_claims(claims_document(sources=sources()))
    result = run_cli("suggest", str(tmp_path / "talk.txt"), "--claims", str(path),
                     "--speaker", "zhou-xinyu")
    assert result.returncode == 0, result.stderr
    stubs = yaml.safe_load(result.stdout)
    assert [(s["quote"], s["speaker"]) for s in stubs] == [
        ("Open source keeps us honest about long context too.", "zhou-xinyu")]
    assert "said by: Zhou Xinyu" in result.stdout
