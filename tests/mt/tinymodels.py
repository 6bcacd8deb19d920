"""Build tiny random-weight translation models (no model hub needed).

A CTranslate2 Transformer is filled with numpy weights and paired with a SentencePiece model
trained on a few hundred generated lines; its pieces are the CTranslate2 vocabulary. A positive
bias on the ``</s>`` logit makes the random model stop early. Used by the tests and by
``benchmarks/bench_translate.py``.
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_TEXT = (
    "the army council said on monday that protesters gathered in yangon and mandalay "
    "while teachers doctors and workers joined the civil disobedience movement against "
    "the coup reporters counted thousands of people in the streets of the city as police "
    "blocked roads and banks closed their doors for a week prices of rice and fuel rose"
)
WORDS = SAMPLE_TEXT.split()

# Language tokens the fake multilingual models know (a few per family convention).
NLLB_TOKENS = ["eng_Latn", "mya_Mymr", "tha_Thai", "zho_Hans", "shn_Mymr", "kac_Latn"]
MADLAD_TOKENS = ["<2en>", "<2my>", "<2th>", "<2zh>", "<2shn>", "<2kac>"]


def training_lines(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(4, 18))
        number = rng.randint(1, 2000)
        lines.append(" ".join(words).capitalize() + f" {number} <a1>link</a1> <x1/>.")
    return lines


def train_sentencepiece(
    directory: Path,
    filename: str = "sentencepiece.model",
    vocab_size: int = 200,
    upper: bool = False,
) -> Path:
    import sentencepiece as spm

    directory.mkdir(parents=True, exist_ok=True)
    corpus = directory / "corpus.txt"
    lines = training_lines(max(300, vocab_size * 2))
    text = "\n".join(lines).upper() if upper else "\n".join(lines)  # a "target language"
    corpus.write_text(text + "\n", encoding="utf-8")
    prefix = directory / "spm"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="bpe",
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        hard_vocab_limit=False,
        normalization_rule_name="identity",
        minloglevel=2,
    )
    corpus.unlink()
    Path(f"{prefix}.vocab").unlink()
    target = directory / filename
    Path(f"{prefix}.model").rename(target)
    return target


def _pieces(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_transformer(
    model_dir: Path,
    vocabulary: list[str],
    num_layers: int = 1,
    num_heads: int = 2,
    d_model: int = 16,
    ffn: int = 32,
    eos_bias: float = 3.0,
    seed: int = 0,
    target_vocabulary: list[str] | None = None,
) -> Path:
    """Save a random Transformer (target vocabulary defaults to the source one)."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(num_layers=num_layers, num_heads=num_heads)
    target_vocabulary = target_vocabulary or vocabulary
    size, target_size = len(vocabulary), len(target_vocabulary)

    def rand(*shape: int) -> Any:  # scaled by fan-in so that deep/wide models stay tame
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

    def norm(layer_norm: Any) -> None:
        layer_norm.gamma = np.ones(d_model, np.float32)
        layer_norm.beta = np.zeros(d_model, np.float32)

    def linear(spec_linear: Any, rows: int, cols: int) -> None:
        spec_linear.weight = rand(rows, cols)
        spec_linear.bias = np.zeros(rows, np.float32)

    def ffn_layer(ffn_spec: Any) -> None:
        norm(ffn_spec.layer_norm)
        linear(ffn_spec.linear_0, ffn, d_model)
        linear(ffn_spec.linear_1, d_model, ffn)

    spec.encoder.embeddings[0].weight = rand(size, d_model)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        ffn_layer(layer.ffn)
    spec.decoder.embeddings.weight = rand(target_size, d_model)
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d_model, d_model)
        linear(layer.self_attention.linear[1], d_model, d_model)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)
        linear(layer.attention.linear[1], 2 * d_model, d_model)
        linear(layer.attention.linear[2], d_model, d_model)
        ffn_layer(layer.ffn)
    spec.decoder.projection.weight = rand(target_size, d_model)
    bias = np.zeros(target_size, np.float32)
    bias[target_vocabulary.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(target_vocabulary)
    spec.validate()
    spec.optimize()
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    return model_dir


def build_argos_package(
    out_dir: Path,
    source: str = "en",
    target: str = "th",
    vocab_size: int = 200,
    **model_options: Any,
) -> Path:
    """An ``.argosmodel`` zip: ``<name>/metadata.json``, ``model/``, ``sentencepiece.model``."""
    name = f"translate-{source}_{target}-1_0"
    root = out_dir / "argos-build" / name
    sp_model = train_sentencepiece(root, vocab_size=vocab_size)
    build_transformer(root / "model", _pieces(sp_model), **model_options)
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.0",
        "from_code": source,
        "from_name": "English",
        "to_code": target,
        "to_name": target,
        "links": [],
    }
    (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(root.rglob("*")):
            zipped.write(path, Path(name) / path.relative_to(root))
    return archive


def build_multilingual_dir(out_dir: Path, family: str, **model_options: Any) -> Path:
    """A converted-model directory in the style of NLLB-200 or MADLAD-400."""
    if family == "marian":  # OPUS-MT: separate source.spm and target.spm, no language codes
        source_model = train_sentencepiece(out_dir, "source.spm", vocab_size=200)
        target_model = train_sentencepiece(out_dir / "target", "target.spm", 150, upper=True)
        target_model = target_model.rename(out_dir / "target.spm")
        (out_dir / "target").rmdir()
        build_transformer(
            out_dir, _pieces(source_model), target_vocabulary=_pieces(target_model), **model_options
        )
        return out_dir
    if family == "nllb":
        sp_model = train_sentencepiece(out_dir, "sentencepiece.bpe.model")
        extra = NLLB_TOKENS
    elif family == "madlad":
        sp_model = train_sentencepiece(out_dir, "spiece.model")
        extra = MADLAD_TOKENS
    else:
        raise ValueError(family)
    build_transformer(out_dir, _pieces(sp_model) + extra, **model_options)
    return out_dir
