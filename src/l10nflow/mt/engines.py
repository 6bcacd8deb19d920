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


# A target piece whose strongest source piece has less than this share of its attention
# (over the pieces of the text) is left unaligned: the attention says nothing about it.
MIN_ATTENTION = 0.1


@dataclass
class Translation:
    """One model output: its text, its length-normalised log-probability, its alignment.

    ``links`` are ``(target_start, target_end, source_start, source_end)`` character spans of
    ``text`` and of the model input: each target piece and the source piece its attention
    weighed most (None when the engine gives no alignment).
    """

    text: str
    score: float | None = None
    links: list[tuple[int, int, int, int]] | None = None


class Engine(Protocol):
    """Anything that translates a batch of texts from one language to another."""

    name: str
    model_id: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[Translation]: ...


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
            "return_scores": True,  # the mean log-probability per token (length_penalty 1)
            "return_attention": True,
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
    device: str = "cpu"  # CTranslate2 device: "cpu" or "cuda" (cluster workers choose)
    device_index: int = 0
    calls: int = 0  # translate_batch calls made on the model (tests and stats count them)
    _translator: Any = None
    _processor: Any = None
    _decoder: Any = None  # OPUS-MT models have their own target.spm

    def _load(self) -> tuple[Any, Any]:
        if self._translator is None:
            ctranslate2, sentencepiece = import_ctranslate2()
            self._translator = ctranslate2.Translator(
                str(self.model_dir),
                device=self.device,
                device_index=self.device_index,
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

    def tokenize(self, texts: list[str]) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
        """SentencePiece pieces of each text, and each piece's character span in its text."""
        _, processor = self._load()
        pieces: list[list[str]] = processor.encode(texts, out_type=str)
        spans: list[list[tuple[int, int]]] = []
        slow: list[int] = []
        for index, (text, tokens) in enumerate(zip(texts, pieces, strict=True)):
            found = _spans_by_length(text, tokens)
            if found is None:
                slow.append(index)  # normalised or unknown characters: ask SentencePiece
            spans.append(found or [])
        if slow:
            protos = processor.encode([texts[i] for i in slow], out_type="proto")
            for index, proto in zip(slow, protos, strict=True):
                chars = _char_offsets(texts[index])  # the proto counts UTF-8 bytes
                spans[index] = [(chars[p.begin], chars[p.end]) for p in proto.pieces]
        return pieces, spans

    def encode(
        self, texts: list[str], source: str, target: str
    ) -> tuple[list[list[str]], list[list[str]] | None]:
        """Token batch and target prefixes for ``texts`` in this family's convention."""
        return self._mark(self.tokenize(texts)[0], source, target)

    def _mark(
        self, pieces: list[list[str]], source: str, target: str
    ) -> tuple[list[list[str]], list[list[str]] | None]:
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

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[Translation]:
        if not texts:
            return []
        translator, _ = self._load()
        tokens, spans = self.tokenize(texts)
        pieces, prefix = self._mark(tokens, source, target)
        self.calls += 1
        results = translator.translate_batch(
            pieces, target_prefix=prefix, **self.options.translate_kwargs()
        )
        skip = 1 if prefix is not None else 0
        offset = 1 if self.family in ("nllb", "m2m100", "madlad") else 0  # a language token
        return [
            self._translation(result, skip, offset, span)
            for result, span in zip(results, spans, strict=True)
        ]

    def _translation(
        self, result: Any, skip: int, offset: int, spans: list[tuple[int, int]]
    ) -> Translation:
        hypothesis = result.hypotheses[0]
        keep = [i for i in range(skip, len(hypothesis)) if hypothesis[i] not in ("</s>", "<s>")]
        tokens = [hypothesis[i] for i in keep]
        text = str(self._decoder.decode(tokens)).strip()
        ends = _piece_ends(tokens, text) or self._decoded_ends(tokens)
        links: list[tuple[int, int, int, int]] = []
        attention = result.attention[0] if result.attention else []
        # Only the pieces of the text: language tokens, "</s>" and a bare "▁" take much
        # attention (attention sinks) but stand for no word.
        columns = [(offset + i, span) for i, span in enumerate(spans) if span[1] > span[0]]
        start = 0
        for end, index in zip(ends, keep, strict=True):
            row = attention[index] if index < len(attention) else []
            weights = [(row[c], span) for c, span in columns if c < len(row)]
            total = sum(w for w, _ in weights)
            if weights and total > 0 and end > start:
                weight, (ss, se) = max(weights, key=lambda item: item[0])
                if weight / total >= MIN_ATTENTION:
                    links.append((max(start, 0), min(end, len(text)), ss, se))
            start = max(start, end)
        score = float(result.scores[0]) if result.scores else None
        return Translation(text, score, links)

    def _decoded_ends(self, tokens: list[str]) -> list[int]:
        """End of each target piece in the decoded text (byte pieces, unknowns: decode)."""
        full = str(self._decoder.decode(tokens))
        lead = len(full) - len(full.lstrip())
        return [len(str(self._decoder.decode(tokens[: n + 1]))) - lead for n in range(len(tokens))]


def _char_offsets(text: str) -> list[int]:
    """For each UTF-8 byte offset of ``text`` (and its end), the character offset."""
    if text.isascii():
        return list(range(len(text) + 1))
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(char.encode("utf-8")))
    offsets.append(len(text))
    return offsets


def _spans_by_length(text: str, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Piece spans when the pieces spell the text (``▁`` for spaces, one leading ``▁``)."""
    joined = "".join(pieces).replace("\u2581", " ")
    if joined == text:
        shift = 0
    elif joined == " " + text:
        shift = 1
    else:
        return None
    spans: list[tuple[int, int]] = []
    position = -shift
    for piece in pieces:
        start, position = position, position + len(piece)
        spans.append((max(start, 0), max(position, 0)))
    return spans


def _piece_ends(tokens: list[str], text: str) -> list[int] | None:
    """End of each target piece in ``text``, when the pieces spell it (the common case)."""
    joined = "".join(tokens).replace("\u2581", " ")
    if joined.strip() != text:
        return None
    lead = len(joined) - len(joined.lstrip())
    ends: list[int] = []
    position = -lead
    for token in tokens:
        position += len(token)
        ends.append(min(max(position, 0), len(text)))
    return ends
