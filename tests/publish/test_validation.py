"""The HTML pages pass the Nu HTML Checker (vnu) with no errors."""

from __future__ import annotations

from pathlib import Path

from build_helpers import Built, run_vnu


def test_pages_have_no_html_errors(built: Built, shipped: Path, java: str, tmp_path: Path) -> None:
    pages = [built.page(tag) for tag in ("en", "my", "zh-Hans", "en-XA")]
    pages.extend(sorted((built.out / "html").glob("index*.html")))
    shipped_pages = sorted((shipped / "html").rglob("*.html"))
    assert len(shipped_pages) >= 3  # the index and two editions per article
    pages.extend(shipped_pages)
    result = run_vnu(java, pages)
    assert result.returncode == 0, result.stdout + result.stderr
    # A control page with a known error proves the checker ran on real input.
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span>", "utf-8")
    control = run_vnu(java, [bad])
    assert control.returncode != 0
    assert "error" in control.stdout + control.stderr
