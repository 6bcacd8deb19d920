"""Font licence texts: the OFL that must ship beside every embedded font (OFL condition 2)."""

from __future__ import annotations

from pathlib import Path


def ofl_beside(path: Path) -> str | None:
    for name in ("OFL.txt", "OFL-1.1.txt", "LICENSE.txt"):
        candidate = path.parent / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def ofl_from_debian(package: str) -> str | None:
    """The OFL text from a machine-readable Debian copyright file (its stand-alone paragraph)."""
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    if not copyright_file.is_file():
        return None
    best: list[str] = []
    for paragraph in copyright_file.read_text(encoding="utf-8").split("\n\n"):
        lines = paragraph.strip("\n").split("\n")
        first = lines[0]
        if first.startswith("License:") and any(n in first for n in ("OFL-1.1", "SIL-1.1")):
            body = [line[1:] if line.startswith(" ") else line for line in lines[1:]]
            if len(body) > len(best):
                best = body
    if len(best) < 20:
        return None
    text = "\n".join("" if line == "." else line for line in best)
    if "SIL OPEN FONT LICENSE" not in text:
        text = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\n" + text
    return text
