"""Font subsets with HarfBuzz's hb-subset, cached on disk by font and character set.

hb-subset (through ``uharfbuzz``) makes a Chinese subset of a few hundred characters in about
15 ms where fontTools' subsetter takes 4–5 s (``benchmarks/bench_build.py --subsetters``). It
keeps the layout features shapers apply and closes the glyph set over GSUB, so what a shaper
substitutes is kept; the characters shapers decompose to (Thai ำ → ํ + า) are added to the
character set by the caller. A subset is an OpenType (sfnt) file, as EPUBs embed it; web pages
get it as WOFF2 (:func:`woff2`).

The cache key is the font file's SHA-256, the face index, the sorted characters, the glyphs
asked for, and :data:`SUBSETTER_VERSION`: a rebuild with unchanged text does no subsetting, and
a new HarfBuzz (or a change of options here) makes new subsets.
"""

from __future__ import annotations

import array
import hashlib
import io
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

from l10nflow.publish.font_specs import BOLD, FontSpec

OPTIONS_VERSION = 1  # bump when the options below change what a subset contains
_MEMORY_ENTRIES = 16  # subsets kept in memory (a Chinese book's may be 2 MB)
SUBSETTER_VERSION = f"hb-subset {hb.__version__}; l10nflow options {OPTIONS_VERSION}"


@dataclass(frozen=True)
class Subset:
    """An sfnt subset and, for each new glyph id, the full font's glyph id."""

    data: bytes
    old_gids: tuple[int, ...]

    def retained(self) -> frozenset[int]:
        return frozenset(self.old_gids)

    def to_new(self) -> dict[int, int]:
        return {old: new for new, old in enumerate(self.old_gids)}


def _subset_input(characters: str, gids: Iterable[int]) -> hb.SubsetInput:
    config = hb.SubsetInput()
    # hb-subset's default layout features are those HarfBuzz's shapers (and browsers) apply:
    # Myanmar and Thai reordering, marks, ligatures, kerning. Keeping *every* feature loses
    # some Latin kerning pairs with HarfBuzz 15 (Noto Sans "Wa"), which the shaping check saw.
    for kind in (
        hb.SubsetInputSets.NAME_ID,  # copyright and licence strings stay in the font
        hb.SubsetInputSets.NAME_LANG_ID,
    ):
        config.sets(kind).invert()
    config.unicode_set.update(ord(c) for c in characters)
    config.glyph_set.update(gids)
    config.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    return config


def hb_subset(face: hb.Face, characters: str, gids: Iterable[int] = ()) -> Subset:
    """The subset of ``face`` for ``characters`` (plus ``gids``), all layout kept."""
    plan = hb.SubsetPlan(face, _subset_input(characters, gids))
    mapping = dict(plan.new_to_old_glyph_mapping.items())
    old_gids = tuple(mapping[new] for new in range(len(mapping)))
    data = plan.execute().blob.data
    return Subset(bytes(data), old_gids)


def rename(data: bytes, spec: FontSpec) -> bytes:
    """A modified OFL font may not use its Reserved Font Name: give it the CSS family name."""
    from fontTools.ttLib import TTFont

    style = "Bold" if spec.weight == BOLD else "Regular"
    postscript = f"{spec.family.replace(' ', '')}-{style}"
    names = {1: spec.family, 2: style, 3: postscript, 4: f"{spec.family} {style}", 6: postscript}
    # Lazy: only the name table is decoded and written again, the rest is copied.
    font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (16, 17, 18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.removeNames(nameID=name_id)
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    buffer = io.BytesIO()
    font.save(buffer)
    font.close()
    return buffer.getvalue()


def woff2(sfnt: bytes) -> bytes:
    """WOFF2 for web pages (Brotli: slow for big fonts, so done once per site font)."""
    from fontTools.ttLib import woff2 as woff2_module

    output = io.BytesIO()
    woff2_module.compress(io.BytesIO(sfnt), output)
    return output.getvalue()


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class SubsetCache:
    """Subsets (and their WOFF2 forms) by content key, in memory and under ``directory``."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._faces: dict[FontSpec, hb.Face] = {}
        self._digests: dict[Path, str] = {}
        self._memory: dict[str, Subset] = {}
        self.made = 0  # subsets computed (not found in a cache) by this process

    def face(self, spec: FontSpec, path: Path) -> hb.Face:
        if spec not in self._faces:
            self._faces[spec] = hb.Face(hb.Blob.from_file_path(str(path)), spec.font_number)
        return self._faces[spec]

    def key(self, spec: FontSpec, path: Path, characters: str, gids: Iterable[int]) -> str:
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        rename_to = spec.family if spec.reserved_name else ""
        parts = (
            SUBSETTER_VERSION,
            self._digests[path],
            str(spec.font_number),
            rename_to,
            "".join(sorted(set(characters))),
            ",".join(str(g) for g in sorted(set(gids))),
        )
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def subset(
        self, spec: FontSpec, path: Path, characters: str, gids: Iterable[int] = ()
    ) -> tuple[str, Subset]:
        """(cache key, subset) for ``characters`` and ``gids`` of the font ``spec`` at ``path``."""
        gids = sorted(set(gids))
        key = self.key(spec, path, characters, gids)
        if key in self._memory:
            return key, self._memory[key]
        found = self._read(key)
        if found is None:
            found = hb_subset(self.face(spec, path), "".join(sorted(set(characters))), gids)
            if spec.reserved_name:
                found = Subset(rename(found.data, spec), found.old_gids)
            self.made += 1
            self._write(f"{key}.sfnt", found.data)
            self._write(f"{key}.gids", array.array("I", found.old_gids).tobytes())
        if len(self._memory) >= _MEMORY_ENTRIES:
            self._memory.clear()  # books' subsets are used once: keep memory flat
        self._memory[key] = found
        return key, found

    def woff2_all(self, subsets: dict[str, Subset], jobs: int = 1) -> dict[str, bytes]:
        """WOFF2 of each subset by key, those not cached compressed in ``jobs`` processes
        (Brotli at WOFF2's quality takes seconds on a big Chinese subset; largest first)."""
        found: dict[str, bytes] = {}
        for key in subsets:
            cached = self._read_file(f"{key}.woff2")
            if cached is not None:
                found[key] = cached
        todo = sorted(set(subsets) - set(found), key=lambda k: -len(subsets[k].data))
        workers = min(jobs, len(todo))
        sfnts = [subsets[key].data for key in todo]
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                compressed = list(pool.map(woff2, sfnts))
        else:
            compressed = [woff2(data) for data in sfnts]
        for key, data in zip(todo, compressed, strict=True):
            self._write(f"{key}.woff2", data)
            found[key] = data
        return found

    def _read(self, key: str) -> Subset | None:
        data, gids = self._read_file(f"{key}.sfnt"), self._read_file(f"{key}.gids")
        if data is None or gids is None:
            return None
        return Subset(data, tuple(array.array("I", gids)))

    def _read_file(self, name: str) -> bytes | None:
        if self.directory is None:
            return None
        try:
            return (self.directory / name).read_bytes()
        except OSError:
            return None

    def _write(self, name: str, data: bytes) -> None:
        """Atomic (temporary file, then rename), so parallel builds may share the cache."""
        if self.directory is None:
            return
        target = self.directory / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{name}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except OSError:
            pass  # a read-only or full cache only costs time: the subset is still returned
