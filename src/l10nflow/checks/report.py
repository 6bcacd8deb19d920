"""Findings as text (``path:line: severity: check-id: message``), JSON, or GitHub annotations."""

from __future__ import annotations

from l10nflow.checks.base import Finding, Severity

FORMATS = ("text", "json", "github")


def format_text(findings: list[Finding]) -> str:
    return "".join(
        f"{f.path}:{f.line}: {f.severity.value}: {f.check}: {f.message}\n" for f in findings
    )


def format_json(findings: list[Finding]) -> str:
    import json  # here: the text format, the usual one, needs none

    return json.dumps([f.record() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    # GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        level = "error" if f.severity is Severity.ERROR else "warning"
        where = f"file={_escape_property(f.path)},line={f.line},title={_escape_property(f.check)}"
        lines.append(f"::{level} {where}::{_escape_data(f.message)}\n")
    return "".join(lines)


def format_findings(findings: list[Finding], style: str) -> str:
    if style == "json":
        return format_json(findings)
    if style == "github":
        return format_github(findings)
    return format_text(findings)


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    return f"{errors} error(s), {len(findings) - errors} warning(s)"
