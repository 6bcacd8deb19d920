"""Translation engines: a plain batch of segments for one language pair in, translations out.

One class serves Argos packages and converted multilingual models alike: both are a
CTranslate2 model plus a SentencePiece tokenizer, run in large batches (never Argos's
one-call-per-text ``translate()``). ``ctranslate2`` and ``sentencepiece`` are imported lazily so
that core l10nflow runs without the ``mt`` extra.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from l10nflow.mt.languages import language_code

# Tokenizer file names used by the converted models we support, in order of preference.
TOKENIZER_FILES = ("sentencepiece.model", "sentencepiece.bpe.model", "spiece.model", "source.spm")


class Engine(Protocol):
    """Anything that translates a batch of texts from one language to another."""

    name: str
    model_id: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]: ...


class MissingExtraError(RuntimeError):
    """The optional ``mt`` dependencies are not installed."""


@dataclass
class DecodingOptions:
    """CTranslate2 decoding settings shared by every engine (and by the benchmark baseline)."""

    beam_size: int = 2
    max_batch_size: int = 32
    max_decoding_length: int = 256
    compute_type: str = "default"  # keep the model's own quantisation (int8 when converted so)
    # Throughput over latency: batches run in parallel, one core each (the workers share the
    # model weights, so memory does not grow).
    inter_threads: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    intra_threads: int = 1

    def translate_kwargs(self) -> dict[str, Any]:
        return {
            "beam_size": self.beam_size,
            "max_batch_size": self.max_batch_size,
            "max_decoding_length": self.max_decoding_length,
            "replace_unknowns": True,
        }


def import_ctranslate2() -> tuple[Any, Any]:
    try:
        import ctranslate2
        import sentencepiece
    except ImportError as exc:
        raise MissingExtraError(str(exc)) from exc
    return ctranslate2, sentencepiece


def find_tokenizer(model_dir: Path) -> Path | None:
    for name in TOKENIZER_FILES:
        if (model_dir / name).is_file():
            return model_dir / name
    return None


@dataclass
class CTranslate2Engine:
    """A CTranslate2 model directory plus its SentencePiece model, for one model family.

    ``family`` decides how languages are marked: ``argos``/``marian`` pair models need none,
    ``nllb``/``m2m100`` put the source code first and force the target code as prefix,
    ``madlad`` puts ``<2xx>`` first.
    """

    name: str
    model_id: str
    model_dir: Path
    tokenizer_path: Path
    family: str
    options: DecodingOptions = field(default_factory=DecodingOptions)
    target_prefix: str = ""  # Argos packages may declare one in metadata.json
    calls: int = 0  # translate_batch calls made on the model (tests and stats count them)
    _translator: Any = None
    _processor: Any = None
    _decoder: Any = None  # OPUS-MT models have their own target.spm

    def _load(self) -> tuple[Any, Any]:
        if self._translator is None:
            ctranslate2, sentencepiece = import_ctranslate2()
            self._translator = ctranslate2.Translator(
                str(self.model_dir),
                device="cpu",
                compute_type=self.options.compute_type,
                inter_threads=self.options.inter_threads,
                intra_threads=self.options.intra_threads,
            )
            self._processor = sentencepiece.SentencePieceProcessor(
                model_file=str(self.tokenizer_path)
            )
            target_model = self.tokenizer_path.parent / "target.spm"
            self._decoder = (
                sentencepiece.SentencePieceProcessor(model_file=str(target_model))
                if self.tokenizer_path.name == "source.spm" and target_model.is_file()
                else self._processor
            )
        return self._translator, self._processor

    def _code(self, locale: str) -> str:
        code = language_code(locale, self.family)
        if code is None:
            raise ValueError(f"model family {self.family} has no language code for {locale!r}")
        return code

    def encode(
        self, texts: list[str], source: str, target: str
    ) -> tuple[list[list[str]], list[list[str]] | None]:
        """Token batch and target prefixes for ``texts`` in this family's convention."""
        _, processor = self._load()
        pieces: list[list[str]] = processor.encode(texts, out_type=str)
        if self.family in ("nllb", "m2m100"):
            source_code, target_code = self._code(source), self._code(target)
            return [[source_code, *p, "</s>"] for p in pieces], [[target_code]] * len(pieces)
        if self.family == "madlad":
            target_code = self._code(target)
            return [[target_code, *p, "</s>"] for p in pieces], None
        if self.family == "marian":  # pair models: the model itself fixes the languages
            return [[*p, "</s>"] for p in pieces], None
        if self.target_prefix:  # argos
            return pieces, [[self.target_prefix]] * len(pieces)
        return pieces, None

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        translator, _ = self._load()
        pieces, prefix = self.encode(texts, source, target)
        self.calls += 1
        results = translator.translate_batch(
            pieces, target_prefix=prefix, **self.options.translate_kwargs()
        )
        skip = 1 if prefix is not None else 0
        outputs: list[str] = []
        for result in results:
            tokens = [t for t in result.hypotheses[0][skip:] if t not in ("</s>", "<s>")]
            outputs.append(str(self._decoder.decode(tokens)).strip())
        return outputs
