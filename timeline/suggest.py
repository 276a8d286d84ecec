"""Assisted curation: rank a transcript's passages as candidate claims for a curator to judge.

Reading a whole transcript is the slow part of curating. This narrows it to the speaker's
own paragraphs on a topic, best first, verbatim and located, and names the keywords behind
each. It only points: stances stay None for a human (DATA.md); nothing writes claims.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from textwrap import indent

import yaml

from timeline.dataset import Dataset
from timeline.quotations import Quotation, names_pattern, quotations, speaker_names, unquoted
from timeline.ranking import (
    Scorer,
    ends_in_question,
    preferred,
    question_carry,
    stance_weight,
)
from timeline.schema import Source, Speaker
from timeline.validate import closest
from timeline.verify import BETWEEN_WIDE, normalise_whitespace

DEFAULT_TOP, TOP_SHARE = 20, 5  # the default output: 20, or one candidate in five if more
MAX_PASSAGE_CHARS = 300  # longer paragraphs (text without line breaks) are cut at sentence ends
WRAPPED_LINE_CHARS = 20  # a line this long that stops mid-sentence is carried on by the next
COMMENTARY = "解读"  # the label of a blogger's or editor's commentary: never anyone's claim

_COLONS = "：:︰∶"
_TIME = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"  # 1:20:05, 00:12, 00:00:01,000
_STAMP = rf"(?:[\[(（【]{_TIME}[\])）】]|{_TIME}(?=\s))"  # bare times only before a space
_LEADING_STAMP = re.compile(rf"^{_STAMP}\s*")
_TIMING = re.compile(rf"^(?:\d+|{_TIME}(?:\s*-->\s*{_TIME})?)$")  # subtitle cues, timings
_NAME = (rf"(?:[^\s{_COLONS}，。,.!?！？、*_#>【】\[\]]{{1,16}}"  # numbered voices: Speaker 2
         r"|[A-Za-z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,3}(?: \d{1,2})?)"
         r"(?: ?[(（][^()（）]{1,40}[)）])?")  # and a role: Yang Zhilin (Moonshot AI)
_SPEAKER_LINE = re.compile(  # "杨植麟  00:08", "说话人 2 01:12", "Yang Zhilin  1:20:05"
    rf"^(?P<name>(?:{_NAME})(?: \d{{1,2}})?)[ \t]+(?:[\[(（【]{_TIME}[\])）】]|{_TIME})$")
_LABEL = re.compile(
    rf"^(?:[(（\[]\d{{1,3}}[)）\]]\s*)?(?:\*+\s*)?(?P<name>{_NAME})"
    rf"\s*(?:\*+\s*)?[{_COLONS}](?!//)\s*(?:\*+\s*)?")  # linear: no two adjacent \s* to backtrack
_ROLE_NOTE = re.compile(r" ?[(（][^()（）]*[)）]$")  # "杨植麟（月之暗面创始人）" is 杨植麟
_TIMED = re.compile(rf" ?[(（\[]{_TIME}[)）\]]$")  # "Sam Altman (00:01:02):" is Sam Altman
_CAPS_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}")  # THE PRESIDENT, MS. LEE
_ASIDE = re.compile(r"^(?:\[[^\[\]]*\]|[(（][^()（）]*[)）])$")  # [MUSIC], (Laughter.)
_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|[Ww]e|[Mm]y|[Oo]ur|[Mm]e)\b|我")
_BRACKET_LABEL = re.compile(rf"^[【\[](?P<name>{_NAME})[】\]]\s*(?:[{_COLONS}]\s*)?")  # 【杨植麟】
_MARKERS = {"q", "a", "问", "答", "question", "answer", "提问", "回答"}
_ANSWERS = {"a", "答", "answer", "回答"}
_ROLES = re.compile(r"主持|记者|提问|网友|观众|人士|嘉宾|编辑|作者|来源|标签|免责|出品|编译"
                    r"|host|interviewer|moderator|audience|reporter|editor", re.IGNORECASE)
_COMMENT = re.compile(r"^(?:无)?(?:解读|点评|编者按|编者注|编注|按语|注|editor'?s note|commentary)"
                      rf"\s*(?:[，,{_COLONS}、]|$)", re.IGNORECASE)
_BOUNDARY = re.compile(r"^(?:#{1,6}\s+(?P<title>.+)|(?P<number>#\d{1,4})"
                       r"|(?P<section>\d{1,3}[.、])|(?:[-*_]\s*){3,})$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n---[ \t]*\r?$", re.DOTALL | re.MULTILINE)
_GLOSS = re.compile(r"^(?:\*\*|__)|^_[^_].*_$|^\*[^*].*\*$")
_EDGE_TAGS = re.compile(r"^(?:\s*<[^<>]*>)+|(?:<[^<>]*>\s*)+$")
_LEADING_MARKS = re.compile(r"^(?:>\s*)+|^[-*•]\s+")  # Markdown quote and list marks
_ENDS = re.compile(r"[。！？；!?;…：:.”’\"'」』）)\]】]$")  # a line ending here is not a wrap
_CLOSERS = "”’\"'」』）)\\]】"  # a cut goes after the marks that close a sentence or clause
_SENTENCE_END = re.compile(rf"[。！？；!?;…]+[{_CLOSERS}]*|\.[{_CLOSERS}]*(?=\s)")
_CLAUSE_END = re.compile(rf"[，、,：:][{_CLOSERS}]*")
_PUNCTUATION = re.compile(r"[，。！？；：,.!?;:…、]")


class SuggestError(ValueError):
    """The text or an argument cannot give suggestions; the message says what to do."""


@dataclass(frozen=True)
class Passage:
    """One paragraph as written, where it is, and whose turn holds it."""

    text: str
    line: int
    heading: str
    label: str | None  # the turn's label; None outside any turn, or when no turns are marked
    turn: int  # numbers the turns, so an answer can find its question
    first: bool  # the turn's first paragraph: the one a question's topic carries over to
    part: int = 0  # which piece of a paragraph longer than MAX_PASSAGE_CHARS


@dataclass(frozen=True)
class Candidate:
    """A suggested claim: what a stub needs, and why it was suggested."""

    id: str
    topic: str
    matched: tuple[str, ...]
    from_question: tuple[str, ...]
    score: float
    quote: str
    line: int
    heading: str
    speaker: str | None  # None: the text's answers are not attributed to a person
    date: str
    source: str
    others: tuple[str, ...] = ()  # next-best topics
    said_by: str = ""  # the name a report gives the quotation's speaker
    stance: None = None

    def stub(self) -> dict[str, object]:
        """The record to paste, in claims.yaml's field order; the blanks are the curator's."""
        where = f"{self.heading}, line {self.line}" if self.heading else f"line {self.line}"
        return {"id": self.id, "date": self.date, "speaker": self.speaker, "topic": self.topic,
                "stance": self.stance, "stance_note": "", "quote": self.quote, "translation": "",
                "summary": "", "source": self.source, "location": where}


def turn_labels(lines: Sequence[str], known_names: Sequence[str] = ()) -> set[str]:
    """Names before a colon at a line's start (`杨植麟：`, `A：`, `(3)网友提问:`, after a time
    such as `[00:12]`), or alone with a time (`杨植麟  00:08`), that mark turns: known
    speakers, Q/A markers, roles, or names that recur — not a one-off "举个例子:"."""
    counts = Counter(label_name(m) for line in map(bare, lines)
                     if (m := _SPEAKER_LINE.match(line) or label_match(untimed(line))))
    known = names_pattern([*known_names, *_MARKERS])
    return {name for name, count in counts.items() if not name.isdigit() and (
        count > 1 or known.fullmatch(_ROLE_NOTE.sub("", name)) or _ROLES.search(name)
        or _CAPS_LABEL.fullmatch(name) or re.search("[A-Za-z]", name) and known.search(name))}


def label_name(match: re.Match[str]) -> str:
    """The label as a name: without the time some transcripts add (`Sam Altman (00:01:02)`)."""
    return _TIMED.sub("", match.group("name"))


def bare(line: str) -> str:
    """The line without the HTML tags, Markdown quote or list marks around its text."""
    return _LEADING_MARKS.sub("", _EDGE_TAGS.sub("", line).strip(), count=1)


def label_match(line: str) -> re.Match[str] | None:
    """`杨植麟：`, `**Host:**`, `(3)网友提问:` or `【杨植麟】` at the line's start."""
    return _LABEL.match(line) or _BRACKET_LABEL.match(line)


