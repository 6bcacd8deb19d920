"""Thai sentence boundaries: PyThaiNLP's CRF model when installed, else a cautious space rule.

Thai marks sentence ends with a space, but spaces also stand around numbers, foreign words and
between clauses, so a space is a break only when a Thai word longer than a particle stands on
both sides and the next word is not a conjunction. PyThaiNLP (the ``thai`` extra) ships its CRF
model (``sentenceseg_crfcut.model``) inside the wheel, so it works offline; its first call loads
the model (about a second).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from l10nflow.errors import ConfigError

# Words that continue the sentence before them: and, or, but, which, that, because, by, of, in, at.
_CONTINUING = ("และ", "หรือ", "แต่", "ซึ่ง", "ที่", "ว่า", "เพราะ", "โดย", "ของ", "ใน", "ณ", "กับ", "จน")
# and, or, but, because, which: after a particle they still go on with the sentence.
_CONJUNCTIONS = ("และ", "หรือ", "แต่", "เพราะ", "ซึ่ง")
_MIN_CHUNK = 4
_FINAL_PARTICLES = ("ครับ", "ค่ะ", "คะ")


@cache
def _space_pattern() -> re.Pattern[str]:
    # A run of spaces between two Thai letters (U+0E01–U+0E4E).
    return re.compile(r"(?<=[\u0e01-\u0e4e]) +(?=[\u0e01-\u0e4e])")


def space_breaks(text: str) -> list[int]:
    """The cautious fallback: break at a space between two long Thai chunks."""
    breaks: list[int] = []
    for match in _space_pattern().finditer(text):
        before = text[: match.start()].rsplit(None, 1)[-1]
        after = text[match.end() :].split(None, 1)[0]
        if len(before) < _MIN_CHUNK or len(after) < _MIN_CHUNK:
            continue
        if after.startswith(_CONTINUING):
            continue
        breaks.append(match.end())
    return breaks


@cache
def _crfcut() -> Callable[[str], list[str]] | None:
    try:
        from pythainlp.tokenize import crfcut
    except ImportError:
        return None
    segment: Callable[[str], list[str]] = crfcut.segment
    return segment


def crf_breaks(text: str, segment: Callable[[str], list[str]]) -> list[int]:
    """Offsets from PyThaiNLP's sentences (which keep every character, spaces included)."""
    breaks: list[int] = []
    offset = 0
    for sentence in segment(text):
        found = text.find(sentence, offset)
        if found < 0:
            return []  # the model changed the text: trust none of its cuts
        offset = found + len(sentence)
        while offset < len(text) and text[offset].isspace():
            offset += 1
        if 0 < offset < len(text):
            breaks.append(offset)
    return breaks


@cache
def _particle_pattern() -> re.Pattern[str]:
    # A polite sentence-final particle, spaces, then more Thai: "... มีแมวครับ หลังบ้าน ...".
    particles = "|".join(_FINAL_PARTICLES)
    return re.compile(rf"(?:{particles}) +(?=[\u0e01-\u0e4e])")


def particle_breaks(text: str) -> list[int]:
    """Breaks after the polite particles that close a spoken sentence (ครับ, ค่ะ, คะ)."""
    if "ค" not in text:  # every particle starts with it
        return []
    matches = _particle_pattern().finditer(text)
    return [m.end() for m in matches if not text.startswith(_CONJUNCTIONS, m.end())]


def thai_breaks(text: str, engine: str = "auto") -> list[int]:
    """Breaks in Thai text; `engine` is "auto" (CRF if installed), "crfcut" or "space".

    Either way a polite final particle before a space ends the sentence (the CRF model, trained
    on written text, often runs two short spoken sentences together: TALPCo), and a word that
    continues a sentence (และ, ซึ่ง, ที่, โดย ...) never starts one."""
    segment = _crfcut() if engine in ("auto", "crfcut") else None
    if engine == "crfcut" and segment is None:
        raise ConfigError("Thai engine crfcut needs PyThaiNLP: pip install 'l10nflow[thai]'")
    if segment is None:
        found = space_breaks(text)
    else:
        # The model also cuts before "and", "which", "that", "by" ...: those go on, as in the
        # space rule (UD Thai PUD's news and TALPCo: fewer false breaks, none of theirs lost).
        found = [b for b in crf_breaks(text, segment) if not text.startswith(_CONTINUING, b)]
    return sorted(set(found) | set(particle_breaks(text)))
