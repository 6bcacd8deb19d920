"""Benchmark `l10nflow translate` against the baselines named in issue 5, in one run.

    PYTHONPATH=src python benchmarks/bench_translate.py [--segments 1000] [--sample 100]

Builds its own random-weight Argos package (3 layers, d_model 512, 4 heads, FFN 2048,
SentencePiece BPE vocabulary 1000: ~90 MB of float32 weights, more than the CPU cache like a
real model, built in seconds, never downloaded), writes a project with 20 catalogues holding
``--segments`` distinct English segments (some with numbers, some with markup placeholders),
and times, with the same decoding settings (beam 2, batches of 32, at most 32 output tokens,
the same CTranslate2 threads) and best of ``--repeats`` runs (the machine may be shared):

1. raw ``ctranslate2.Translator.translate_batch`` in one call (model load, SentencePiece
   encode/decode included) with ``return_attention`` and ``return_scores``, as l10nflow asks
   for them (markup transfer, confidence) — the floor; and the same without attention and
   scores, to say what they cost;
2. ``l10nflow translate`` (the click command: configuration, PO reading and writing,
   protection, cache, provenance, atomic saves), first run with an empty cache;
3. one ``translate_batch`` call per segment, and ``argostranslate.translate.translate`` per
   segment, both on a random sample of ``--sample`` segments, scaled to all segments
   (Argos's sentence splitter is replaced by a no-op, which only flatters Argos);
4. re-runs: nothing new (all entries filled), and fresh catalogues with a warm cache.

All baselines translate exactly the texts l10nflow sends to the model (numbers protected,
duplicates merged), so every method does the same model work: a random model's output length
depends on its input. ``--eos-bias`` tunes the mean output length (printed).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "mt"))

BEAM, BATCH, MAX_LENGTH = 2, 32, 32
ARTICLES = 20


def segments(count: int, words: list[str], seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < count:
        text = " ".join(rng.choices(words, k=rng.randint(5, 22))).capitalize()
        kind = rng.random()
        if kind < 0.2:
            text += f" {rng.randint(2, 99999)} times"
        elif kind < 0.3:
            text = text.replace(" ", " <a1>", 1) + "</a1>"
        found.setdefault(text + ".", None)
    return list(found)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def cpu_timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall time, and CPU time of this process (every CTranslate2 thread): on a shared
    machine other processes stretch the wall time, the CPU time is the work done."""
    cpu = time.process_time()
    wall, result = timed(action)
    return wall, time.process_time() - cpu, result


def main() -> None:
    global BATCH
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--batch", type=int, default=BATCH, help="max_batch_size (all methods)")
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--d-model", type=int, default=512)
    parser.add_argument("--eos-bias", type=float, default=2.8, help="shorter outputs when larger")
    args = parser.parse_args()
    BATCH = args.batch

    work = Path(tempfile.mkdtemp(prefix="l10nflow-bench-"))
    # Everything (models, caches, Argos settings) stays inside the work directory.
    for name, sub in (
        ("L10NFLOW_DATA_DIR", "data"),
        ("L10NFLOW_CACHE_DIR", "cache"),
        ("ARGOS_PACKAGES_DIR", "argos-packages"),
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_CONFIG_HOME", "xdg-config"),
    ):
        os.environ[name] = str(work / sub)
    os.environ["ARGOS_BEAM_SIZE"] = str(BEAM)
    os.environ["ARGOS_BATCH_SIZE"] = str(BATCH)
    try:
        run(
            work, args.segments, args.sample, args.repeats, args.eos_bias, args.layers, args.d_model
        )
    finally:
        os.chdir(REPO)
        shutil.rmtree(work, ignore_errors=True)