def read_passages(text: str, known_names: Sequence[str] = ()) -> list[Passage]:
    """Every paragraph (no curated quote spans two) with its line, heading and turn label.
    Headings, rules and commentary (`解读`, `编者按`) end a turn; glosses (lines opening in bold,
    italic lines) are skipped. Lines split on "\\n" only: numbers match an editor's. A
    hard-wrapped paragraph's lines are joined, numbered by its first."""
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group().count("\n"), text)  # metadata block
    lines = text.split("\n")
    labels = turn_labels(lines, known_names)
    paragraphs: list[_Paragraph] = []
    heading, label, turn, first, number = "", None, 0, True, ""
    for line_number, raw in enumerate(lines, 1):
        body = bare(raw)  # what stays of the line is verbatim
        if (speaker_line := _SPEAKER_LINE.match(body)) and label_name(speaker_line) in labels:
            label, turn, first = label_name(speaker_line), turn + 1, True
            continue
        body = untimed(body)
        if not body or _TIMING.match(body):
            continue
        if number:  # "01." on its own line: the next line is the section's title
            heading, number = f"{number} {body}", ""
            continue
        boundary = _BOUNDARY.match(body)
        labelled = False
        if boundary or _COMMENT.match(body):
            heading = boundary and (boundary["title"] or boundary["number"]) or heading
            number = boundary["section"] or "" if boundary else ""
            label, turn, first = (None if boundary else COMMENTARY), turn + 1, True
            if label is None:
                continue
        elif (match := label_match(body)) and label_name(match) in labels:
            label, turn, first, labelled = label_name(match), turn + 1, True, True
            body = bare(body[match.end():])  # `杨植麟：</strong>…`
        elif _GLOSS.match(body):
            continue
        last = paragraphs[-1] if paragraphs else None
        if last and not labelled and last.continues_on(line_number, turn):
            last.extend(body, line_number)
        elif body:
            paragraphs.append(_Paragraph(body, line_number, heading, label, turn, first))
        first = first and not body
    return [Passage(chunk, p.line, p.heading, p.label, p.turn, p.first and i == 0, i)
            for p in paragraphs  # narration stays whole: a quotation in it may be long
            for i, chunk in enumerate(split_long(unquoted(p.text)) if p.label else [p.text])]


