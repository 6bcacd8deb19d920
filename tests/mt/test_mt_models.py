"""Registry and engines with tiny real models: families, languages, decoding.

Installing through argostranslate is tested in test_mt_argos_install.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from l10nflow.mt.engines import CTranslate2Engine, DecodingOptions
from l10nflow.mt.registry import ModelError, Registry

OPTIONS = DecodingOptions(max_decoding_length=8)


def engine_for(registry: Registry, name: str) -> CTranslate2Engine:
    record = registry.find(name)
    assert record is not None
    model_dir = Path(record.path) / ("model" if record.kind == "argos" else "")
    return CTranslate2Engine(
        record.kind,
        record.name,
        model_dir,
        Path(record.tokenizer),
        record.family,
        OPTIONS,
        record.target_prefix,
    )


def test_argos_packages_installed_by_argos_tools_are_found(
    tiny_models: dict[str, Path], isolated_dirs: Path
) -> None:
    with zipfile.ZipFile(tiny_models["argos_th"]) as zipped:
        zipped.extractall(isolated_dirs / "argos-packages")
    assert [r.name for r in Registry().models()] == ["translate-en_th-1_0"]


def test_add_ctranslate2_reads_languages_and_licence(tiny_models: dict[str, Path]) -> None:
    registry = Registry()
    nllb = registry.add_ctranslate2(tiny_models["nllb"], "nllb")
    assert nllb.name == "nllb-tiny"
    assert nllb.licence == "CC-BY-NC-4.0"
    assert nllb.targets == ["en", "kac", "my", "shn", "th", "zh_Hans"]
    madlad = registry.add_ctranslate2(tiny_models["madlad"], "madlad", name="mad")
    assert (madlad.licence, madlad.tokenizer.endswith("spiece.model")) == ("Apache-2.0", True)
    # The registry survives a reload and the copy is independent of the original directory.
    assert [r.name for r in Registry().models()] == ["mad", "nllb-tiny"]
    assert Path(nllb.path) != tiny_models["nllb"]


def test_add_ctranslate2_rejects_a_directory_without_tokenizer(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"")
    with pytest.raises(ModelError, match="no SentencePiece model"):
        Registry().add_ctranslate2(tmp_path, "nllb")


def test_family_conventions_mark_languages(tiny_models: dict[str, Path]) -> None:
    registry = Registry()
    registry.add_ctranslate2(tiny_models["nllb"], "nllb", link=True)
    registry.add_ctranslate2(tiny_models["madlad"], "madlad", link=True)
    registry.install_argos(tiny_models["argos_th"])
    tokens, prefix = engine_for(registry, "nllb-tiny").encode(["Hello"], "en", "my")
    assert (tokens[0][0], tokens[0][-1], prefix) == ("eng_Latn", "</s>", [["mya_Mymr"]])
    tokens, prefix = engine_for(registry, "madlad-tiny").encode(["Hello"], "en", "shn")
    assert (tokens[0][0], tokens[0][-1], prefix) == ("<2shn>", "</s>", None)
    tokens, prefix = engine_for(registry, "translate-en_th-1_0").encode(["Hello"], "en", "th")
    assert ("</s>" in tokens[0], prefix) == (False, None)


def test_engines_translate_a_batch(tiny_models: dict[str, Path]) -> None:
    registry = Registry()
    registry.add_ctranslate2(tiny_models["nllb"], "nllb", link=True)
    registry.install_argos(tiny_models["argos_th"])
    texts = ["The army said on monday", "Police blocked roads", "Prices rose"]
    for name, target in (("nllb-tiny", "my"), ("translate-en_th-1_0", "th")):
        engine = engine_for(registry, name)
        first = engine.translate_batch(texts, "en", target)
        assert len(first) == 3
        assert all(isinstance(t.text, str) and t.score is not None for t in first)
        assert engine.translate_batch(texts, "en", target) == first  # deterministic
        assert engine.calls == 2


def test_engine_output_equals_raw_ctranslate2_without_the_forced_prefix(
    tiny_models: dict[str, Path],
) -> None:
    import ctranslate2
    import sentencepiece

    model = tiny_models["nllb"]
    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(model / "sentencepiece.bpe.model")
    )
    texts = ["The army said on monday", "Police blocked roads"]
    source = [["eng_Latn", *processor.encode(t, out_type=str), "</s>"] for t in texts]
    raw = ctranslate2.Translator(str(model)).translate_batch(
        source,
        target_prefix=[["mya_Mymr"]] * 2,
        beam_size=2,
        max_decoding_length=8,
        replace_unknowns=True,
        return_scores=True,
    )
    assert all(r.hypotheses[0][0] == "mya_Mymr" for r in raw)
    expected = [processor.decode(r.hypotheses[0][1:]).strip() for r in raw]
    engine = CTranslate2Engine(
        "ct2", "nllb-tiny", model, model / "sentencepiece.bpe.model", "nllb", OPTIONS
    )
    outputs = engine.translate_batch(texts, "en", "my")
    # Asking for attention changes nothing in the text or the score.
    assert [t.text for t in outputs] == expected
    assert [t.score for t in outputs] == pytest.approx([r.scores[0] for r in raw])
    for text, output in zip(texts, outputs, strict=True):
        pieces = {p.replace("\u2581", " ").strip() for p in processor.encode(text, out_type=str)}
        assert output.links, "a random model still attends somewhere"
        previous_end = 0
        for ts, te, ss, se in output.links:
            assert previous_end <= ts < te <= len(output.text)  # target pieces, in order
            assert text[ss:se].strip() in pieces  # a source piece of the model input
            previous_end = te


def test_marian_pair_model_decodes_with_its_target_tokenizer(
    tiny_models: dict[str, Path],
) -> None:
    import ctranslate2
    import sentencepiece

    model = tiny_models["marian"]
    record = Registry().add_ctranslate2(model, "marian", sources=["en"], targets=["my"])
    assert (record.sources, record.targets, Path(record.tokenizer).name) == (
        ["en"],
        ["my"],
        "source.spm",
    )
    engine = engine_for(Registry(), record.name)
    tokens, prefix = engine.encode(["Police blocked roads"], "en", "my")
    assert (tokens[0][-1], prefix) == ("</s>", None)
    source = sentencepiece.SentencePieceProcessor(model_file=str(model / "source.spm"))
    target = sentencepiece.SentencePieceProcessor(model_file=str(model / "target.spm"))
    raw = ctranslate2.Translator(str(model)).translate_batch(
        [[*source.encode("Police blocked roads", out_type=str), "</s>"]],
        beam_size=2,
        max_decoding_length=8,
        replace_unknowns=True,
    )
    assert [t.text for t in engine.translate_batch(["Police blocked roads"], "en", "my")] == [
        target.decode(raw[0].hypotheses[0]).strip()
    ]


def test_marian_needs_explicit_languages(tiny_models: dict[str, Path]) -> None:
    with pytest.raises(ModelError, match="give --source and --target"):
        Registry().add_ctranslate2(tiny_models["marian"], "marian")


def test_model_names_cannot_escape_the_data_directory(tiny_models: dict[str, Path]) -> None:
    with pytest.raises(ModelError, match=r"model name '\.\./x'"):
        Registry().add_ctranslate2(tiny_models["nllb"], "nllb", name="../x")
