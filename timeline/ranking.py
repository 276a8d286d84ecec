"""How `suggest` ranks a passage: how much it is about a topic, and how much it reads as a
position stated rather than a story told, an aside or a question.

Topic: BM25 over each topic's keywords in the passage, plus a share of its question's (a
bare "不是优先事项" takes its topic from the question). Position: cue words in Chinese and
English, counted by kind, so that a passage holding a view in several ways (first person
and a judgement, a contrast, a comparison) outranks one that only narrates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from timeline.schema import Topic

_K1, _B = 1.2, 0.75  # BM25's usual saturation and length normalisation
QUESTION_WEIGHT = 1.0  # an answer's first paragraph takes its question's topic in full
FEATURED_BONUS = 2.0  # a featured topic's score counts three times
POSITION_BONUS, STORY_PENALTY, QUESTION_PENALTY = 0.25, 0.25, 0.5


def keyword_pattern(keywords: Sequence[str]) -> re.Pattern[str]:
    """Longest keywords first; Latin ones as whole words (RL never matches URL), plurals too."""
    parts = [rf"(?<![A-Za-z0-9]){re.escape(k)}(?:e?s)?(?![A-Za-z0-9])" if re.search(
        "[A-Za-z]", k) else re.escape(k) for k in sorted(keywords, key=len, reverse=True)]
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@dataclass(frozen=True)
class Scorer:
    """BM25 over topic keywords, idf from the passages it ranks: words common here weigh less."""

    patterns: dict[str, re.Pattern[str]]
    spelled: dict[str, dict[str, str]]  # per topic: a match, lowercased → the keyword
    idf: dict[str, float]
    average_length: float

    @classmethod
    def fit(cls, topics: Sequence[Topic], texts: Sequence[str]) -> Scorer:
        patterns = {t.id: keyword_pattern(t.keywords) for t in topics}
        spelled = {t.id: {k.lower(): k for k in reversed(t.keywords)} for t in topics}
        blank = cls(patterns, spelled, {}, 1.0)
        seen = Counter(k for text in texts for hits in blank.hits(text).values() for k in hits)
        idf = {k: math.log(1 + (len(texts) - seen[k] + 0.5) / (seen[k] + 0.5)) for t in topics
               for k in t.keywords}
        return cls(patterns, spelled, idf, sum(map(len, texts)) / max(len(texts), 1))

    def hits(self, text: str) -> dict[str, Counter[str]]:
        """Per topic, how often each keyword occurs (plurals count for the singular)."""
        return {topic: Counter(
            words.get(w) or words.get(re.sub("e?s$", "", w), w)
            for w in (m.group().lower() for m in self.patterns[topic].finditer(text)))
            for topic, words in self.spelled.items()}

    def bm25(self, hits: Counter[str], length: float) -> float:
        """Repeats saturate, and length beyond the average counts against a passage."""
        norm = _K1 * (1 - _B + _B * length / self.average_length)
        return sum(self.idf.get(k, 0.0) * tf * (_K1 + 1) / (tf + norm) for k, tf in hits.items())

    def topic_scores(self, own: dict[str, Counter[str]], length: int,
                     asked: dict[str, Counter[str]], carry: float) -> dict[str, float]:
        """Per topic: BM25 of the passage's hits plus `carry` times its question's, weighed at
        the average length (a question's own length says nothing about the answer)."""
        return {t: self.bm25(own[t], length) + carry * self.bm25(asked[t], self.average_length)
                for t in own}


def question_carry(depth: int) -> float:
    """How much an answer's paragraph takes of its question's topic: fading along the answer
    (`depth` paragraphs after its first)."""
    return QUESTION_WEIGHT / (1 + depth)


def preferred(scores: dict[str, float], featured: Collection[str]) -> dict[str, float]:
    """The scores with the dataset's featured topics raised: the views a curator looks for
    first. A dataset that features every topic (or names none) ranks as if it featured none."""
    if set(scores) <= set(featured):
        return scores
    return {t: s * (1 + FEATURED_BONUS) if t in featured else s for t, s in scores.items()}


# Cues that a passage states a position, by kind; the weight counts kinds, not repeats.
_POSITION_CUES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    # first person and a verb of belief or judgement
    r"我们?(?:个人)?(?:一直|始终|还是|并不|不)?(?:觉得|认为|相信|坚信|判断|倾向|看好|同意|认同|主张"
    r"|希望|期待|担心|怀疑)|在我(?:们)?看来|我(?:们)?的(?:判断|看法|观点|理解)"
    r"|\b(?:I|we)(?: do(?:n[’']t)?| really| still)? (?:think|believe|feel|expect|hope|agree"
    r"|disagree|doubt|suspect|prefer|worry)\b|\bin (?:my|our) (?:view|opinion)\b"
    r"|\b(?:I|we)(?:[’']m|[’']re| am| are) (?:convinced|confident|sure)\b",
    # what should, must or cannot be
    r"应该|应当|必须|需要|一定|肯定|必然|不可能|不会|不能|没必要|值得"
    r"|\b(?:should|must|need to|have to|ought to|cannot|can[’']t|won[’']t|will never"
    r"|certainly|definitely|inevitabl[ey])\b",
    # what matters, what is right
    r"重要|关键|核心|本质|根本|意义|价值|正确|错误|合理|优先|事实"
    r"|\b(?:important|crucial|key|essential|fundamental|matters?|meaningful|wrong|the right"
    r"|priority|the point)\b",
    # not this but that
    r"而是|而不是|反而|其实|实际上|然而|但是?|不过"
    r"|\b(?:but|however|rather|instead|actually|in fact)\b",
    # better, worse, leading, the only one
    r"更(?!新|换|改|名)|最(?!后|近|初|早|终)|领先|落后|优于|不如|超过|唯一|追不上|赶上"
    r"|\b(?:better|worse|best|worst|ahead|behind|lead(?:s|ing)?|lag(?:s|ging)?|the only|"
    r"(?:more|less|fewer) \w+ than|\w+er than)\b",
))
# Cues of a story told: past times, dates, remembering.
_STORY_CUES = re.compile(
    r"当时|那时|那会儿|那年|那天|后来|记得|有一次|小时候|读书的时候|(?:19|20)\d\d ?年|去年|前年"
    r"|\b(?:back then|at the time|I remember|I recall|when I was|years? ago|last year"
    r"|(?:19|20)\d\d|once upon|one day|that day|used to)\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"[？?][”\"』」)）]*$")


def position_kinds(text: str) -> int:
    """How many kinds of position cue the passage holds (0–5)."""
    return sum(bool(cue.search(text)) for cue in _POSITION_CUES)


def stance_weight(text: str) -> float:
    """More for each kind of position cue (three at most), less for each story cue (two at
    most) and for a passage that ends in a question: a stated view outranks an anecdote."""
    weight = 1 + POSITION_BONUS * min(position_kinds(text), 3)
    weight /= 1 + STORY_PENALTY * min(len(set(_STORY_CUES.findall(text))), 2)
    return weight * (QUESTION_PENALTY if ends_in_question(text) else 1.0)


def ends_in_question(text: str) -> bool:
    """The passage ends in a question mark (and the marks that close a quotation)."""
    return bool(_QUESTION_END.search(text))
