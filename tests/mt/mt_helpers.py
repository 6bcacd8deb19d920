"""Helpers shared by the MT tests (a module with its own name: ``conftest`` is ambiguous)."""

from __future__ import annotations

import re
from collections.abc import Callable

from l10nflow.model import Catalog, Unit
from l10nflow.mt.engines import Translation

HEADER = (
    "Project-Id-Version: test\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Language: {locale}\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)

Links = list[tuple[int, int, int, int]]


def make_catalog(locale: str, *units: Unit) -> Catalog:
    return Catalog(header=Unit(msgid="", msgstr=HEADER.format(locale=locale)), units=list(units))


def word_for_word(
    dictionary: dict[str, str], reverse: bool = False
) -> Callable[[str], Translation]:
    """A toy translator with a known alignment: each word through ``dictionary`` (default: the
    word in capitals), optionally in reverse order; every target word links to its source word.
    """

    def translate(text: str) -> Translation:
        words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", text)]
        if reverse:
            words.reverse()
        parts: list[str] = []
        links: Links = []
        length = 0
        for start, end, word in words:
            if parts:
                parts.append(" ")
                length += 1
            out = dictionary.get(word, word.upper())
            parts.append(out)
            links.append((length, length + len(out), start, end))
            length += len(out)
        return Translation("".join(parts), -0.5, links)

    return translate


class FakeEngine:
    """Counts calls and segments; 'translates' by a transform (text or a full Translation)."""

    name = "fake"
    model_id = "fake-1"

    def __init__(
        self,
        transform: Callable[[str], str | Translation] | None = None,
        fail_on_call: int | None = None,
    ) -> None:
        self.transform = transform or (lambda text: f"TR {text}")
        self.fail_on_call = fail_on_call
        self.calls = 0
        self.segments: list[str] = []

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[Translation]:
        self.calls += 1
        if self.fail_on_call == self.calls:
            raise KeyboardInterrupt  # what Ctrl-C raises in the middle of a model call
        self.segments.extend(texts)
        outputs = [self.transform(text) for text in texts]
        return [out if isinstance(out, Translation) else Translation(out) for out in outputs]
