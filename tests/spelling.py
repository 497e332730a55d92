"""German spell check and grammar rules for rendered kits (used by tests/test_spelling.py).

The dictionary is Debian's ``hunspell-de-de`` (``/usr/share/hunspell/de_DE.dic``), read by
Hunspell through its Python binding (the ``hunspell`` package, extra ``spelling``; it builds
against Debian's ``libhunspell-dev``). Hunspell's German dictionary forms compounds only from words
flagged for it, so a word it does not know is also accepted when it splits into two known words
(with a linking ``s``, ``n``, ``en``, ``es`` or ``e``): "Moderationswand", "Maßnahmenplan". Names
and terms it cannot know are in ``tests/data/spelling-allow.txt``; the names of a workspace
(people, municipalities, Ortsteile, venues) are allowed by :func:`workspace_names`. Text inside an
element marked ``translate="no"`` (ids, e-mail addresses, URLs) is not checked.

Run it on built kits to see every word it does not know::

    python tests/spelling.py -w mein-labor mein-labor/kits
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/de_DE")
ALLOW_FILE = Path(__file__).resolve().parent / "data" / "spelling-allow.txt"
FUGEN = ("s", "es", "n", "en", "e", "er", "")
SKIP_TAGS = {"style", "script", "svg", "title"}
VOID_TAGS = {"br", "meta", "img", "input", "hr", "link", "wbr", "col", "area", "base", "source"}
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "wbr"}
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*\.?")
ADDRESS_RE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")

#: Grammar rules the German helpers must keep: (name, pattern). A match is a defect.
GRAMMAR_RULES = (
    ("1 with a plural", re.compile(
        r"(?<![\d.,])\b1 (Tage|Wochen|Monate|Stunden|Minuten|Personen|Tische|Stühle|Kopien|"
        r"Stationen|Termine|Seiten|Teams|Gegenstände|Portionen|Packungen)\b")),
    ("ab N Tage", re.compile(r"\bab \d+ Tage\b")),
    ("double full stop", re.compile(r"(?<!\.)\.\.(?!\.)")),
    ("bare per-participant scale", re.compile(r"\(je \d+ Teilnehmende \d+\)")),
    ("internal field name", re.compile(r"\bFeld: [a-z_]+")),
    ("empty parentheses", re.compile(r"\(\s*\)")),
    ("space before punctuation", re.compile(r"\w \.(?!\.)|\w ,")),
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: does it hide its text?

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            self.parts.append(" ")
            return
        attributes = dict(attrs)
        outer = bool(self._stack) and self._stack[-1]
        hidden = tag in SKIP_TAGS or attributes.get("translate") == "no"
        self._stack.append(hidden or outer)
        if hidden and not outer and tag not in SKIP_TAGS:
            self.parts.append("___")  # an id or address stands for a word
        if tag not in INLINE_TAGS:
            self.parts.append(" ")
        elif {"fill", "box"} & set((attributes.get("class") or "").split()):
            self.parts.append("___")  # a blank to write on stands for a word

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self._stack:
            self._stack.pop()
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of an HTML page a reader sees, without CSS, SVG and ``translate="no"`` parts."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).replace("\u00ad", "")


def allow_list(path: Path = ALLOW_FILE) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return words


def workspace_names(workspace) -> set[str]:
    """Proper names of a workspace: people, the lab, municipalities, Ortsteile, venues."""
    texts = [workspace.lab.name, workspace.lab.organiser]
    texts += [c.name for c in workspace.lab.contacts] + [t.name for t in workspace.lab.team]
    for m in workspace.municipalities.values():
        texts += [m.name, *(m.ortsteile), m.main_town or ""]
        texts += [m.contact.name] if m.contact is not None else []
        for v in m.venues:
            texts += [v.name, v.address, v.ortsteil]
    words = set()
    for text in texts:
        for word in WORD_RE.findall(text):
            words.add(word.rstrip("."))
            words.update(part for part in word.rstrip(".").split("-") if part)
    return words


def available() -> str:
    """``""`` when the spell check can run, else what is missing."""
    try:
        import hunspell  # noqa: F401
    except ImportError:
        return 'the Python package "hunspell" (pip install -e ".[spelling]")'
    if not DICTIONARY.with_suffix(".dic").is_file():
        return "the German dictionary (apt-get install hunspell-de-de)"
    return ""


@lru_cache(maxsize=1)
def _dictionary():
    import hunspell

    return hunspell.HunSpell(str(DICTIONARY.with_suffix(".dic")), str(DICTIONARY.with_suffix(".aff")))


class Speller:
    """Decides whether a token is a German word: the dictionary, two known words joined, or
    an allowed name or term (which may also be part of a compound: "Flipchartpapier")."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed
        self.cache: dict[str, bool] = {}

    def word(self, word: str) -> bool:
        hit = self.cache.get(word)
        if hit is None:
            d = _dictionary()
            hit = word in self.allowed or d.spell(word) or self._compound(word, 2)
            self.cache[word] = hit
        return hit

    def _part(self, word: str) -> bool:
        return word in self.allowed or _dictionary().spell(word)

    def _compound(self, word: str, depth: int) -> bool:
        if depth == 0 or len(word) < 6:
            return False
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            head = right[0].upper() + right[1:]
            if not (self._part(head) or self._compound(head, depth - 1)):
                continue
            for fuge in FUGEN:
                if fuge and not left.endswith(fuge):
                    continue
                stem = left[: len(left) - len(fuge)] if fuge else left
                if len(stem) >= 3 and (self._part(stem) or self._part(stem.capitalize())):
                    return True
        return False

    def token(self, token: str) -> bool:
        if token in self.allowed or (token.endswith(".") and self.word(token)):
            return True
        word = token.rstrip(".").strip("'’")
        if not word:
            return True
        if word.endswith("-"):  # "Führungs- und ...": the first part of a shortened compound
            *first, word = word.rstrip("-").split("-")
            return all(self.word(p) for p in first if p) and any(
                self.word(word[: len(word) - len(f)] if f else word) for f in FUGEN
                if word.endswith(f))
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and not self.word(word):
            return all(self.word(p) for p in parts)
        return self.word(word) or (word[0].isupper() and self.word(word.lower()))


