"""Format-directive checks for the merge: does a msgstr use the directives its msgid uses?

msgmerge marks an entry fuzzy when the template makes it a ``c-format`` (``python-format``...)
message that it was not before and the translation would fail ``msgfmt -c``. This module
parses the two most common directive languages the way gettext's ``format-c.c`` and
``format-python.c`` do (argument numbers or names, and the type each one needs); for other
languages there is no check and no entry becomes fuzzy for this reason.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

# %[argnum$][flags][width][.precision][size]conversion, and %<PRIxNN> (C99 inttypes).
_C_DIRECTIVE = re.compile(
    r"%(?:(?P<arg>[1-9][0-9]*)\$)?[-+ #0'I]*(?:\*(?:[1-9][0-9]*\$)?|[0-9]+)?"
    r"(?:\.(?:\*(?:[1-9][0-9]*\$)?|[0-9]*))?"
    r"(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv><PRI[diouxX](?:8|16|32|64|PTR|MAX|LEAST\d+|FAST\d+)>|[diouxXeEfFgGaAcsCSpn%])"
)
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "unsigned"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "C": "wchar",
    "s": "string",
    "S": "wstring",
    "p": "pointer",
    "n": "count",
}
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
_PYTHON_TYPES = {
    **dict.fromkeys("diouxX", "integer"),
    **dict.fromkeys("eEfFgG", "float"),
    "c": "character",
    **dict.fromkeys("rsa", "string"),
}

Signature = dict[str, str] | None  # argument -> type; None: not a valid format string


@dataclass(frozen=True)
class _Syntax:
    """What tells one printf-like language from another in :func:`_signature`."""

    directive: re.Pattern[str]
    kind: Callable[[re.Match[str]], str]  # the type a directive needs
    explicit: str  # the group naming its argument (``%2$d``, ``%(name)s``), if it has one
    name: Callable[[str], str]  # that argument's key


def _signature(syntax: _Syntax, text: str) -> Signature:
    """The arguments the directives of ``text`` use and their types; None when gettext's
    parser rejects it (a bad directive, one argument with two types, explicit and implicit
    arguments mixed)."""
    arguments: dict[str, str] = {}
    explicit = implicit = 0
    position = 0
    while (start := text.find("%", position)) >= 0:
        match = syntax.directive.match(text, start)
        if match is None:
            return None
        position = match.end()
        if match.group("conv") == "%":
            continue
        kind = syntax.kind(match)
        given = match.group(syntax.explicit)
        if given is not None:
            explicit += 1
            name = syntax.name(given)
        else:
            implicit += 1
            name = str(implicit)
        if arguments.get(name, kind) != kind:
            return None
        arguments[name] = kind
    if explicit and implicit:
        return None
    return arguments


def _c_kind(match: re.Match[str]) -> str:
    conversion = match.group("conv")
    kind = "int" if conversion.startswith("<") else _C_TYPES[conversion]
    return f"{match.group('size') or ''}{kind}"


_C = _Syntax(_C_DIRECTIVE, _c_kind, "arg", str)
_PYTHON = _Syntax(
    _PYTHON_DIRECTIVE, lambda match: _PYTHON_TYPES[match.group("conv")], "name", "({})".format
)


_KDE_DIRECTIVE = re.compile(r"%([1-9][0-9]?)")


def _kde_signature(text: str) -> Signature:
    return {number: "any" for number in _KDE_DIRECTIVE.findall(text)}


_PARSERS: dict[str, Callable[[str], Signature]] = {
    "c": partial(_signature, _C),
    "python": partial(_signature, _PYTHON),
    "kde": _kde_signature,
}
# How many arguments a relaxed (plural form) check lets a translation leave out.
_MAY_OMIT = {"c": None, "python": None, "kde": 1}
_OFTEN = 5


@cache
def often_forms(plural_forms: str | None) -> tuple[bool, ...] | None:
    """For each plural form, whether the formula picks it for 5 or more n in 0..1000
    (gettext's ``check_plural_eval``); None when there is no usable formula."""
    if not plural_forms:
        return None
    found = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]*)", plural_forms)
    if found is None or int(found.group(1)) > 100:
        return None
    try:
        formula = gettext.c2py(found.group(2))
        counts = [0] * int(found.group(1))
        for number in range(1001):
            counts[formula(number)] += 1
    except (ValueError, IndexError, ZeroDivisionError, RecursionError):
        return None
    return tuple(count >= _OFTEN for count in counts)


def checkable(language: str) -> bool:
    return language in _PARSERS


def directives_match(
    language: str,
    msgid: str,
    msgstrs: list[str],
    plural: str | None,
    often: tuple[bool, ...] | None = None,
) -> bool:
    """Would ``msgfmt -c`` accept these translations as ``language``-format?

    Like gettext's ``check_msgid_msgstr_format_i``: every msgstr is compared with the
    msgid_plural (or msgid); strictly (same arguments, same types) for a singular message, a
    lone msgstr[0], or a form the plural formula uses for many numbers (``often``); otherwise
    the form may leave arguments out but use none the source lacks. Languages without a parser
    here always match.
    """
    parse = _PARSERS.get(language)
    if parse is None:
        return True
    source = parse(msgid if plural is None else plural)
    if source is None:
        return True  # the msgid itself is no valid format string: msgfmt does not check it
    for index, text in enumerate(msgstrs):
        target = parse(text)
        if target is None:
            return False
        strict = (
            plural is None
            or len(msgstrs) < 2
            or bool(often and index < len(often) and often[index])
        )
        if any(source.get(name) != kind for name, kind in target.items()):
            return False
        missing = len(source) - len(target)
        limit = 0 if strict else _MAY_OMIT[language]
        if limit is not None and missing > limit:
            return False
    return True
