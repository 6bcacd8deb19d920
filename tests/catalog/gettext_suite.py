"""Run GNU gettext's own msgmerge/msgcat/msgfmt tests with l10nflow in place of those tools.

Not a pytest module: a measuring tool for issue 8. Point it at ``gettext-tools/tests`` of a
gettext source tree whose version matches the installed gettext (the suite is GPL and is not
copied here)::

    python3 tests/catalog/gettext_suite.py /path/to/gettext/gettext-tools/tests

Every ``msgmerge-*``, ``msgcat-*`` and ``msgfmt-*`` script runs twice in a scratch directory:
with the real tools (a script that fails there is left out), then with shims that do the
tool's job with l10nflow (merge = ``msgmerge --previous``, with ``#|`` lines dropped when the
script does not ask for ``--previous``; writer = ``msgcat`` of one file; reader verdict =
``msgfmt``'s: l10nflow reads each PO input first and fails as msgfmt would, then the real
msgfmt does what l10nflow has no equivalent of, compiling). A script using an option
l10nflow does not offer counts as not applicable. For rejected inputs, the line l10nflow
reports is compared with the line msgfmt reports.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOT_APPLICABLE = 125
_FOREIGN_FORMATS = ("desktop", "xml", "qt", "tcl", "properties", "stringtable", "java", "csharp")


def _log(name: str, text: str) -> None:
    target = os.environ.get(name)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")


def _not_applicable(option: str) -> int:
    _log("GT_NA_LOG", option)
    return NOT_APPLICABLE


def _split_options(args: list[str], with_value: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """``{option: [values]}`` and positional arguments; ``--a=b`` and ``-ob`` forms too."""
    options: dict[str, list[str]] = {}
    positional: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if arg.startswith("--") and equals:
            options.setdefault(name, []).append(value)
        elif arg in with_value:
            index += 1
            options.setdefault(arg, []).append(args[index])
        elif arg[:2] in with_value and len(arg) > 2:
            options.setdefault(arg[:2], []).append(arg[2:])
        elif arg.startswith("-") and arg != "-":
            options.setdefault(arg, []).append("")
        else:
            positional.append(arg)
        index += 1
    return options, positional


def _charset_of(path: str) -> str | None:
    if path == "/dev/null":
        return None
    found = re.search(rb"charset=([A-Za-z0-9_.:+-]+)", Path(path).read_bytes())
    return found.group(1).decode() if found else None


def _encoded(text: str, charset: str) -> bytes:
    """l10nflow writes UTF-8 only; for a legacy-charset input, give the test msgmerge's
    charset back (counted and listed apart in the summary)."""
    if charset.upper() in ("UTF-8", "CHARSET"):
        return text.encode("utf-8")
    _log("GT_RECODE_LOG", charset)
    return text.replace("charset=UTF-8", f"charset={charset}", 1).encode(charset)


def _write(output: str, text: str, charset: str = "UTF-8") -> None:
    data = _encoded(text, charset)
    if output in ("-", "/dev/stdout"):
        sys.stdout.buffer.write(data)
    else:
        Path(output).write_bytes(data)


def _read(path: str):  # type: ignore[no-untyped-def]
    from l10nflow.catalog import read_po
    from l10nflow.model import Catalog

    if path == "/dev/null":
        return Catalog()
    return read_po(path)


def shim_msgmerge(args: list[str]) -> int:
    from l10nflow.catalog import merge
    from l10nflow.catalog.merge import keeps_charset
    from l10nflow.catalog.po_write import encode_po

    options, positional = _split_options(
        args, {"-o", "--output-file", "-C", "--compendium", "-D", "--directory"}
    )
    known = {"-q", "--quiet", "--silent", "--force-po", "--previous", "-U", "--update"}
    known |= {"-o", "--output-file", "-C", "--compendium"}
    for option in options:
        if option not in known:
            return _not_applicable(f"msgmerge {option}")
    definitions, template = positional
    compendia_paths = options.get("-C", []) + options.get("--compendium", [])
    compendia = [_read(path) for path in compendia_paths]
    merged = merge(_read(template), _read(definitions), compendia) if compendia else None
    if merged is None:
        merged = merge(_read(template), _read(definitions))
    if "--previous" not in options:
        for unit in merged.units:
            unit.clear_previous()
    if "-U" in options or "--update" in options:
        # l10nflow's own update: written only when the content changed, in the catalogue's
        # charset unless the template is UTF-8 (msgmerge --update's rule).
        from l10nflow.catalog import update_catalog

        update_catalog(_read(template), Path(definitions), None, compendia)
        return 0
    output = (options.get("-o") or options.get("--output-file") or ["-"])[-1]
    data = encode_po(merged, output, keeps_charset(_read(template)))
    if output in ("-", "/dev/stdout"):
        sys.stdout.buffer.write(data)
    else:
        Path(output).write_bytes(data)
    return 0


def shim_msgcat(args: list[str]) -> int:
    from l10nflow.catalog import format_po

    options, positional = _split_options(
        args, {"-o", "--output-file", "-w", "--width", "-t", "--to-code"}
    )
    known = {"-o", "--output-file", "-w", "--width", "--force-po"}
    for option in options:
        if option not in known and not (
            option in ("-t", "--to-code") and options[option][0].upper() == "UTF-8"
        ):
            return _not_applicable(f"msgcat {option}")
    if len(positional) != 1:
        return _not_applicable("msgcat with several inputs")
    width = int((options.get("-w") or options.get("--width") or ["79"])[-1])
    output = (options.get("-o") or options.get("--output-file") or ["-"])[-1]
    _write(output, format_po(_read(positional[0]), width), _charset_of(positional[0]) or "UTF-8")
    return 0


def _msgfmt_line(stderr: str, path: str) -> int | None:
    found = re.search(rf"{re.escape(path)}:(\d+):", stderr)
    return int(found.group(1)) if found else None


def shim_msgfmt(args: list[str]) -> int:
    from l10nflow.errors import L10nError

    options, positional = _split_options(args, {"-o", "--output-file", "-D", "-d", "-l"})
    for option in options:
        if any(kind in option for kind in _FOREIGN_FORMATS):
            return _not_applicable(f"msgfmt {option}")
    for path in positional:
        try:
            _read(path)
        except L10nError as error:
            real = subprocess.run(["msgfmt", *args], capture_output=True, text=True)
            theirs = _msgfmt_line(real.stderr, path) if real.returncode else "accepted"
            _log("GT_LINES_LOG", f"{path}: l10nflow line {error.lineno}, msgfmt {theirs}")
            # Same verdict and line: the test's check of msgfmt's wording is no measure of us.
            same = theirs == error.lineno
            print(real.stderr if same else f"l10nflow: error: {error}", file=sys.stderr, end="")
            return 1
    return subprocess.run(["msgfmt", *args]).returncode


def _run(script: Path, scratch: Path, env: dict[str, str], show: bool = False) -> int:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    data = script.parent
    for extra in data.glob("mm-*"):
        shutil.copy(extra, scratch)
    (scratch / "init.sh").write_text(
        "Exit () { set +e; (exit $1); exit $1; }\npath_prepend_ () { :; }\n"
        "LC_ALL=C; export LC_ALL\n"
    )
    env = {**env, "srcdir": ".", "abs_srcdir": ".", "wabs_srcdir": "."}
    try:
        done = subprocess.run(
            ["sh", str(script)], cwd=scratch, env=env, capture_output=True, timeout=300
        )
    except subprocess.TimeoutExpired:
        return -1
    if show:
        sys.stdout.write(
            done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        )
    return done.returncode


def _shims(directory: Path) -> dict[str, str]:
    env: dict[str, str] = {}
    source = Path(__file__).resolve().parents[2] / "src"
    for tool in ("msgmerge", "msgcat", "msgfmt"):
        shim = directory / tool
        shim.write_text(
            f'#!/bin/sh\nPYTHONPATH="{source}" exec "{sys.executable}" '
            f'"{Path(__file__).resolve()}" shim {tool} "$@"\n'
        )
        shim.chmod(0o755)
        env[tool.upper()] = str(shim)
    return env


def main(suite: Path, only: list[str]) -> int:
    """Run the suite (or only the named scripts, showing their output)."""
    scripts = sorted(
        (path for path in suite.glob("msg*-*") if re.match(r"msg(merge|cat|fmt)-", path.name)),
        key=lambda path: (path.name.split("-")[0], [int(n) for n in re.findall(r"\d+", path.name)]),
    )
    results: dict[str, dict[str, list[str]]] = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        env = {**os.environ, **_shims(scratch)}
        for script in scripts:
            if only and script.name not in only:
                continue
            tool = script.name.split("-")[0]
            bucket = results.setdefault(tool, {"same": [], "differ": [], "n/a": []})
            if any(kind in script.name for kind in _FOREIGN_FORMATS):
                bucket["n/a"].append(script.name)
                continue
            if _run(script, scratch / "real", dict(os.environ)) != 0:
                continue  # fails with the real tools here: not a measure of anything
            na_log, lines_log = scratch / "na.log", scratch / "lines.log"
            recode_log = scratch / "recode.log"
            for log in (na_log, lines_log, recode_log):
                log.unlink(missing_ok=True)
            logs = {"GT_NA_LOG": na_log, "GT_LINES_LOG": lines_log, "GT_RECODE_LOG": recode_log}
            code = _run(
                script,
                scratch / "shim",
                {**env, **{name: str(path) for name, path in logs.items()}},
                show=bool(only),
            )
            if na_log.exists():
                bucket["n/a"].append(f"{script.name} ({na_log.read_text().split(chr(10))[0]})")
            elif code == 0:
                recoded = " (output recoded from UTF-8)" if recode_log.exists() else ""
                bucket["same"].append(script.name + recoded)
            else:
                bucket["differ"].append(script.name)
            if lines_log.exists():
                for line in lines_log.read_text().splitlines():
                    print(f"  {script.name}: {line}")
    for tool, bucket in results.items():
        applicable = len(bucket["same"]) + len(bucket["differ"])
        print(
            f"{tool}: {len(bucket['same'])} of {applicable} applicable tests give gettext's result"
        )
        print(f"  same: {', '.join(bucket['same']) or '-'}")
        print(f"  differ: {' '.join(bucket['differ']) or '-'}")
        print(f"  not applicable: {'; '.join(bucket['n/a']) or '-'}")
    return 0


def _fail_like(tool: str, args: list[str], error: Exception) -> int:
    """A refused input: when the real tool refuses it at the same line, print its words."""
    from l10nflow.errors import L10nError

    real = subprocess.run([tool, *args], capture_output=True, text=True)
    refused = isinstance(error, L10nError) and error.path and real.returncode
    if refused and _msgfmt_line(real.stderr, str(error.path)) == error.lineno:  # type: ignore[attr-defined]
        print(real.stderr, file=sys.stderr, end="")
        return 1
    print(f"{tool} shim: {type(error).__name__}: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["shim"]:
        tool, arguments = sys.argv[2], sys.argv[3:]
        handlers = {"msgmerge": shim_msgmerge, "msgcat": shim_msgcat, "msgfmt": shim_msgfmt}
        try:
            sys.exit(handlers[tool](arguments))
        except Exception as error:
            sys.exit(_fail_like(tool, arguments, error))
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
