"""Helpers shared by the MT tests (a module with its own name: ``conftest`` is ambiguous)."""

from __future__ import annotations

from collections.abc import Callable

from l10nflow.model import Catalog, Unit

HEADER = (
    "Project-Id-Version: test\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Language: {locale}\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)


def make_catalog(locale: str, *units: Unit) -> Catalog:
    return Catalog(header=Unit(msgid="", msgstr=HEADER.format(locale=locale)), units=list(units))


class FakeEngine:
    """Counts calls and segments; 'translates' by a transform that keeps every token."""

    name = "fake"
    model_id = "fake-1"

    def __init__(
        self,
        transform: Callable[[str], str] | None = None,
        fail_on_call: int | None = None,
    ) -> None:
        self.transform = transform or (lambda text: f"TR {text}")
        self.fail_on_call = fail_on_call
        self.calls = 0
        self.segments: list[str] = []

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls += 1
        if self.fail_on_call == self.calls:
            raise KeyboardInterrupt  # what Ctrl-C raises in the middle of a model call
        self.segments.extend(texts)
        return [self.transform(text) for text in texts]
