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
# An embedded font's file name: <stem>-subset.ttf|otf (books) or <stem>-<tag>.woff2 (the site).
_EMBEDDED = re.compile(r"^(.+?-(?:Regular|Bold))-(?:subset|[A-Za-z-]+)\.(?:ttf|otf|woff2)$")


def _stacks(fonts_css: str, read: Callable[[str], bytes]) -> dict[str, list[tuple[str, bytes]]]:
    """Per weight ("400", "700"), the (url, data) of each face in the CSS family order."""
    faces = _FACE.findall(fonts_css)
    order = re.findall(r'"([^"]+)"', fonts_css.split("--edition-font:", 1)[1].split(";")[0])
    stacks: dict[str, list[tuple[str, bytes]]] = {}
    for weight in ("400", "700"):
        stacks[weight] = [
            (url, read(url))
            for family in order
            for name, url, face_weight in faces
            if name == family and face_weight == weight
        ]
    return stacks


def notdef_runs_of(documents: list[str], fonts_css: str, read: Callable[[str], bytes]) -> list[str]:
    """Text runs of ``documents`` that HarfBuzz shapes to .notdef with the embedded subsets.

    Reads the ``@font-face`` rules and the family order of ``fonts.css`` as a browser would:
    a run in bold uses each family's 700 face, other text its 400 face.
    """
    from l10nflow.publish.fonts import covered
    from l10nflow.publish.shaping import hb_font, notdef_runs
    from l10nflow.publish.text import rendered_runs

    bad: list[str] = []
    for weight, faces in _stacks(fonts_css, read).items():
        stack = [(hb_font(data), frozenset(ord(c) for c in covered(data))) for _url, data in faces]
        for document in documents:
            runs = rendered_runs(document)
            bad += notdef_runs(runs.bold if weight == "700" else runs.regular, stack)
    return bad


def full_font_of(url: str) -> tuple[bytes, int]:
    """The installed font an embedded subset was made from (file bytes, face index)."""
    from l10nflow.publish.font_specs import FONT_CHOICES, LATIN_FACES
    from l10nflow.publish.fonts import FontLibrary
    from l10nflow.publish.settings import DEFAULT_FONT_DIRS

    match = _EMBEDDED.match(url.rsplit("/", 1)[-1])
    assert match is not None, url
    library = FontLibrary([Path(d) for d in DEFAULT_FONT_DIRS])
    specs = [*LATIN_FACES.values()]
    specs += [s for choices in FONT_CHOICES.values() for f in choices.values() for s in f.values()]
    spec = next(s for s in specs if s.file_name.rsplit(".", 1)[0] == match.group(1))
    return library.path(spec).read_bytes(), spec.font_number


class _Drawn:
    """Glyph outlines of one font, drawn by HarfBuzz (the proof needs no glyph id mapping)."""

    def __init__(self, font: object) -> None:
        self.font = font
        self.outlines: dict[int, tuple[object, ...]] = {}

    def outline(self, gid: int) -> tuple[object, ...]:
        from fontTools.pens.recordingPen import RecordingPen

        if gid not in self.outlines:
            pen = RecordingPen()
            self.font.draw_glyph_with_pen(gid, pen)  # type: ignore[attr-defined]
            self.outlines[gid] = tuple(pen.value)
        return self.outlines[gid]

    def drawn(self, text: str) -> list[tuple[object, ...]]:
        from l10nflow.publish.shaping import shape_positions

        return [
            (self.outline(gid), *rest)
            for gid, *rest in shape_positions(self.font, text)  # type: ignore[arg-type]
        ]


def shaping_differences_of(
    documents: list[str], fonts_css: str, read: Callable[[str], bytes]
) -> list[str]:
    """Pieces of text that look different with the embedded subsets than with the full fonts.

    Each run is cut per font as a browser does with the embedded fonts (their cmaps, the CSS
    family order and weights), and each piece is shaped with the subset and with the installed
    font it came from: every glyph's outline, cluster, advance and offset must be the same.
    """
    from l10nflow.publish.fonts import covered
    from l10nflow.publish.shaping import hb_font, split_by_font
    from l10nflow.publish.text import rendered_runs

    differing: list[str] = []
    for weight, faces in _stacks(fonts_css, read).items():
        pairs = []
        for url, data in faces:
            full, number = full_font_of(url)
            pairs.append((_Drawn(hb_font(data)), _Drawn(hb_font(full, number))))
        keyed = [(i, frozenset(ord(c) for c in covered(d))) for i, (_u, d) in enumerate(faces)]
        for document in documents:
            runs = rendered_runs(document)
            for run in runs.bold if weight == "700" else runs.regular:
                for index, piece in split_by_font(run, keyed):
                    if index is None:
                        continue
                    subset, full_font = pairs[index]
                    if subset.drawn(piece) != full_font.drawn(piece):
                        differing.append(piece)
    return differing


def _page_css(page: Path) -> Path:
    name = re.search(
        r'<link rel="stylesheet" href="([^"]*fonts[^"]*\.css)">', page.read_text("utf-8")
    )
    assert name is not None, page
    return (page.parent / name.group(1)).resolve()


def html_notdef(page: Path) -> list[str]:
    css = _page_css(page)
    read = lambda url: (css.parent / url).read_bytes()  # noqa: E731
    return notdef_runs_of([page.read_text("utf-8")], css.read_text("utf-8"), read)


def html_shaping_differences(page: Path) -> list[str]:
    css = _page_css(page)
    read = lambda url: (css.parent / url).read_bytes()  # noqa: E731
    return shaping_differences_of([page.read_text("utf-8")], css.read_text("utf-8"), read)


def _book(book: Path) -> tuple[str, list[str], Callable[[str], bytes]]:
    with zipfile.ZipFile(book) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    css = files["EPUB/fonts.css"].decode("utf-8")
    documents = [
        files[f"EPUB/{name}"].decode("utf-8")
        for name in ("content.xhtml", "nav.xhtml", "cover.xhtml")
    ]
    return css, documents, lambda url: files[f"EPUB/{url}"]


def epub_notdef(book: Path) -> list[str]:
    css, documents, read = _book(book)
    return notdef_runs_of(documents, css, read)


def epub_shaping_differences(book: Path) -> list[str]:
    css, documents, read = _book(book)
    return shaping_differences_of(documents, css, read)


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
