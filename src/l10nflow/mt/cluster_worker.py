"""What runs on a cluster worker: load each model once, keep it, translate the batches sent.

This module imports no Dask: the coordinator submits :func:`translate_on_worker` with a
:class:`WorkerModel` (a small, picklable description of the model) and one batch for one
language pair. The engine built from it stays in this worker process for the next batches.

The device comes from the worker's environment, so CPU and GPU workers can serve one run:
``L10NFLOW_MT_DEVICE`` = ``auto`` (default: CUDA when CTranslate2 sees a GPU), ``cpu``,
``cuda`` or ``cuda:1``; ``L10NFLOW_MT_THREADS`` sets CTranslate2's parallel batches on CPU.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from l10nflow import __version__
from l10nflow.mt.engines import CTranslate2Engine, DecodingOptions, Translation

DEVICE_VARIABLE = "L10NFLOW_MT_DEVICE"
THREADS_VARIABLE = "L10NFLOW_MT_THREADS"
SMALL_FILE = 16 * 1024 * 1024  # files up to this size are hashed whole, larger ones by size
M_MMAP_THRESHOLD = -3  # glibc mallopt parameter
MMAP_THRESHOLD = 32 * 1024 * 1024  # the ceiling of glibc's own dynamic threshold (64-bit)


class WorkerError(RuntimeError):
    """A worker cannot serve a batch (model missing or different, bad device, version)."""


@dataclass(frozen=True)
class WorkerModel:
    """Everything a worker needs to build the coordinator's engine, and to check it is the same."""

    name: str
    model_id: str
    model_dir: str
    tokenizer: str
    family: str
    target_prefix: str
    beam_size: int
    max_batch_size: int
    max_decoding_length: int
    compute_type: str
    fingerprint: str | None  # None: the coordinator has no copy of the files to compare
    version: str = __version__

    @classmethod
    def of(cls, engine: CTranslate2Engine) -> WorkerModel:
        options = engine.options
        return cls(
            engine.name,
            engine.model_id,
            str(engine.model_dir),
            str(engine.tokenizer_path),
            engine.family,
            engine.target_prefix,
            options.beam_size,
            options.max_batch_size,
            options.max_decoding_length,
            options.compute_type,
            model_fingerprint(engine.model_dir, engine.tokenizer_path),
        )


def model_fingerprint(model_dir: Path, tokenizer: Path) -> str | None:
    """A hash of the model's small files and the sizes of its large ones (weights)."""
    if not (model_dir / "model.bin").is_file() or not tokenizer.is_file():
        return None
    digest = hashlib.sha256()
    files = sorted(p for p in model_dir.iterdir() if p.is_file())
    for path in [*files, tokenizer]:
        size = path.stat().st_size
        digest.update(f"{path.name}\0{size}\0".encode())
        if size <= SMALL_FILE:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def worker_device(value: str | None = None) -> tuple[str, int]:
    """``(device, index)`` from ``L10NFLOW_MT_DEVICE`` (``auto``, ``cpu``, ``cuda``, ``cuda:N``)."""
    value = (value if value is not None else os.environ.get(DEVICE_VARIABLE, "auto")).strip()
    if value in ("", "auto"):
        import ctranslate2

        return ("cuda", 0) if ctranslate2.get_cuda_device_count() > 0 else ("cpu", 0)
    device, _, index = value.partition(":")
    if device not in ("cpu", "cuda") or (index and not index.isdigit()):
        raise WorkerError(f"{DEVICE_VARIABLE}={value!r}: use auto, cpu, cuda or cuda:N")
    return device, int(index or 0)


def _local_files(model: WorkerModel) -> tuple[Path, Path]:
    """The model files on this worker: the coordinator's path (shared filesystem), else the
    model of the same name installed in this worker's l10nflow data directory."""
    model_dir, tokenizer = Path(model.model_dir), Path(model.tokenizer)
    if (model_dir / "model.bin").is_file() and tokenizer.is_file():
        return model_dir, tokenizer
    from l10nflow.mt.registry import Registry

    registry = Registry()
    record = registry.find(model.model_id)
    if record is None:
        raise WorkerError(
            f"model {model.model_id} is neither at {model.model_dir} (no shared filesystem?) "
            f"nor installed in this worker's {registry.root}: install it there with "
            "`l10nflow models install` / `l10nflow models add-ctranslate2`"
        )
    path = Path(record.path)
    return (path / "model" if record.kind == "argos" else path), Path(record.tokenizer)


def allocate_like_a_plain_process() -> bool:
    """Undo a side effect of Dask's nanny on glibc's allocator; True when it was needed.

    The nanny sets ``MALLOC_TRIM_THRESHOLD_`` for its workers, and setting it freezes glibc's
    mmap threshold at 128 KiB: every larger decoding buffer is then a fresh ``mmap``, which
    made CTranslate2 about 2x slower in a worker than in a plain process (measured, see
    docs/machine-translation.md). Raising the threshold restores the usual behaviour.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):  # not glibc (musl): nothing to undo
        return False


def build_engine(model: WorkerModel) -> CTranslate2Engine:
    if model.version != __version__:
        raise WorkerError(f"worker runs l10nflow {__version__}, the coordinator {model.version}")
    model_dir, tokenizer = _local_files(model)
    if model.fingerprint is not None and model_fingerprint(model_dir, tokenizer) != (
        model.fingerprint
    ):
        raise WorkerError(
            f"model {model.model_id} at {model_dir} differs from the coordinator's copy "
            "(another version?): the cache would mix two models under one name"
        )
    options = DecodingOptions(
        model.beam_size, model.max_batch_size, model.max_decoding_length, model.compute_type
    )
    threads = os.environ.get(THREADS_VARIABLE, "")
    if threads.isdigit() and int(threads) > 0:
        options = replace(options, inter_threads=int(threads))
    device, index = worker_device()
    allocate_like_a_plain_process()
    return CTranslate2Engine(
        model.name,
        model.model_id,
        model_dir,
        tokenizer,
        model.family,
        options,
        model.target_prefix,
        device=device,
        device_index=index,
    )


_ENGINES: dict[WorkerModel, CTranslate2Engine] = {}
_LOADS: dict[str, int] = {}  # model loads per model name in this process (tests look)
_LOCK = threading.Lock()  # a worker may run several tasks at once in threads


def engine_for(model: WorkerModel) -> CTranslate2Engine:
    """The engine of ``model`` in this process, built and loaded on first use only."""
    with _LOCK:
        engine = _ENGINES.get(model)
        if engine is None:
            engine = build_engine(model)
            engine._load()  # load under the lock: one copy of the weights per process
            _ENGINES[model] = engine
            _LOADS[model.model_id] = _LOADS.get(model.model_id, 0) + 1
        return engine


def translate_on_worker(
    model: WorkerModel, texts: list[str], source: str, target: str
) -> list[Translation]:
    """One batch of one language pair, on the worker's cached model."""
    return engine_for(model).translate_batch(texts, source, target)


def model_loads() -> dict[str, tuple[int, str]]:
    """Per model name: how often this worker process loaded it, and on which device."""
    with _LOCK:
        devices = {m.model_id: e.device for m, e in _ENGINES.items()}
        return {name: (count, devices[name]) for name, count in _LOADS.items()}