def run(
    work: Path,
    count: int,
    sample_size: int,
    repeats: int,
    eos_bias: float,
    layers: int,
    d_model: int,
) -> None:
    import ctranslate2
    import sentencepiece
    import tinymodels
    from click.testing import CliRunner

    from l10nflow.catalog import read_po, write_po
    from l10nflow.model import Catalog, Location, Unit
    from l10nflow.mt.commands import translate_command
    from l10nflow.mt.engines import DecodingOptions
    from l10nflow.mt.protect import make_plan

    options = DecodingOptions(beam_size=BEAM, max_batch_size=BATCH, max_decoding_length=MAX_LENGTH)
    build_time, archive = timed(
        lambda: tinymodels.build_argos_package(
            work,
            "en",
            "th",
            vocab_size=1000,
            num_layers=layers,
            num_heads=4,
            d_model=d_model,
            ffn=4 * d_model,
            eos_bias=eos_bias,
        )
    )
    import argostranslate.package  # after the environment points into the work directory

    argostranslate.package.install_from_path(archive)
    package = Path(os.environ["ARGOS_PACKAGES_DIR"]) / "translate-en_th-1_0"
    texts = segments(count, tinymodels.WORDS)
    # What l10nflow sends to the model: numbers and URLs protected, duplicates merged. The
    # baselines translate exactly these texts, so every method does the same model work (a
    # random model's output length depends on its input).
    model_inputs = sorted({make_plan(text).text for text in texts})

    def load() -> tuple[Any, Any]:
        translator = ctranslate2.Translator(
            str(package / "model"),
            device="cpu",
            compute_type=options.compute_type,
            inter_threads=options.inter_threads,
            intra_threads=options.intra_threads,
        )
        processor = sentencepiece.SentencePieceProcessor(
            model_file=str(package / "sentencepiece.model")
        )
        return translator, processor

    project = work / "project"
    (project / "pristine").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.l10nflow]\nlocales = ["th"]\n\n[tool.l10nflow.mt]\nth = "argos"\n'
        f"beam_size = {BEAM}\nmax_batch_size = {BATCH}\nmax_decoding_length = {MAX_LENGTH}\n",
        encoding="utf-8",
    )
    header = Unit(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\nLanguage: th\n")
    per_article = -(-len(texts) // ARTICLES)
    for number in range(ARTICLES):
        chunk = texts[number * per_article : (number + 1) * per_article]
        units = [
            Unit(msgid=t, locations=[Location(f"source/a{number}.html", i + 1)])
            for i, t in enumerate(chunk)
        ]
        write_po(project / "pristine" / f"a{number:02}.po", Catalog(header=header, units=units))
    catalogues = project / "locales" / "th" / "LC_MESSAGES"

    def fresh_catalogues(cache: str | None) -> None:
        shutil.rmtree(catalogues, ignore_errors=True)
        shutil.copytree(project / "pristine", catalogues)
        if cache is not None:
            os.environ["L10NFLOW_CACHE_DIR"] = str(work / cache)

    # 1. Raw CTranslate2, one call for everything, same translator settings as l10nflow.
    def raw(attention: bool = True) -> list[list[str]]:
        translator, processor = load()
        kwargs = options.translate_kwargs()
        kwargs.update(return_attention=attention, return_scores=attention)
        results = translator.translate_batch(processor.encode(model_inputs, out_type=str), **kwargs)
        outputs = [r.hypotheses[0] for r in results]
        processor.decode(outputs)
        return outputs

    # 2. l10nflow translate: first run on fresh catalogues with an empty cache.
    os.chdir(project)
    runner = CliRunner()

    def l10nflow() -> None:
        result = runner.invoke(translate_command, ["-q"])
        if result.exit_code != 0:
            raise SystemExit(f"l10nflow translate failed: {result.output}{result.exception}")

    raw_times, plain_times, first_times = [], [], []
    for attempt in range(repeats):  # interleaved, best of N: the machine may be shared
        *raw_time_cpu, outputs = cpu_timed(raw)
        raw_times.append(tuple(raw_time_cpu))
        plain_times.append(cpu_timed(lambda: raw(attention=False))[:2])
        fresh_catalogues(f"cache-{attempt}")
        first_times.append(cpu_timed(l10nflow)[:2])
    (raw_time, raw_cpu), (plain_time, plain_cpu), (first_time, first_cpu) = (
        min(raw_times),
        min(plain_times),
        min(first_times),
    )
    handled = sum(
        1
        for po in catalogues.glob("*.po")
        for u in read_po(po).units
        if u.msgstr or any(c.startswith("l10nflow-mt: not filled") for c in u.translator_comments)
    )
    assert handled == len(texts), (handled, len(texts))
    noop_time = min(timed(l10nflow)[0] for _ in range(repeats))
    cached_times = []
    for _ in range(repeats):
        fresh_catalogues(None)
        cached_times.append(timed(l10nflow)[0])
    cached_time = min(cached_times)
    # The warm-cache re-run makes zero model calls (its summary counts what was sent).
    fresh_catalogues(None)
    summary = runner.invoke(translate_command, []).output
    assert "; 0 segments sent to" in summary, summary

    # 3. Per-segment baselines on a sample, scaled to all segments.
    sample = random.Random(5).sample(model_inputs, min(sample_size, len(model_inputs)))
    scale = len(model_inputs) / len(sample)
    translator, processor = load()

    def one_by_one() -> None:
        for text in sample:
            result = translator.translate_batch(
                [processor.encode(text, out_type=str)], **options.translate_kwargs()
            )
            processor.decode(result[0].hypotheses[0])

    single_time = min(timed(one_by_one)[0] for _ in range(repeats)) * scale
    argos_time = time_argos(sample, package, repeats) * scale

    mean_in = sum(len(t) for t in processor.encode(model_inputs, out_type=str)) / len(outputs)
    mean_out = sum(len(o) for o in outputs) / len(outputs)
    print(
        f"model built in {build_time:.1f}s; {len(texts)} segments, {len(model_inputs)} model "
        "inputs "
        f"({mean_in:.1f} tokens in, {mean_out:.1f} out on average); beam {BEAM}, "
        f"batches of {BATCH}, at most {MAX_LENGTH} tokens; ctranslate2 inter_threads="
        f"{options.inter_threads} intra_threads={options.intra_threads}; best of {repeats}"
    )
    rows = [
        ("raw ctranslate2 translate_batch, attention + scores", raw_time),
        ("raw ctranslate2 translate_batch, no attention/scores", plain_time),
        ("l10nflow translate (first run)", first_time),
        ("one translate_batch call per segment (scaled)", single_time),
        ("argostranslate.translate.translate per segment (scaled)", argos_time),
        ("l10nflow translate, re-run with nothing new", noop_time),
        ("l10nflow translate, fresh catalogues, warm cache", cached_time),
    ]
    print()
    for label, seconds in rows:
        print(f"{label:<58} {seconds:8.2f}s  {len(texts) / seconds:9.0f} seg/s")
    print()
    ratios = [
        ("l10nflow / raw translate_batch (attention)", first_time / raw_time, "x", "<= 1.10"),
        ("  same, in CPU time", first_cpu / raw_cpu, "x", "<= 1.10"),
        ("attention + scores / without (raw)", raw_time / plain_time, "x", "cost, no target"),
        ("  same, in CPU time", raw_cpu / plain_cpu, "x", "cost, no target"),
        ("per-segment calls / l10nflow", single_time / first_time, "x", ">= 5"),
        ("argostranslate per segment / l10nflow", argos_time / first_time, "x", ">= 5"),
        ("re-run nothing new / first run", 100 * noop_time / first_time, "%", "<= 5%"),
        ("fresh catalogues, warm cache / first run", 100 * cached_time / first_time, "%", "<= 5%"),
    ]
    for label, value, unit, target in ratios:
        print(f"{label:<42} = {value:7.2f}{unit}  (target {target})")


def time_argos(sample: list[str], package: Path, repeats: int) -> float:
    """``argostranslate.translate.translate`` per segment, same model and decoding settings."""
    import ctranslate2
    from argostranslate import translate

    class WholeText:  # Argos's MiniSBD splitter would download a model; this is free
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    class SameSettings:  # Argos has no max_decoding_length setting: add ours
        def __init__(self) -> None:
            self.inner = ctranslate2.Translator(str(package / "model"), device="cpu")

        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            kwargs["max_decoding_length"] = MAX_LENGTH
            return self.inner.translate_batch(*args, **kwargs)

    translation: Any = translate.get_translation_from_codes("en", "th")
    underlying = getattr(translation, "underlying", translation)
    underlying.sentencizer = WholeText()
    underlying.translator = SameSettings()
    translate.translate("Warm up.", "en", "th")  # Argos's own lazy set-up, not per segment

    def per_segment() -> None:
        for text in sample:
            translate.translate(text, "en", "th")

    return min(timed(per_segment)[0] for _ in range(repeats))


if __name__ == "__main__":
    main()
