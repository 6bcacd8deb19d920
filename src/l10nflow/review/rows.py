"""One review row per catalogue entry: source, translation, provenance, confidence, findings.

Provenance and scores are read back from the ``# l10nflow-mt:`` / ``# l10nflow-tm:`` comments
that ``l10nflow translate`` writes, so the review works on any catalogue, whoever filled it.
Confidence is on one scale from 0 to 1 so that drafts of both kinds sort together: for MT
``exp(score)``, the model's mean per-token probability; for a translation-memory match its
similarity (1.0 for an exact match). Human translations have none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.model import Catalog, Unit
from l10nflow.mt.prefill import MT_TAG, TM_TAG

_SCORE_RE = re.compile(r"\bscore=(-?\d+(?:\.\d+)?)")
_SIMILARITY_RE = re.compile(r"\bsimilarity=(\d+(?:\.\d+)?)%")
_FIELD_RE = re.compile(r"\b(engine|model)=(\S+)")
_BY_POSITION_RE = re.compile(
    r'\bmarkup-by-position=((?:"[^"]*"|[^\s,"]+)(?:,(?:"[^"]*"|[^\s,"]+))*)'
)


@dataclass
class Row:
    where: str  # catalogue file:line
    references: list[str]
    msgid: str
    msgstr: str
    state: str  # translated | fuzzy | untranslated
    origin: str  # mt | tm | copy | human | none
    engine: str = ""
    score: float | None = None  # MT mean log-probability per token
    confidence: float | None = None  # 0–1, see the module docstring
    note: str = ""  # our provenance comment, as written
    findings: list[str] = field(default_factory=list)


def _provenance(unit: Unit) -> str:
    for comment in unit.translator_comments:
        if comment.startswith((MT_TAG, TM_TAG)):
            return comment
    return ""


def _origin(unit: Unit, note: str) -> tuple[str, str, float | None, float | None]:
    """(origin, engine/model, score, confidence) from our provenance comment."""
    if not unit.msgstr:
        return "none", "", None, None
    if note.startswith(TM_TAG):
        similar = _SIMILARITY_RE.search(note)
        return (
            "tm",
            note[len(TM_TAG) :].split()[0],
            None,
            (float(similar.group(1)) / 100 if similar else 1.0),
        )
    if note.startswith(MT_TAG) and unit.fuzzy:
        fields = dict(_FIELD_RE.findall(note))
        if fields.get("engine") == "copy":
            return "copy", "copy", None, 1.0
        engine = f"{fields.get('engine', '?')}:{fields.get('model', '?')}"
        found = _SCORE_RE.search(note)
        score = float(found.group(1)) if found else None
        return "mt", engine, score, math.exp(score) if score is not None else None
    return "human", "", None, None


def _findings(unit: Unit, locale: str, note: str) -> list[str]:
    from l10nflow.checks.numbers import number_problems
    from l10nflow.segment.placeholders import markup_problem

    findings: list[str] = []
    if not unit.msgstr:
        return findings
    problem = markup_problem(unit.msgid, unit.msgstr)
    if problem:
        findings.append(f"markup: {problem}")
    findings.extend(f"numbers: {p}" for p in number_problems(unit.msgid, unit.msgstr, locale))
    by_position = _BY_POSITION_RE.search(note)
    if by_position:
        placed = by_position.group(1)
        findings.append(f"markup placed by position, not by alignment: {placed}")
    return findings


def catalogue_rows(catalog: Catalog, path: str, locale: str) -> list[Row]:
    """Rows of the active, singular entries of one catalogue, in file order."""
    rows: list[Row] = []
    for unit in catalog.units:
        if unit.obsolete or unit.is_header or unit.msgid_plural is not None:
            continue
        note = _provenance(unit)
        origin, engine, score, confidence = _origin(unit, note)
        state = "untranslated" if not unit.msgstr else "fuzzy" if unit.fuzzy else "translated"
        rows.append(
            Row(
                where=f"{path}:{unit.lineno}",
                references=[str(location) for location in unit.locations],
                msgid=unit.msgid,
                msgstr=unit.msgstr,
                state=state,
                origin=origin,
                engine=engine,
                score=score,
                confidence=confidence,
                note=note,
                findings=_findings(unit, locale, note),
            )
        )
    return rows


def least_confident_first(rows: list[Row]) -> list[Row]:
    """Drafts by rising confidence (those with findings first among equals); then the rest."""
    drafts = [r for r in rows if r.confidence is not None]
    drafts.sort(key=lambda r: (r.confidence, -len(r.findings)))
    return drafts + [r for r in rows if r.confidence is None]


def display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
