"""``l10nflow translate --cluster``: a Dask LocalCluster of 2 workers on 127.0.0.1, tiny models.

The cluster starts once for the module (a few seconds); each test compares a cluster run with
a local run of the same project, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mt_helpers import make_catalog

from l10nflow.catalog import write_po
from l10nflow.cli import main
from l10nflow.model import Location, Unit
from l10nflow.mt import cluster, cluster_worker
from l10nflow.mt.commands import models_group

pytest.importorskip("ctranslate2")

PYPROJECT = """\
[tool.l10nflow]
locales = ["my", "th"]

[tool.l10nflow.mt]
my = "ct2:nllb-tiny"
th = "argos"
max_decoding_length = 8
chunk_size = 2
"""

WORDS = [
    "army",
    "council",
    "said",
    "monday",
    "protesters",
    "gathered",
    "yangon",
    "teachers",
    "doctors",
    "joined",
]


def sentences(count: int, offset: int) -> list[str]:
    """Distinct sentences, some with markup and numbers (different model inputs)."""
    found = []
    for n in range(count):
        words = [WORDS[(n * 3 + i + offset) % len(WORDS)] for i in range(3 + n % 5)]
        text = " ".join(words).capitalize()
        if n % 3 == 0:
            text += f" <a1>{WORDS[n % len(WORDS)]}</a1>"
        if n % 4 == 1:
            text += f" {1000 + n} times"
        found.append(f"{text}.")
    return found


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    pytest.importorskip("distributed")
    local = cluster.start_local_cluster(2)
    try:
        yield str(local.scheduler_address)
    finally:
        local.close()


@pytest.fixture
def client(dask_address: str) -> Iterator[Any]:
    import distributed

    with distributed.Client(dask_address, set_as_default=False) as connected:
        yield connected


@pytest.fixture
def project(tmp_path: Path, tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    pristine = root / "pristine"
    for locale in ("my", "th"):
        for number, article in enumerate(("a", "b", "c")):
            units = [
                Unit(msgid=text, locations=[Location(f"source/{article}.html", i + 1)])
                for i, text in enumerate(sentences(7, number * 5))
            ]
            write_po(pristine / locale / f"{article}.po", make_catalog(locale, *units))
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(root)
    runner = CliRunner()
    for args in (
        ["install", str(tiny_models["argos_th"])],
        ["add-ctranslate2", str(tiny_models["nllb"]), "--family", "nllb"],
    ):
        result = runner.invoke(models_group, args)
        assert result.exit_code == 0, result.output
    return root


def translate(root: Path, run: str, *options: str) -> tuple[str, dict[str, bytes]]:
    """Fresh catalogues and an empty cache, then ``l10nflow translate``; output and files."""
    shutil.rmtree(root / "locales", ignore_errors=True)
    for locale in ("my", "th"):
        shutil.copytree(root / "pristine" / locale, root / "locales" / locale / "LC_MESSAGES")
    os.environ["L10NFLOW_CACHE_DIR"] = str(root / f"cache-{run}")  # restored by the fixture
    result = CliRunner().invoke(main, ["translate", *options])
    assert result.exit_code == 0, (result.output, result.exception)
    files = {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.glob("locales/*/LC_MESSAGES/*.po"))
    }
    return result.output, files


def test_two_workers_write_the_same_catalogues_as_a_local_run(
    project: Path, dask_address: str, client: Any
) -> None:
    local_output, local_files = translate(project, "local")
    cluster_output, cluster_files = translate(project, "cluster", "--cluster", dask_address)
    assert cluster_files == local_files
    assert cluster_output == local_output  # same counts: every batch applied exactly once
    assert "segments sent to nllb-tiny" in cluster_output
    assert all(b"l10nflow-mt: engine=" in data for data in cluster_files.values())
    # Each worker loaded each model it served once, and both workers served batches.
    loads = client.run(cluster_worker.model_loads)
    assert len(loads) == 2 and all(loads.values()), loads
    assert {count for worker in loads.values() for count, _ in worker.values()} == {1}
    assert {device for worker in loads.values() for _, device in worker.values()} == {"cpu"}
    # The nanny's MALLOC_TRIM_THRESHOLD_ is there, and its 2x slowdown undone (glibc).
    assert all(client.run(cluster_worker.allocate_like_a_plain_process).values())


def _die_on_first_batch() -> int:
    """Run inside one worker: its next batch kills the process (as an out-of-memory kill)."""

    def crash(model: Any) -> Any:
        os._exit(1)

    cluster_worker.engine_for = crash
    return os.getpid()


def test_a_worker_dying_mid_run_loses_nothing(
    project: Path, dask_address: str, client: Any
) -> None:
    local_output, local_files = translate(project, "local")
    victim = sorted(client.scheduler_info()["workers"])[0]
    client.run(_die_on_first_batch, workers=[victim])
    cluster_output, cluster_files = translate(project, "cluster", "--cluster", dask_address)
    assert victim not in client.scheduler_info()["workers"]  # it died holding a batch
    assert cluster_files == local_files
    assert cluster_output == local_output  # its batch was applied once, not lost or twice


def test_local_cluster_option_starts_and_stops_its_own_workers(project: Path) -> None:
    pytest.importorskip("distributed")
    local_output, local_files = translate(project, "local", "-l", "th")
    cluster_output, cluster_files = translate(
        project, "cluster", "-l", "th", "--local-cluster", "1"
    )
    assert (cluster_output, cluster_files) == (local_output, local_files)


def test_cluster_without_the_extra_names_the_install_command(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(project / "pristine" / "my", project / "locales" / "my" / "LC_MESSAGES")
    before = {p: p.read_bytes() for p in project.glob("locales/*/LC_MESSAGES/*.po")}
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = CliRunner().invoke(main, ["translate", "-l", "my", "--cluster", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("l10nflow: error: translating on a cluster needs Dask")
    assert result.stderr.endswith(": pip install 'l10nflow[cluster]'\n")
    assert {p: p.read_bytes() for p in before} == before


def test_unreachable_scheduler_is_a_clean_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    shutil.copytree(project / "pristine" / "my", project / "locales" / "my" / "LC_MESSAGES")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    result = CliRunner().invoke(main, ["translate", "-l", "my", "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "l10nflow: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
    )


def test_worker_without_the_model_says_how_to_install_it(tmp_path: Path) -> None:
    model = cluster_worker.WorkerModel(
        "ct2", "nllb-tiny", str(tmp_path / "gone"), str(tmp_path / "gone/sp.model"), "nllb", "",
        2, 32, 8, "default", None,
    )  # fmt: skip
    with pytest.raises(cluster_worker.WorkerError, match="nor installed in this worker's"):
        cluster_worker.build_engine(model)


def test_worker_refuses_a_different_model_under_the_same_name(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    copy = shutil.copytree(tiny_models["nllb"], tmp_path / "nllb-tiny")
    tokenizer = copy / "sentencepiece.bpe.model"
    model = cluster_worker.WorkerModel(
        "ct2", "nllb-tiny", str(copy), str(tokenizer), "nllb", "", 2, 32, 8, "default",
        cluster_worker.model_fingerprint(copy, tokenizer),
    )  # fmt: skip
    assert cluster_worker.build_engine(model).model_dir == copy
    (copy / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(cluster_worker.WorkerError, match="differs from the coordinator's copy"):
        cluster_worker.build_engine(model)


@pytest.mark.parametrize(
    ("value", "device"), [("cpu", ("cpu", 0)), ("cuda", ("cuda", 0)), ("cuda:1", ("cuda", 1))]
)
def test_worker_device_from_the_environment(value: str, device: tuple[str, int]) -> None:
    assert cluster_worker.worker_device(value) == device


def test_worker_device_auto_and_mistakes() -> None:
    import ctranslate2

    expected = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
    assert cluster_worker.worker_device("auto") == (expected, 0)
    with pytest.raises(cluster_worker.WorkerError, match="use auto, cpu, cuda or cuda:N"):
        cluster_worker.worker_device("gpu")
