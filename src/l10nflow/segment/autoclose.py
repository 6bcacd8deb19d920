"""Which start tags close an open element before they are inserted, as libxml2's HTML
parser decides (``htmlAutoClose``): ``<p>`` closes an open ``<p>``, ``<li>`` an open
``<li>``, ``<td>`` an open ``<td>``. Chunking needs it to know where the parser stands at a
cut (see :mod:`l10nflow.segment.chunks`)."""

from __future__ import annotations

# libxml2 2.14 HTMLparser.c ``htmlStartClose`` (MIT licence): the start tags that close an
# open element of each name before they are inserted. Identical to it (checked against
# v2.14.6) but for the entries of head, title, link, style and script: a cut is in <body>.
CLOSED_BY: dict[str, frozenset[str]] = {
    name: frozenset(closers.split())
    for name, closers in {
        "a": "a fieldset table td th",
        "address": "dd dl dt form li ul",
        "b": "center p td th",
        "big": "p",
        "caption": "col colgroup tbody tfoot thead tr",
        "col": "col colgroup tbody tfoot thead tr",
        "colgroup": "colgroup tbody tfoot thead tr",
        "dd": "dt",
        "dir": "dd dl dt form ul",
        "dl": "form li",
        "dt": "dd dl",
        "font": "center td th",
        "form": "form",
        "h1": "fieldset form li p table",
        "h2": "fieldset form li p table",
        "h3": "fieldset form li p table",
        "h4": "fieldset form li p table",
        "h5": "fieldset form li p table",
        "h6": "fieldset form li p table",
        "hr": "form",
        "i": "center p td th",
        "legend": "fieldset",
        "li": "li",
        "listing": "dd dl dt fieldset form li table ul",
        "menu": "dd dl dt form ul",
        "ol": "form",
        "option": "optgroup option",
        "p": "address blockquote body caption center col colgroup dd dir div dl dt fieldset"
        " form frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td"
        " tfoot th title tr ul xmp",
        "pre": "dd dl dt fieldset form li table ul",
        "s": "p",
        "small": "p",
        "span": "td th",
        "strike": "p",
        "tbody": "tbody tfoot",
        "td": "tbody td tfoot th tr",
        "tfoot": "tbody",
        "th": "tbody td tfoot th tr",
        "thead": "tbody tfoot",
        "tr": "tbody tfoot tr",
        "tt": "p",
        "u": "p td th",
        "ul": "address form menu pre",
        "xmp": "dd dl dt fieldset form li table ul",
    }.items()
}
