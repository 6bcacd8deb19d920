"""`models install` through argostranslate.package: isolation, safety guards, index errors."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from l10nflow.mt.argos_index import argos_layout
from l10nflow.mt.commands import models_group
from l10nflow.mt.registry import ModelError, Registry

PACKAGE = "translate-en_th-1_0"


@pytest.fixture
def argos_package() -> Any:
    return pytest.importorskip("argostranslate.package")


@pytest.fixture
def install_calls(argos_package: Any, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Archives handed to argostranslate's install_from_path (which still does the work)."""
    calls: list[Path] = []
    real: Callable[[Path], None] = argos_package.install_from_path

    def spy(path: Path) -> None:
        calls.append(Path(path))
        real(path)

    monkeypatch.setattr(argos_package, "install_from_path", spy)
    return calls


def test_install_goes_through_argos_into_the_data_directory(
    tiny_models: dict[str, Path],
    isolated_dirs: Path,
    install_calls: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    environment = dict(os.environ)
    registry = Registry()
    record = registry.install_argos(tiny_models["argos_th"])
    assert install_calls == [tiny_models["argos_th"]]
    assert record.name == PACKAGE
    assert Path(record.path) == isolated_dirs / "data" / "models" / "argos" / PACKAGE
    assert (record.sources, record.targets) == (["en"], ["th"])
    assert registry.best_for("en", "th") == record
    assert registry.best_for("en", "my") is None
    assert dict(os.environ) == environment  # Argos's variables were set only for its import
    leftovers = [p.name for p in (isolated_dirs / "data" / "models").iterdir()]
    assert sorted(leftovers) == ["argos", "argos-state"]  # no staging directory left behind
    zh = registry.install_argos(tiny_models["argos_zh"])
    assert zh.targets == ["zh_Hans"]  # Argos "zh" is Simplified Chinese


def test_reinstall_replaces_the_old_copy(tiny_models: dict[str, Path], isolated_dirs: Path) -> None:
    pytest.importorskip("argostranslate.package")
    first = Registry().install_argos(tiny_models["argos_th"])
    stale = Path(first.path) / "stale-file"
    stale.write_text("from an older version")
    again = Registry().install_argos(tiny_models["argos_th"])
    assert again.path == first.path
    assert not stale.exists()


def test_a_user_set_argos_packages_dir_is_honoured_and_argos_reads_the_package(
    tiny_models: dict[str, Path], isolated_dirs: Path, argos_package: Any
) -> None:
    record = Registry().install_argos(tiny_models["argos_th"])
    assert Path(record.path) == isolated_dirs / "argos-packages" / PACKAGE
    installed = argos_package.Package(Path(record.path))
    assert (installed.from_code, installed.to_code) == ("en", "th")
    assert [r.name for r in Registry().models()] == [PACKAGE]  # found once, engine-ready


def test_settings_of_an_earlier_import_are_patched_then_restored(
    tiny_models: dict[str, Path],
    isolated_dirs: Path,
    argos_package: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "someone-elses-packages"
    monkeypatch.setattr(argos_package.settings, "package_data_dir", elsewhere)
    monkeypatch.setattr(argos_package.settings, "package_dirs", [elsewhere])
    record = Registry().install_argos(tiny_models["argos_th"])
    assert Path(record.path).parent == isolated_dirs / "argos-packages"
    assert not elsewhere.exists()
    assert argos_package.settings.package_data_dir == elsewhere
    assert argos_package.settings.package_dirs == [elsewhere]


def test_first_import_writes_nothing_into_the_users_home(
    tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    """A fresh process: argostranslate.settings creates its directories at import time."""
    pytest.importorskip("argostranslate.package")
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    code = (
        "import sys\nfrom pathlib import Path\nfrom l10nflow.mt.registry import Registry\n"
        "print(Registry().install_argos(Path(sys.argv[1])).path)\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(home)}
    environment |= {"PYTHONPATH": str(src), "L10NFLOW_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tiny_models["argos_th"])],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(data / "models" / "argos" / PACKAGE)
    argos_dirs = [p for p in home.rglob("*") if "argos" in p.name]
    assert argos_dirs == []
    assert (data / "models" / "argos-state" / "config" / "argos-translate").is_dir()


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zipped:
        for name, text in members.items():
            zipped.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"../escape/metadata.json": "{}"},
            "refusing unsafe member path '../escape/metadata.json'",
        ),
        ({"p/metadata.json": "{}", "/tmp/abs.txt": "x"}, "refusing unsafe member path '/tmp/abs"),
        ({"p/../../escape.txt": "x"}, "refusing unsafe member path"),
        ({"a/metadata.json": "{}", "b/metadata.json": "{}"}, "exactly one top directory (a, b)"),
    ],
)
def test_unsafe_archives_are_refused_before_argos_extracts_them(
    tmp_path: Path, install_calls: list[Path], members: dict[str, str], message: str
) -> None:
    evil = write_zip(tmp_path / "evil.argosmodel", members)
    with pytest.raises(ModelError, match=re.escape(message)):
        Registry().install_argos(evil)
    assert install_calls == []
    assert not (tmp_path / "escape").exists()
    assert not (tmp_path.parent / "escape.txt").exists()


def test_invalid_packages_are_refused_and_nothing_is_installed(
    tmp_path: Path, isolated_dirs: Path, install_calls: list[Path]
) -> None:
    not_zip = tmp_path / "x.argosmodel"
    not_zip.write_text("hello")
    with pytest.raises(ModelError, match="not an Argos package"):
        Registry().install_argos(not_zip)
    empty = write_zip(tmp_path / "p.argosmodel", {"p/metadata.json": '{"from_code": "en"}'})
    with pytest.raises(ModelError, match=r"no sentencepiece\.model"):
        Registry().install_argos(empty)
    assert install_calls == [empty]
    assert list((isolated_dirs / "argos-packages").iterdir()) == []


def test_without_argostranslate_install_names_the_extra(
    tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("argostranslate", "argostranslate.package"):
        monkeypatch.setitem(sys.modules, name, None)  # import now raises ImportError
    with pytest.raises(ModelError, match=r"pip install 'l10nflow\[mt\]'"):
        Registry().install_argos(tiny_models["argos_th"])
    runner = CliRunner()
    result = runner.invoke(models_group, ["install", str(tiny_models["argos_th"])])
    assert result.exit_code == 1
    assert "needs argostranslate" in result.output
    assert "pip install 'l10nflow[mt]'" in result.output
    result = runner.invoke(models_group, ["install", "--from-index", "en", "th"])
    assert (result.exit_code, "pip install 'l10nflow[mt]'" in result.output) == (1, True)
    result = runner.invoke(models_group, ["list"])  # everything else keeps working
    assert (result.exit_code, "no models installed" in result.output) == (0, True)


# -- the Argos index, served from 127.0.0.1 --------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


@dataclass
class Served:
    base: str
    directory: Path

    def write_index(self, entries: list[dict[str, Any]], name: str = "index.json") -> None:
        (self.directory / name).write_text(json.dumps(entries), encoding="utf-8")


@pytest.fixture
def served(tiny_models: dict[str, Path], tmp_path: Path) -> Iterator[Served]:
    """A directory served on 127.0.0.1 holding the en→th package and a valid index."""
    directory = tmp_path / "served"
    directory.mkdir()
    package = directory / tiny_models["argos_th"].name
    package.write_bytes(tiny_models["argos_th"].read_bytes())
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = Served(f"http://127.0.0.1:{server.server_address[1]}/", directory)
    site.write_index(
        [
            {"type": "sbd", "from_code": "en", "to_code": "th", "links": []},
            {"package_version": "0.9", "from_code": "en", "to_code": "th", "links": ["nope"]},
            {
                "package_version": "1.0",
                "from_code": "en",
                "to_code": "th",
                "links": [site.base + "missing.argosmodel", site.base + package.name],
            },
        ]
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def test_install_from_index_honours_argos_package_index(
    served: Served,
    isolated_dirs: Path,
    install_calls: list[Path],
    argos_package: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", served.base)
    layout = argos_layout(Registry().root)
    layout.downloads_dir.mkdir(parents=True)
    stale = layout.downloads_dir / "translate-en_th.argosmodel"
    stale.write_bytes(b"a partial download from an earlier run")
    result = CliRunner().invoke(models_group, ["install", "--from-index", "en", "th"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"installed {PACKAGE} (en → th)")
    assert [path.name for path in install_calls] == ["translate-en_th.argosmodel"]
    assert Registry().best_for("en", "th") is not None
    assert not stale.exists()  # the download was fresh, and it is removed once installed
    assert json.loads(layout.local_index.read_text())[2]["package_version"] == "1.0"
    assert argos_package.settings.remote_package_index != served.base + "index.json"  # restored
    result = CliRunner().invoke(models_group, ["install", "--from-index", "en", "my"])
    assert result.exit_code == 1
    assert "has no package for en → my" in result.output
    with pytest.raises(ModelError, match="no package for en → my"):
        Registry().install_from_index("en", "my")


def test_an_index_url_naming_a_json_file_is_used_as_is(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("argostranslate.package")
    (served.directory / "index.json").rename(served.directory / "mirror.json")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", served.base + "mirror.json")
    assert Registry().install_from_index("en", "th").name == PACKAGE


def test_a_missing_index_is_a_clear_error_not_a_stale_copy_or_a_recursion(
    served: Served, argos_package: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = Registry()
    registry.install_from_index("en", "th", index=served.base)  # leaves a local index copy
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", served.base + "gone/")
    url = served.base + "gone/index.json"
    with pytest.raises(ModelError, match=f"cannot download the Argos package index {url}: .*404"):
        registry.install_from_index("en", "th")
    assert not argos_layout(registry.root).local_index.exists()
    result = CliRunner().invoke(models_group, ["install", "--from-index", "en", "th"])
    assert result.exit_code == 1
    assert f"cannot download the Argos package index {url}" in result.output


def test_a_broken_index_or_dead_links_are_clear_errors(served: Served) -> None:
    pytest.importorskip("argostranslate.package")
    (served.directory / "bad.json").write_text("<html>not json</html>")
    with pytest.raises(ModelError, match=r"bad\.json: not an Argos package index"):
        Registry().install_from_index("en", "th", index=served.base + "bad.json")
    served.write_index(
        [{"from_code": "en", "to_code": "th", "links": [served.base + "x.argosmodel"]}],
        "dead.json",
    )
    with pytest.raises(ModelError, match=r"download of en → th failed \(.*x\.argosmodel\): .*404"):
        Registry().install_from_index("en", "th", index=served.base + "dead.json")
