"""The fonts the editions may embed, as data: a light module, so that validating
``[tool.l10nflow.build] fonts`` at configuration load never imports fontTools or HarfBuzz."""

from __future__ import annotations

from dataclasses import dataclass

REGULAR, BOLD = 400, 700


@dataclass(frozen=True)
class FontSpec:
    """An OFL font we know how to find: file name, face index in a collection, Debian package."""

    family: str  # the CSS family name we give it (never the font's reserved name)
    file_name: str
    package: str
    font_number: int = 0
    weight: int = REGULAR
    reserved_name: bool = False  # OFL Reserved Font Name: a subset must not carry the name

    def __hash__(self) -> int:
        # Specs key the shaping memo, looked up for every text piece: the file name's hash is
        # cached by Python, the generated one hashes a tuple of every field each time.
        return hash(self.file_name)


def _faces(family: str, stem: str, package: str, **options: object) -> dict[int, FontSpec]:
    """The regular and bold face of a font shipped as ``<stem>-Regular`` / ``<stem>-Bold``."""
    suffix = str(options.pop("suffix", ".ttf"))
    return {
        weight: FontSpec(family, f"{stem}-{name}{suffix}", package, weight=weight, **options)  # type: ignore[arg-type]
        for weight, name in ((REGULAR, "Regular"), (BOLD, "Bold"))
    }


LATIN_FACES = _faces("L10n Sans", "NotoSans", "fonts-noto-core")
LATIN = LATIN_FACES[REGULAR]
# Per script, the choices a project can make with [build] fonts = {Mymr = "padauk"}.
FONT_CHOICES: dict[str, dict[str, dict[int, FontSpec]]] = {
    "Mymr": {
        "noto": _faces("L10n Myanmar", "NotoSansMyanmar", "fonts-noto-core"),
        "padauk": _faces("L10n Myanmar", "Padauk", "fonts-sil-padauk", reserved_name=True),
    },
    "Thai": {"noto": _faces("L10n Thai", "NotoSansThai", "fonts-noto-core")},
    # Noto Sans CJK ships as a collection; face 2 is the Simplified Chinese one.
    "Hans": {
        "noto": _faces("L10n CJK SC", "NotoSansCJK", "fonts-noto-cjk", suffix=".ttc", font_number=2)
    },
}
DEFAULT_CHOICE = "noto"
