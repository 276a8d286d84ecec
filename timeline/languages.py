"""Languages of the data: detected where a source does not say, named for readers.

Language tags are BCP 47 (`zh`, `en`, `pt-BR`). Detection and names come from
maintained libraries (py3langid, langcodes), imported only when needed: loading
py3langid's model takes seconds, and most files give every source's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


def detect_language(texts: Sequence[str], fallback: str) -> str:
    """The language most of `texts` is written in; `fallback` when there is no text."""
    text = "\n".join(texts).strip()
    if not text:
        return fallback
    import py3langid

    return str(py3langid.classify(text)[0])


@lru_cache(maxsize=256)
def language_name(tag: str, in_language: str = "en") -> str:
    """`zh` as "Chinese" (or "中文" in_language="zh"); the tag itself when unknown."""
    import langcodes

    try:
        name = str(langcodes.Language.get(tag).display_name(in_language))
    except (ValueError, LookupError):
        return tag
    return tag if name.startswith("Unknown") else name


def same_language(a: str, b: str) -> bool:
    """`zh-Hans` and `zh` are one language to a reader choosing what to show."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def translation_note(translated_from: str | None, quote_language: str, reading: str) -> str:
    """What a reader of a translation must know when the quote is itself a translation
    (empty when it is not)."""
    if not translated_from:
        return ""
    said_in, text_in = language_name(translated_from), language_name(quote_language)
    if same_language(translated_from, reading):
        return (f"Back-translation: the speaker answered in {said_in}; the source gives only "
                f"its {text_in} translation, rendered here into {said_in} again. The "
                "speaker's own words may differ.")
    return (f"Translation of a translation: said in {said_in}, quoted from a {text_in} "
            "translation.")
