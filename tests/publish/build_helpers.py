"""Helpers for the builder tests (a uniquely named module: tests/ has no packages)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from l10nflow.config import load_config
from l10nflow.publish import BuildReport, build, settings_from_config
from l10nflow.publish.commands import build_command

DATA = Path(__file__).parent / "data" / "project"
SHIPPED_SOURCE = Path(__file__).resolve().parents[2] / "source"
SHIPPED_LOCALES = Path(__file__).resolve().parents[2] / "locales"
ALL_LOCALES = ("my", "th", "zh_Hans", "en-XA")
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def copy_ui_catalogues(locales: Path) -> None:
    """The repository's interface catalogues (l10nflow-ui) into a project's locales/."""
    for path in SHIPPED_LOCALES.rglob("l10nflow-ui.po*"):
        destination = locales / path.relative_to(SHIPPED_LOCALES)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def copy_project(target: Path, font_cache: Path | None = None) -> Path:
    """Copy the test project; ``font_cache`` shares subsets between tests (they are slow)."""
    shutil.copytree(DATA, target)
    copy_ui_catalogues(target / "locales")
    if font_cache is not None:
        config = target / "l10nflow.toml"
        config.write_text(
            config.read_text("utf-8") + f'font_cache = "{font_cache}"\n', encoding="utf-8"
        )
    return target


def run_cli(root: Path, *args: str) -> Result:
    """``l10nflow build`` through click, on the project at ``root``."""
    return CliRunner().invoke(build_command, ["--config", str(root / "l10nflow.toml"), *args])


def build_project(root: Path, **options: object) -> BuildReport:
    config = load_config(explicit=root / "l10nflow.toml")
    settings = settings_from_config(config, **options)  # type: ignore[arg-type]
    return build(config, settings)


@dataclass
class Built:
    root: Path
    report: BuildReport

    @property
    def out(self) -> Path:
        return self.root / "build"

    def page(self, tag: str) -> Path:
        return self.out / "html" / "defectors" / tag / "index.html"

    def epub(self, tag: str) -> Path:
        return self.out / "epub" / f"defectors.{tag}.epub"


def run_epubcheck(java: str, books: list[Path]) -> dict[str, tuple[int, int, str]]:
    """epubcheck on several books → {path: (errors incl. fatal, warnings, output)}.

    One JVM for all books through EpubCheckMany.java (JVM start-up dominates); if this Java
    cannot run source files, one ``java -jar epubcheck.jar`` per book.
    """
    if not EPUBCHECK_JAR.is_file():
        pytest.fail("epubcheck is required (apt-get install -y epubcheck)")
    helper = Path(__file__).parent / "EpubCheckMany.java"
    completed = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-cp", str(EPUBCHECK_JAR), str(helper)]
        + [str(book) for book in books],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = completed.stdout + completed.stderr
    results: dict[str, tuple[int, int, str]] = {}
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            _, errors, warnings, path = line.split(" ", 3)
            results[path] = (int(errors), int(warnings), output)
    if not results:
        for book in books:
            single = subprocess.run(
                [java, "-jar", str(EPUBCHECK_JAR), str(book)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            text = single.stdout + single.stderr
            counts = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", text)
            assert counts is not None, text
            fatal, errors, warnings = (int(x) for x in counts.groups())
            results[str(book)] = (fatal + errors, warnings, text)
    assert len(results) == len(books), output
    return results


def vnu_jar() -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is required to find vnu-jar (npm install -g vnu-jar)")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=True)
    jar = Path(root.stdout.strip()) / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail("the Nu HTML Checker is required (npm install -g vnu-jar)")
    return jar


def run_vnu(java: str, pages: list[Path]) -> subprocess.CompletedProcess[str]:
    """The Nu HTML Checker on several pages in one JVM; errors only."""
    return subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", *[str(p) for p in pages]],
        capture_output=True,
        text=True,
        timeout=600,
    )


_FACE = re.compile(
    r'@font-face \{\s*font-family: "([^"]+)";\s*src: url\("([^"]+)"\)[^;]*;.*?font-weight: (\d+);',
    re.S,
)


def notdef_runs_of(documents: list[str], fonts_css: str, read: Callable[[str], bytes]) -> list[str]:
    """Text runs of ``documents`` that HarfBuzz shapes to .notdef with the embedded subsets.

    Reads the ``@font-face`` rules and the family order of ``fonts.css`` as a browser would:
    a run in bold uses each family's 700 face, other text its 400 face.
    """
    from l10nflow.publish.fonts import covered
    from l10nflow.publish.shaping import hb_font, notdef_runs
    from l10nflow.publish.text import rendered_runs

    faces = _FACE.findall(fonts_css)
    order = re.findall(r'"([^"]+)"', fonts_css.split("--edition-font:", 1)[1].split(";")[0])
    bad: list[str] = []
    for weight in ("400", "700"):
        stack = []
        for family in order:
            for name, url, face_weight in faces:
                if name == family and face_weight == weight:
                    data = read(url)
                    stack.append((hb_font(data), frozenset(ord(c) for c in covered(data))))
        for document in documents:
            runs = rendered_runs(document)
            bad += notdef_runs(runs.bold if weight == "700" else runs.regular, stack)
    return bad


def html_notdef(page: Path) -> list[str]:
    name = re.search(r'<link rel="stylesheet" href="(fonts[^"]*\.css)">', page.read_text("utf-8"))
    assert name is not None, page
    css = (page.parent / name.group(1)).read_text("utf-8")
    return notdef_runs_of(
        [page.read_text("utf-8")], css, lambda url: (page.parent / url).read_bytes()
    )


def epub_notdef(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as archive:
        css = archive.read("EPUB/fonts.css").decode("utf-8")
        documents = [
            archive.read(f"EPUB/{name}").decode("utf-8")
            for name in ("content.xhtml", "nav.xhtml", "cover.xhtml")
        ]
        return notdef_runs_of(documents, css, lambda url: archive.read(f"EPUB/{url}"))


def _npm_root() -> Path:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is required (apt-get install -y npm)")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=True)
    return Path(root.stdout.strip())


def run_axe(pages: list[Path]) -> dict[str, list[dict[str, object]]]:
    """axe-core in headless Chromium (tests/publish/axe_check.js) → {page: violations}."""
    root = _npm_root()
    for package in ("axe-core", "puppeteer-core"):
        if not (root / package).is_dir():
            pytest.fail(f"npm package {package} is required (scripts/install.sh --test)")
    completed = subprocess.run(
        ["node", str(Path(__file__).parent / "axe_check.js"), *[str(p) for p in pages]],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NODE_PATH": str(root)},
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    return {str(Path(r["page"]).resolve()): r["violations"] for r in results}


def run_ace(book: Path, report_dir: Path) -> dict[str, object]:
    """DAISY Ace (puppeteer runner, Debian's chromium) on one book → its report.json."""
    ace = _npm_root() / "@daisy" / "ace" / "bin" / "ace-puppeteer.js"
    if not ace.is_file():
        pytest.fail("DAISY Ace is required (npm install -g --ignore-scripts @daisy/ace)")
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium") or "/usr/bin/chromium",
    }
    completed = subprocess.run(
        ["node", str(ace), "--silent", "-f", "-o", str(report_dir), str(book)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    report = report_dir / "report.json"
    assert report.is_file(), completed.stdout + completed.stderr
    data: dict[str, object] = json.loads(report.read_text("utf-8"))
    return data


def ace_violations(report: dict[str, object]) -> list[str]:
    """Every failed Ace assertion as 'document: rule (impact)'."""
    found = []
    for document in report.get("assertions", []):  # type: ignore[union-attr]
        for check in document.get("assertions", []):
            if check["earl:result"]["earl:outcome"] != "pass":
                rule = check["earl:test"]["dct:title"]
                impact = check["earl:test"].get("earl:impact", "")
                found.append(f"{document['earl:testSubject']['url']}: {rule} ({impact})")
    return found
