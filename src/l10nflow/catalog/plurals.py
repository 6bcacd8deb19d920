"""The project's own ``Plural-Forms`` table: what GNU gettext's ``msginit`` and Poedit write.

babel's CLDR data changes between releases (babel 2.19 gives Portuguese and French CLDR's three
forms, with "many" for ``n % 1000000 == 0``), while PO tools, translators and existing catalogues
use the traditional gettext rules. So the languages we know are fixed here; babel is asked only
for a language this table lacks.

Sources: GNU gettext ``gettext-tools/src/plural-table.c`` (the rules ``msginit`` writes) and, for
languages that table lacks (Burmese, Thai, Chinese...), the rules Poedit writes.
"""

from __future__ import annotations

ONE_FORM = "nplurals=1; plural=0;"
NOT_ONE = "nplurals=2; plural=(n != 1);"
ABOVE_ONE = "nplurals=2; plural=(n > 1);"
_EAST_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
_WEST_SLAVIC = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"

_TWO_FORMS_NOT_ONE = [
    *["en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es", "pt"],
    *["it", "bg", "el", "fi", "et", "he", "eo", "hu", "tr", "ca"],
]

# Keys are a language code, or language_TERRITORY where a territory differs (pt_BR).
PLURAL_FORMS: dict[str, str] = {
    # msginit (GNU gettext plural-table.c)
    **dict.fromkeys(["ja", "vi", "ko"], ONE_FORM),
    **dict.fromkeys(_TWO_FORMS_NOT_ONE, NOT_ONE),
    "pt_BR": ABOVE_ONE,
    "fr": ABOVE_ONE,
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    **dict.fromkeys(["ru", "uk", "be", "sr", "hr"], _EAST_SLAVIC),
    **dict.fromkeys(["cs", "sk"], _WEST_SLAVIC),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    # Poedit, for languages without plural inflection that msginit leaves without a rule
    **dict.fromkeys(["my", "th", "zh", "id", "ms", "km", "lo"], ONE_FORM),
}


def known_plural_forms(language: str, territory: str | None) -> str | None:
    """The table's rule for ``language`` (``territory`` first, e.g. pt_BR), or None."""
    if territory:
        specific = PLURAL_FORMS.get(f"{language}_{territory}")
        if specific is not None:
            return specific
    return PLURAL_FORMS.get(language)


def plural_count(forms: str) -> int:
    """N of ``nplurals=N; ...``."""
    head = forms.split(";", 1)[0]
    return int(head.partition("=")[2])
