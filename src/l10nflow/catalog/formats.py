"""Format-directive checks for the merge: does a msgstr use the directives its msgid uses?

msgmerge marks an entry fuzzy when the template makes it a ``c-format`` (``python-format``...)
message that it was not before and the translation would fail ``msgfmt -c``. This module
parses the two most common directive languages the way gettext's ``format-c.c`` and
``format-python.c`` do (argument numbers or names, and the type each one needs); for other
languages there is no check and no entry becomes fuzzy for this reason.
"""

from __future__ import annotations

import re

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


def _c_signature(text: str) -> Signature:
    arguments: dict[str, str] = {}
    numbered = unnumbered = 0
    position = 0
    while (start := text.find("%", position)) >= 0:
        match = _C_DIRECTIVE.match(text, start)
        if match is None:
            return None
        position = match.end()
        conversion = match.group("conv")
        if conversion == "%":
            continue
        kind = "int" if conversion.startswith("<") else _C_TYPES[conversion]
        kind = f"{match.group('size') or ''}{kind}"
        if match.group("arg"):
            numbered += 1
            name = match.group("arg")
        else:
            unnumbered += 1
            name = str(unnumbered)
        if arguments.get(name, kind) != kind:
            return None
        arguments[name] = kind
    if numbered and unnumbered:
        return None
    return arguments


def _python_signature(text: str) -> Signature:
    arguments: dict[str, str] = {}
    named = unnamed = 0
    position = 0
    while (start := text.find("%", position)) >= 0:
        match = _PYTHON_DIRECTIVE.match(text, start)
        if match is None:
            return None
        position = match.end()
        conversion = match.group("conv")
        if conversion == "%":
            continue
        kind = _PYTHON_TYPES[conversion]
        if match.group("name") is not None:
            named += 1
            name = f"({match.group('name')})"
        else:
            unnamed += 1
            name = str(unnamed)
        if arguments.get(name, kind) != kind:
            return None
        arguments[name] = kind
    if named and unnamed:
        return None
    return arguments


_PARSERS = {"c": _c_signature, "python": _python_signature}


def checkable(language: str) -> bool:
    return language in _PARSERS


def directives_match(language: str, msgid: str, msgstrs: list[str], plural: str | None) -> bool:
    """Would ``msgfmt -c`` accept these translations as ``language``-format?

    A singular translation must use exactly the msgid's arguments with the same types. Plural
    forms may leave arguments out (a form for one number need not print it) but use none the
    msgid_plural lacks. Languages without a parser here always match.
    """
    parse = _PARSERS.get(language)
    if parse is None:
        return True
    source = parse(msgid if plural is None else plural)
    if source is None:
        return True  # the msgid itself is no valid format string: msgfmt does not check it
    for text in msgstrs:
        target = parse(text)
        if target is None:
            return False
        if plural is None and target != source:
            return False
        if any(source.get(name) != kind for name, kind in target.items()):
            return False
    return True