@dataclass
class _Paragraph:
    """Lines of one paragraph: one line, or a hard-wrapped paragraph's lines joined."""

    text: str
    line: int
    heading: str
    label: str | None
    turn: int
    first: bool
    last_line: int = 0
    last_length: int = 0

    def __post_init__(self) -> None:
        self.last_line, self.last_length = self.line, len(self.text)

    def continues_on(self, line: int, turn: int) -> bool:
        """The next line carries on this paragraph: it follows with no blank line in the same
        turn, and this one's last line was a long one that stopped mid-sentence (a wrap)."""
        return (line == self.last_line + 1 and turn == self.turn
                and self.last_length >= WRAPPED_LINE_CHARS and not _ENDS.search(self.text))

    def extend(self, body: str, line: int) -> None:
        """Join as `verify` compares: no space between two Chinese characters, else one."""
        wide = BETWEEN_WIDE.search(self.text[-1] + " " + body[0])
        self.text += ("" if wide else " ") + body
        self.last_line, self.last_length = line, len(body)


def untimed(line: str) -> str:
    """The line without the time it opens with (`[00:12]`, `00:01:10 `): the rest is verbatim."""
    return _LEADING_STAMP.sub("", line, count=1)


def split_long(paragraph: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """The paragraph, or verbatim runs of whole sentences when it is longer than `limit`;
    a sentence longer than that is cut after its clauses, and a clause at `limit`."""
    chunks = [""]
    for piece in [paragraph] if len(paragraph) <= limit else _pieces(paragraph, limit):
        if chunks[-1] and len(chunks[-1]) + len(piece) > limit:
            chunks.append("")
        chunks[-1] += piece
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def _pieces(paragraph: str, limit: int) -> list[str]:
    """Sentences, or for one longer than `limit` its clauses, or slices of `limit` characters."""
    return [cut for sentence in _cut_after(_SENTENCE_END, paragraph)
            for clause in ([sentence] if len(sentence) <= limit
                           else _cut_after(_CLAUSE_END, sentence))
            for cut in (clause[i:i + limit] for i in range(0, len(clause), limit))]


def _cut_after(ends: re.Pattern[str], text: str) -> list[str]:
    """`text` cut after each match of `ends`, so a closing ” stays with its sentence."""
    cuts = [m.end() for m in ends.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]


def names_by_speaker(speakers: Sequence[Speaker]) -> dict[str, str]:
    """Lowercased name → speaker id: each speaker's names, and a Latin name's unshared surname."""
    return speaker_names((s.id, [s.name, *s.names.values()]) for s in speakers)


def speaker_labels(labels: set[str], speakers: Sequence[Speaker], wanted: Speaker | None
                   ) -> dict[str, str | None]:
    """Which labels hold whose words: label → speaker id (None: unattributed answers, `A：`).
    A label names a speaker by a name or surname (`Senator Blumenthal (D-CT)`, `SAM ALTMAN`).
    Answer markers stand for the wanted speaker only when no label names them (AMA digests)."""
    names = names_by_speaker([wanted] if wanted else speakers)
    owners: dict[str, str | None] = {
        label: who for label in labels for name, who in names.items()
        if re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", label.lower())
        or len(label) > 1 and label.lower() in name}
    if not owners or wanted is None:
        owners |= {label: wanted.id if wanted else None for label in labels
                   if label.lower() in _ANSWERS}
    return owners


@dataclass(frozen=True)
class Kept:
    """A passage kept as a speaker's words: whose, the question it answers, and the name
    the text gives when a report attributes it (`said_by`)."""

    passage: Passage
    speaker: str | None
    question: str = ""
    said_by: str = ""
    depth: int = 0  # paragraphs of the same answer before this one


def keep_speaker_turns(passages: Sequence[Passage], owners: dict[str, str | None],
                       wanted: str | None, names: dict[str, str]) -> list[Kept]:
    """The wanted speakers' own words. In turns: the owners' paragraphs (lines without
    punctuation after a turn's first are captions, bracketed asides are stage directions).
    Outside turns, text is narration: only the quotations it attributes are kept. A text with
    neither turns nor attributed quotations is one voice's: its first-person paragraphs, but
    for questions, are kept for `wanted`."""
    marked = any(p.label not in (None, COMMENTARY) for p in passages)
    narration = [p for p in passages if p.label is None]
    quoted = dict(zip(map(id, narration), quotations([p.text for p in narration], names),
                      strict=True))
    reported = any(quoted.values())
    turns = {turn: " ".join(p.text for p in group) for turn, group in groupby(
        passages, key=lambda p: p.turn)}
    kept: list[Kept] = []
    question = ""
    depth: Counter[int] = Counter()
    for p in passages:
        if p.label is None and (marked or reported):
            kept += [Kept(piece, q.speaker, "", q.said_by) for q, piece in _pieces_of(p, quoted)
                     if q.speaker == wanted or wanted is None]
        elif p.label is None:
            kept += [Kept(piece, wanted) for piece in _split(p, p.text)
                     if _FIRST_PERSON.search(piece.text) and not ends_in_question(piece.text)]
        elif p.label not in owners:
            question = turns[p.turn] if p.label != COMMENTARY else question
        elif (p.first or _PUNCTUATION.search(p.text)) and not _ASIDE.match(p.text):
            kept.append(Kept(p, owners[p.label], question, depth=depth[p.turn]))
            depth[p.turn] += 1
    return kept


def _pieces_of(p: Passage, quoted: dict[int, list[Quotation]]
               ) -> list[tuple[Quotation, Passage]]:
    """Each quotation of a narration paragraph as passages (a long one cut like a turn's)."""
    pieces = [(q, piece) for q in quoted[id(p)] for piece in _split(p, q.text)]
    return [(q, replace(piece, part=i)) for i, (q, piece) in enumerate(pieces)]


def _split(p: Passage, text: str) -> list[Passage]:
    """`text` of paragraph `p` as passages no longer than MAX_PASSAGE_CHARS."""
    return [replace(p, text=chunk, first=p.first and i == 0, part=i)
            for i, chunk in enumerate(split_long(text))]


def already_quoted(text: str, quotes: Sequence[str]) -> bool:
    """True when the passage holds a quote or lies inside one (whitespace aside: `quotes` come
    through `normalise_whitespace`)."""
    return any(q in t or t in q for t in [normalise_whitespace(text)] for q in quotes)


def speaker_passages(text: str, dataset: Dataset, speaker: Speaker | None = None,
                     label: str | None = None) -> list[Kept]:
    """The passages of `text` that are a known speaker's words (`speaker`'s alone, if given),
    before any topic is asked; `SuggestError` when no turn is a speaker's. `label` names the
    turns that are `speaker`'s when the text does not (`Speaker 2`)."""
    if label is not None and speaker is None:
        raise SuggestError("--label needs --speaker: whose turns does the label mark?")
    names = names_by_speaker(dataset.speakers)
    passages = read_passages(text, [*names, *([label] if label else [])])
    labels = {p.label for p in passages if p.label is not None and p.label != COMMENTARY}
    if label is None:
        owners = speaker_labels(labels, dataset.speakers, speaker)
        who = (f"'{dataset.speaker_names(speaker.id)[-1]}'" if speaker
               else "with a known speaker's name")
        hint = " — pass --label with --speaker to say whose turns one of them marks"
    else:
        owners = {label: speaker.id} if label in labels and speaker else {}
        who, hint = f"'{label}'", ""
    if (labels or label) and not owners:
        raise SuggestError(f"no turn in the text is labelled {who}; its labels are "
                           f"{', '.join(sorted(labels)) or 'none'}{hint}")
    return keep_speaker_turns(passages, owners, speaker.id if speaker else None, names)


def suggest_claims(text: str, dataset: Dataset, source: Source, speaker: Speaker | None = None,
                   label: str | None = None) -> list[Candidate]:
    """Candidate claims from `text`, best first: `speaker_passages` that touch a topic and
    are not quoted yet."""
    quotes = [normalise_whitespace(c.quote) for c in dataset.claims]
    kept = [k for k in speaker_passages(text, dataset, speaker, label)
            if not already_quoted(k.passage.text, quotes)]
    scorer = Scorer.fit(dataset.topics, [k.passage.text for k in kept])
    date = str(source.held or source.published or "")
    pairs = Counter((c.speaker, c.id.split("-")[0]) for c in dataset.claims).most_common()
    prefixes = {who: prefix for (who, prefix), _ in reversed(pairs)}  # house style: yang-, team-
    featured = set(dataset.featured_topics)
    found = [c for k in kept if (c := _candidate(scorer, k, featured, date, source.id, prefixes))]
    return sorted(found, key=lambda c: (-c.score, c.line))


def default_top(candidates: int) -> int:
    """How many candidates the command prints by default: 20, or one in five when that is
    more. A long conversation holds more positions than a short article, and a fixed top
    would show a three-hour transcript's curator a smaller share of them."""
    return max(DEFAULT_TOP, -(-candidates // TOP_SHARE))


def shown(candidates: Sequence[Candidate], top: int | None) -> list[Candidate]:
    """The first `top` candidates: all for 0, `default_top` of them for None."""
    return list(candidates[:default_top(len(candidates)) if top is None else top or None])


def _candidate(scorer: Scorer, kept: Kept, featured: Collection[str], date: str, source: str,
               prefixes: dict[str, str]) -> Candidate | None:
    """The passage's best topic by its keywords and its question's; its score, the best with
    featured topics preferred, times its stance weight. None when no topic's keyword is in
    either."""
    p, speaker = kept.passage, kept.speaker
    own, asked = scorer.hits(p.text), scorer.hits(kept.question)
    scores = scorer.topic_scores(own, len(p.text), asked, question_carry(kept.depth))
    ranked = sorted(((s, t) for t, s in scores.items() if s > 0), reverse=True)
    rank = max(preferred(scores, featured).values(), default=0)
    if not ranked:
        return None
    best = ranked[0][1]
    prefix = prefixes.get(speaker or "", (speaker or "todo").split("-")[0])
    return Candidate(
        id=f"{prefix}-{date[:4]}-{best}-line-{p.line}" + (f"-{p.part + 1}" if p.part else ""),
        topic=best, matched=tuple(own[best]), from_question=tuple(asked[best]),
        score=round(rank * stance_weight(p.text), 3), quote=p.text,
        line=p.line, heading=p.heading, speaker=speaker, date=date, source=source,
        others=tuple(t for _, t in ranked[1:3]), said_by=kept.said_by)


def resolve(dataset: Dataset, file_name: str, source_id: str | None = None,
            speaker_id: str | None = None) -> tuple[Source, Speaker | None]:
    """The source (by id, else the one whose `file` is the transcript's name) and speaker."""
    asked = (("source", source_id, dataset.source), ("speaker", speaker_id, dataset.speaker))
    for kind, ident, known in asked:
        if ident is not None and ident not in known:
            raise SuggestError(f"unknown {kind} '{ident}'{closest(ident, known)}")
    by_file = [s for s in dataset.sources if s.file == file_name]
    if not (source_id or by_file):
        raise SuggestError(f"no source in {dataset.path} has file '{file_name}' — add one with "
                           f"`file: {file_name}` (its date dates the claims), or pass --source ID")
    source = dataset.source[source_id] if source_id else by_file[0]
    return source, dataset.speaker.get(speaker_id or "")


def render_stubs(candidates: Sequence[Candidate], transcript: str) -> str:
    """YAML stubs to paste under `claims:`, best first, each with a comment saying why."""
    out = [f"# {len(candidates)} candidates from {transcript}. Keep those that state a position;"
           " fill in stance (-2..2, DATA.md),\n# stance_note, translation and summary; trim the "
           "quote to the shortest verbatim span; rename the id.\n"]
    for c in candidates:
        why = f"score {c.score:.2f} · line {c.line} · matched: {', '.join(c.matched) or '—'}"
        why += f" · from the question: {', '.join(c.from_question)}" if c.from_question else ""
        why += f" · also: {', '.join(c.others)}" if c.others else ""
        why += f" · said by: {c.said_by}" if c.said_by else ""
        stub = yaml.safe_dump([c.stub()], allow_unicode=True, sort_keys=False, width=10**9)
        out.append(f"\n  # {why}\n{indent(stub, '  ')}")
    return "".join(out)
