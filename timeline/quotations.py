"""Direct quotations in prose, and whom the text says spoke them.

A report's narration is the writer's; only the words it puts in quotation marks are a
speaker's, and only when its sentence says whose: `“…,” Altman said`, `said Altman`,
`Altman said, “…”`, `according to Altman`, `杨植麟说`. A pronoun (`he said`) stands for the
speaker of the quotation just before it, in the same paragraph or the one above; with none
there, it stands for nobody. Quotations too short to be a statement (a title, a scare quote)
and quotations nobody is said to have spoken are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_CLOSING = {"“": "”", '"': '"', "「": "」", "『": "』", "«": "»", "„": "“"}
_OPENING = re.compile("|".join(map(re.escape, _CLOSING)))
MIN_WORDS = 4  # "possibilities", ‘Healthy, Active, Robust’: a word or three is no statement
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]+")  # a hanzi, or a word of letters
_VERBS = (r"said|says|say|told|tells|added|adds|replied|replies|wrote|writes|explained"
          r"|noted|notes|argued|argues|warned|warns|asked|asks|stated|states|continued"
          r"|insisted|recalled|remarked|responded|answered|declared|admitted|acknowledged"
          r"|conceded|stressed|emphasi[sz]ed|cautioned|predicted|posted|tweeted|saying"
          r"|according to")
_SPEECH = re.compile(rf"\b(?:{_VERBS})\b|说|表示|称|提到|指出|强调|坦言|回应|谈到|透露|补充")
_PRONOUN = re.compile(rf"\b(?:he|she|they)\s+(?:{_VERBS})\b|\b(?:{_VERBS})\s+(?:he|she|they)\b"
                      r"|[他她]", re.IGNORECASE)
_CAPITALISED = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin))*"
_NAMED = re.compile(rf"(?P<before>{_CAPITALISED})(?:,[^,]{{1,80}},|,)?\s+(?:{_VERBS})\b"
                    rf"|\b(?:{_VERBS})\s+(?P<after>{_CAPITALISED})")
_SENTENCE_END = re.compile(  # not after Dr, Mr, Sen or an initial (U.S., George W. Bush)
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bJr)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"(?<!\b[A-Z])[.!?](?=\s|$)|[。！？]")
_LEAD_IN = re.compile(r"[,:，：]\s*$")  # `Altman said, “…`: the clause leads into the quote
_TRAILING = re.compile(r"[\s,，、]+$")
_LEADING = re.compile(r"\s*(?:\[(?:\.\.\.|…)\]\s*)?")  # `" [...] Should we…`: an elision
_TAIL_VERB = re.compile(rf"(?:{_SPEECH.pattern})(?:\W+\w+){{0,4}}\W*$")
_CLOSE = re.compile("|".join(map(re.escape, set(_CLOSING.values()))))


@dataclass(frozen=True)
class Quotation:
    """Verbatim words between quotation marks (without them), and who said them."""

    text: str
    start: int  # where `text` starts in its paragraph
    speaker: str | None  # a known speaker's id, or None
    said_by: str  # the name as the text gives it ("" when it names nobody)


@dataclass(frozen=True)
class _Span:
    open_at: int
    start: int
    end: int  # end of the words; the closing mark, if any, follows
    after: int  # past the closing mark


def speaker_names(speakers: Iterable[tuple[str, Sequence[str]]]) -> dict[str, str]:
    """Name → speaker id, lowercased: every name given, and the first and last word of a Latin
    name where no other speaker's name has it (`Altman` for Sam Altman, `Yang` for Yang
    Zhilin, whose family name comes first)."""
    full = {name.lower(): ident for ident, names in speakers for name in names if name}
    parts: dict[str, set[str]] = {}
    for name, ident in full.items():
        words = name.split()
        if len(words) > 1 and re.fullmatch(r"[a-z .'’-]+", name):
            for word in {words[0], words[-1]}:
                parts.setdefault(word, set()).add(ident)
    return {**{w: next(iter(i)) for w, i in parts.items() if len(i) == 1}, **full}


def quotations(paragraphs: Sequence[str], names: dict[str, str]) -> list[list[Quotation]]:
    """The attributed quotations of each paragraph, in order; `names` from `speaker_names`."""
    found: list[list[Quotation]] = []
    carried: Speaker = None  # the last attribution of the paragraph above
    for text in paragraphs:
        here: list[Quotation] = []
        last, previous, previous_who = carried, None, None
        carried = None
        for span in _spans(text):
            who = _attribution(text, span, names, last) or _continued(text, span, previous,
                                                                      previous_who)
            start = _LEADING.match(text, span.start).end()  # type: ignore[union-attr]
            words = _TRAILING.sub("", text[start:span.end])
            if who and len(_WORD.findall(words)) >= MIN_WORDS:
                here.append(Quotation(words, start, *who))
            previous, previous_who = span, who
            last = carried = who or last
        found.append(here)
    return found


Speaker = tuple[str | None, str] | None  # (speaker id or None, the name as the text gives it)


def _spans(text: str) -> list[_Span]:
    """Each quotation's words; an opening mark never closed runs to the paragraph's end
    (a report's quotation that goes on in the next paragraph)."""
    spans, at = [], 0
    while (opening := _OPENING.search(text, at)) is not None:
        start = opening.end()
        close = text.find(_CLOSING[opening.group()], start)
        end = len(text) if close < 0 else close
        spans.append(_Span(opening.start(), start, end, end + (close >= 0)))
        at = spans[-1].after
    return spans


def _attribution(text: str, span: _Span, names: dict[str, str], last: Speaker) -> Speaker:
    """Who the clause leading into the quotation (`Altman said, “`) names, else the clause
    after it (`,” Altman said`). After a quotation that ends its own sentence, the next
    sentence attributes it only when it ends at its verb: `” 杨植麟说。`, not `” He ignored…`."""
    before = text[_clause_start(text, span.open_at):span.open_at]
    after = text[span.after:_clause_end(text, span.after)]
    if _SENTENCE_END.search(text[span.end - 1:span.end]) and not _TAIL_VERB.search(after):
        after = ""
    for clause in (before if _LEAD_IN.search(before) else "", after):
        if verb := _SPEECH.search(clause):
            return _speaker_in(clause, verb.start(), names, last)
    return None


def _continued(text: str, span: _Span, previous: _Span | None, who: Speaker) -> Speaker:
    """A quotation right after another, with only that one's attribution between
    (`” Wray said. “Advances…`), goes on with the same speaker."""
    if previous is None:
        return None
    gap = text[previous.after:span.open_at]
    return who if len(_SENTENCE_END.findall(gap)) <= 1 else None


def _clause_end(text: str, at: int) -> int:
    """Where the sentence after a closing mark ends: its full stop or the next quotation."""
    stops = [m.end() for m in (_SENTENCE_END.search(text, at), _OPENING.search(text, at)) if m]
    return min(stops, default=len(text))


def _clause_start(text: str, at: int) -> int:
    """Where the sentence leading into an opening mark starts (after a closing mark, too)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    closes = [m.end() for m in _CLOSE.finditer(text, 0, at)]
    return max([0, *ends, *closes])


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of the names, the longest first (`Zhou Xinyu`, not its `Xinyu`); a Latin one as
    whole words."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives or '(?!)'})(?![A-Za-z])", re.IGNORECASE)


def _speaker_in(clause: str, verb: int, names: dict[str, str], last: Speaker) -> Speaker:
    """A known speaker named in the clause (the one nearest its verb), else a pronoun's
    antecedent, else a capitalised name next to the verb (no known speaker: id None)."""
    known = [(abs(m.start() - verb), m.group()) for m in names_pattern(names).finditer(clause)]
    if known:
        given = min(known)[1]
        return names[given.lower()], given
    if _PRONOUN.search(clause):
        return last
    named = _NAMED.search(clause)
    return (None, named["before"] or named["after"]) if named else None


def unquoted(text: str) -> str:
    """A turn's words without the quotation marks around the whole (`Altman: "My worst…"`),
    so no stray mark is left at either end; marks around a part stay."""
    spans = _spans(text)
    if not spans or spans[0].open_at != 0 or text[spans[0].after:].strip():
        return text
    return text[spans[0].start:spans[0].end].strip()