def unknown_words(text: str, allowed: set[str] | Speller) -> dict[str, int]:
    """Words of ``text`` that are neither in the dictionary nor allowed, with their counts.

    E-mail addresses, URLs and tokens with digits (ids, paper sizes) are no words."""
    speller = allowed if isinstance(allowed, Speller) else Speller(allowed)
    out: dict[str, int] = {}
    for token in WORD_RE.findall(ADDRESS_RE.sub(" ", text)):
        if any(c.isdigit() for c in token) or speller.token(token):
            continue
        word = token.rstrip(".")
        out[word] = out.get(word, 0) + 1
    return out


def grammar_defects(text: str) -> list[tuple[str, str]]:
    """``(rule, context)`` for every match of :data:`GRAMMAR_RULES` in ``text``."""
    out = []
    for name, pattern in GRAMMAR_RULES:
        for m in pattern.finditer(text):
            out.append((name, text[max(0, m.start() - 30):m.end() + 30]))
    return out


def main(argv: list[str]) -> int:
    allowed = allow_list()
    if argv[:1] == ["-w"]:
        from werkzeugkoffer import Workspace

        allowed |= workspace_names(Workspace.load(argv[1]))
        argv = argv[2:]
    speller = Speller(allowed)
    totals: dict[str, int] = {}
    defects = []
    for folder in argv or ["."]:
        paths = [Path(folder)] if Path(folder).is_file() else sorted(Path(folder).rglob("*.html"))
        for path in paths:
            text = visible_text(path.read_text(encoding="utf-8"))
            for word, n in unknown_words(text, speller).items():
                totals[word] = totals.get(word, 0) + n
            defects += [(path, *d) for d in grammar_defects(text)]
    for word, n in sorted(totals.items(), key=lambda x: (-x[1], x[0])):
        print(f"{n:6d} {word}")
    for path, rule, context in defects:
        print(f"{path}: {rule}: …{context}…")
    print(f"{len(totals)} unknown words ({sum(totals.values())} hits), {len(defects)} grammar defects")
    return 1 if totals or defects else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
