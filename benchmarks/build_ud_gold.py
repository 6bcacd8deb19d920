"""Build sentence-boundary gold sets from Universal Dependencies treebanks (CoNLL-U).

    python benchmarks/build_ud_gold.py {gum-news,gum-other} GIT_DIR [--out FILE]
    python benchmarks/build_ud_gold.py {ewt-weblog,th-pud,zh-pud,ja-gsd} GIT_DIR [--out FILE]

GIT_DIR is a bare git directory of the treebank's repository (UniversalDependencies/UD_English-GUM,
UD_English-EWT, UD_Thai-PUD, UD_Chinese-PUD, UD_Japanese-GSD); files are read from its HEAD with
``git show``.
The treebank's sentences are the gold. Paragraphs are rebuilt from the CoNLL-U comments:

- gum-news: the Wikinews documents of GUM (``not-to-release/sources/GUM_news_*.conllu`` and
  ``GUM_interview_*``), paragraph by paragraph (``# newpar``), body text only (``newpar_block =
  p`` or ``quote``; headings, captions and lists are left out), paragraphs of 80 characters or
  more whose sentences all but the last end in ". ! ? …" (with closing quotes or brackets);
  sentences joined with a space unless the last token has ``SpaceAfter=No``.
- gum-other: GUM's other written genres (academic, bio, essay, fiction, letter, speech,
  textbook, voyage, whow), read the same way; a development set only (every case "dev").
- ewt-weblog: the weblog documents (news and commentary blogs) of EWT's dev and test files,
  paragraph by paragraph (``# newpar``), with the same length and punctuation filter as GUM.
- th-pud, zh-pud: the news half of PUD (sentence ids ``n…``), the sentences of one document
  (the id without its last three digits) in corpus order joined into one paragraph (Thai with a
  space, Chinese with none; Chinese documents with a sentence that ends unpunctuated are left
  out, as for GUM). PUD keeps only some sentences of each article, so a paragraph is
  the article's kept sentences, not necessarily adjacent ones.
- ja-gsd: consecutive test sentences of Japanese GSD, three to a paragraph, joined with none;
  groups with an unpunctuated sentence before the last are left out.

Split: documents (gum-news, ewt-weblog, PUD) or paragraphs (ja-gsd) in sorted order alternate
between the development part (even positions) and the held-out test part (odd positions); every
case carries ``part``. Only the development part is for reading failures.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_GUM_GENRES = ("GUM_news_", "GUM_interview_")
# Written genres besides news, for development only: the rules may be tuned on them.
_GUM_OTHER = tuple(
    f"GUM_{genre}_"
    for genre in [
        "academic",
        "bio",
        "essay",
        "fiction",
        "letter",
        "speech",
        "textbook",
        "voyage",
        "whow",
    ]
)
_BODY_BLOCKS = ("p", "quote")
_MIN_CHARS = 80
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")


@dataclass
class Sentence:
    sent_id: str
    text: str
    space_after: bool = True
    newdoc: str = ""
    newpar: bool = False
    block: str = ""


@dataclass
class Paragraph:
    doc: str
    sentences: list[Sentence] = field(default_factory=list)


def git_show(git_dir: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def git_head(git_dir: Path) -> str:
    command = ["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def git_files(git_dir: Path, under: str) -> list[str]:
    command = ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", "HEAD", under + "/"]
    listing = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return sorted(listing.split())


def read_conllu(text: str) -> Iterator[Sentence]:
    """The sentences of a CoNLL-U file, with the comments that open documents and paragraphs."""
    current = Sentence("", "")
    last_misc = ""
    for line in text.splitlines():
        if line.startswith("# newdoc"):
            current.newdoc = line.partition("=")[2].strip() or "doc"
            current.newpar = True
        elif line.startswith("# newpar_block"):
            current.block = line.partition("=")[2].split()[0]
        elif line.startswith("# newpar"):
            current.newpar = True
        elif line.startswith("# sent_id"):
            current.sent_id = line.partition("=")[2].strip()
        elif line.startswith("# text ="):
            current.text = line.partition("=")[2].strip()
        elif line and line[0].isdigit():
            columns = line.split("\t")
            if "-" in columns[0] or "." not in columns[0]:
                last_misc = columns[9] if len(columns) > 9 else ""
        elif not line and current.text:
            current.space_after = "SpaceAfter=No" not in last_misc.split("|")
            yield current
            current, last_misc = Sentence("", ""), ""


def gum_paragraphs(git_dir: Path, genres: tuple[str, ...]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for path in git_files(git_dir, "not-to-release/sources"):
        name = path.rsplit("/", 1)[1]
        if not name.startswith(genres):
            continue
        doc = name.removesuffix(".conllu")
        block = ""
        for sentence in read_conllu(git_show(git_dir, path)):
            if sentence.newpar:
                block = sentence.block
                paragraphs.append(Paragraph(doc))
            if block in _BODY_BLOCKS:
                paragraphs[-1].sentences.append(sentence)
    return [p for p in paragraphs if len(joined(p, " ")) >= _MIN_CHARS and _punctuated(p)]


def _punctuated(paragraph: Paragraph) -> bool:
    """Does every sentence but the last end in sentence punctuation?

    GUM also cuts datelines, list-like lines and a clause before a colon or semicolon into
    sentences of their own ("Thursday, May 7, 2015" + the first sentence), and GSD has
    sentences without a final mark; no punctuation marks those ends, so such paragraphs
    test layout, not sentence boundaries.
    """
    return all(_TERMINAL.search(sentence.text) for sentence in paragraph.sentences[:-1])


def ewt_paragraphs(git_dir: Path) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for path in ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        doc = ""
        for sentence in read_conllu(git_show(git_dir, path)):
            doc = sentence.newdoc or doc
            if sentence.newpar:
                paragraphs.append(Paragraph(doc))
            if doc.startswith("weblog-"):
                paragraphs[-1].sentences.append(sentence)
    return [p for p in paragraphs if len(joined(p, " ")) >= _MIN_CHARS and _punctuated(p)]


def pud_paragraphs(git_dir: Path, path: str, punctuated: bool = True) -> list[Paragraph]:
    """The news documents of PUD; Thai (`punctuated` False) marks no sentence end."""
    paragraphs: dict[str, Paragraph] = {}
    for sentence in read_conllu(git_show(git_dir, path)):
        if sentence.sent_id.startswith("n"):
            doc = sentence.sent_id[:-3]
            paragraphs.setdefault(doc, Paragraph(doc)).sentences.append(sentence)
    return [p for p in paragraphs.values() if not punctuated or _punctuated(p)]


def grouped_paragraphs(git_dir: Path, path: str, size: int) -> list[Paragraph]:
    sentences = list(read_conllu(git_show(git_dir, path)))
    groups = (sentences[i : i + size] for i in range(0, len(sentences) - size + 1, size))
    return [p for p in (Paragraph(g[0].sent_id, g) for g in groups) if _punctuated(p)]


def joined(paragraph: Paragraph, separator: str) -> str:
    parts: list[str] = []
    for index, sentence in enumerate(paragraph.sentences):
        parts.append(sentence.text)
        last = index == len(paragraph.sentences) - 1
        if not last and sentence.space_after:
            parts.append(separator)
    return "".join(parts)


def cases(
    paragraphs: list[Paragraph], lang: str, separator: str, held_out: bool = True
) -> list[dict[str, object]]:
    docs = sorted({p.doc for p in paragraphs})
    parts = ("dev", "test") if held_out else ("dev",)
    part_of = {doc: parts[index % len(parts)] for index, doc in enumerate(docs)}
    numbers: dict[str, int] = {}
    found: list[dict[str, object]] = []
    for paragraph in paragraphs:
        numbers[paragraph.doc] = numbers.get(paragraph.doc, 0) + 1
        found.append(
            {
                "id": f"{paragraph.doc}:{numbers[paragraph.doc]}",
                "lang": lang,
                "part": part_of[paragraph.doc],
                "text": joined(paragraph, separator),
                "sentences": [s.text for s in paragraph.sentences],
            }
        )
    return found


SETS = {
    "gum-news": (
        "UD_English-GUM",
        "Wikinews news articles and interviews (CC BY 2.5, Wikinews contributors); GUM "
        "annotation CC BY-NC-SA 4.0 as a whole, the Wikinews documents CC BY (GUM LICENSE.txt)",
    ),
    "gum-other": (
        "UD_English-GUM",
        "by genre (GUM LICENSE.txt): Wikipedia bios, Wikivoyage CC BY-SA; OpenStax textbooks "
        "CC BY; speeches public domain; wikiHow, fiction, academic, essays and letters as GUM "
        "says (CC BY-NC-SA 4.0 or their sources' licences)",
    ),
    "ewt-weblog": (
        "UD_English-EWT",
        "CC BY-SA 4.0 (UD English EWT; the English Web Treebank by the LDC, 2012)",
    ),
    "th-pud": ("UD_Thai-PUD", "CC BY-SA 3.0 (UD PUD, from the CoNLL 2017 shared task)"),
    "zh-pud": ("UD_Chinese-PUD", "CC BY-SA 3.0 (UD PUD, from the CoNLL 2017 shared task)"),
    "ja-gsd": ("UD_Japanese-GSD", "CC BY-SA 4.0 (UD Japanese GSD)"),
}


def build(name: str, git_dir: Path) -> dict[str, object]:
    if name == "gum-news":
        found = cases(gum_paragraphs(git_dir, _GUM_GENRES), "en", " ")
    elif name == "gum-other":
        found = cases(gum_paragraphs(git_dir, _GUM_OTHER), "en", " ", held_out=False)
    elif name == "ewt-weblog":
        found = cases(ewt_paragraphs(git_dir), "en", " ")
    elif name == "th-pud":
        found = cases(pud_paragraphs(git_dir, "th_pud-ud-test.conllu", False), "th", " ")
    elif name == "zh-pud":
        found = cases(pud_paragraphs(git_dir, "zh_pud-ud-test.conllu"), "zh", "")
    else:
        found = cases(grouped_paragraphs(git_dir, "ja_gsd-ud-test.conllu", 3), "ja", "")
    repo, licence = SETS[name]
    return {
        "source": f"Universal Dependencies {repo}, commit {git_head(git_dir)} "
        f"(github.com/UniversalDependencies/{repo}); built by benchmarks/build_ud_gold.py {name}",
        "licence": licence,
        "note": (__doc__ or "").split("\n\n", 2)[2].strip(),
        "cases": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("name", choices=sorted(SETS))
    parser.add_argument("git_dir", type=Path)
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    args = parser.parse_args()
    try:
        built = build(args.name, args.git_dir)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or "").strip().splitlines()[-1:] or ["git failed"]
        sys.exit(f"build_ud_gold: error: {args.git_dir}: {detail[0]}")
    document = json.dumps(built, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(document + "\n", "utf-8")
    else:
        print(document)


if __name__ == "__main__":
    main()
