"""The relation-extraction lexicon: ``seeds/relations.yaml``, validated and compiled.

The YAML file holds the words (trigger verbs and nouns by class, object
categories, role markers, status cues, anaphors, amount exclusions); this
module turns them into a handful of compiled regular expressions that run over
the *folded* text (:func:`loaders.normalize.fold`). Patterns made only of ASCII
get word boundaries, so "use" does not fire inside "because".

>>> lex = default_lexicon()
>>> [(m.group(), lex.trigger_at(m).cls) for m in lex.triggers.finditer("辉达向openai投资")]
[('投资', 'invest')]
>>> [lex.trigger_at(m).cls for m in lex.triggers.finditer("openai is a customer of coreweave")]
['role_customer']
>>> lex.category_of("部署6吉瓦的amd晶片"), lex.category_of("收购nebius未售出的云容量")
('chips', 'backstop')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from re import _parser as _sre_parser  # type: ignore[attr-defined]  # stdlib regex parser
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import LoaderError
from graph.relations import TRIGGER_CLASSES
from loaders.data import seeds_path

__all__ = [
    "Lexicon",
    "TriggerDef",
    "AnaphorDef",
    "Union",
    "Hit",
    "default_lexicon",
    "load_lexicon",
]

if TYPE_CHECKING:
    TriggerClass = str
else:  # one list: the trigger classes graph/relations.yaml declares
    TriggerClass = Literal[TRIGGER_CLASSES]
Category = Literal["backstop", "shares", "chips", "hardware", "compute", "power", "bonds", "debt"]
MarkerKind = Literal["agent", "recipient", "source", "with"]
CueKind = Literal[
    "statement",
    "denial",
    "negation",
    "hypothetical",
    "completed",
    "proposed",
    "in_talks",
    "reported",
    "reporting",
    "no_role",
    "collateral",
    "ended",
    "budget",
]
AnaphorKind = Literal["company", "pair", "latter", "former", "person", "plural"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Entry(_Model):
    re: str
    cat: Category | None = None


class _Anaphor(_Model):
    re: str
    kind: AnaphorKind
    sector: list[str] = Field(default_factory=list)
    prefer: Literal["recent", "first"] = "recent"


class _Exclusions(_Model):
    after: list[str] = Field(default_factory=list)
    before: list[str] = Field(default_factory=list)


class _File(_Model):
    version: int = 1
    triggers: dict[TriggerClass, list[str | _Entry]]
    categories: dict[Category, list[str]]
    markers: dict[MarkerKind, list[str]]
    receive: list[str]
    cues: dict[CueKind, list[str]]
    anaphors: list[_Anaphor]
    amount_exclusions: _Exclusions


@dataclass(frozen=True, slots=True)
class TriggerDef:
    """One trigger entry: its class, the category it implies, its pattern."""

    cls: str
    cat: str | None
    pattern: str


@dataclass(frozen=True, slots=True)
class AnaphorDef:
    """One anaphor entry: what it may refer to."""

    kind: str
    sectors: frozenset[str]
    pattern: str
    prefer: str = "recent"


# A short descriptor may stand between a marker and the name it marks:
# "与专用积体电路厂商博通", "with chipmaker AMD", "in AI startup Anthropic".
_ZH_DESCRIPTOR = (
    r"[^\s,;:。、()]{0,14}?(?:厂商|公司|巨头|集团|企业|伙伴|平台|实验室|开发商|运营商|提供商|"
    r"制造商|供应商|银行|基金|对手|新创|初创|商|旗下的?)"
)
_EN_DESCRIPTOR = (
    r"(?:[a-z][\w.'-]* ){0,3}?(?:maker|chipmaker|startup|start-up|provider|company|firm|giant|"
    r"operator|developer|designer|lab|group|fund|bank|partner|rival|owner|parent|unit|investor|"
    r"lender|utility|producer|supplier|customer|platform|manager|insurer|specialist|player)"
)


@dataclass(slots=True, eq=False)  # built by the hundred thousand: no frozen __setattr__
class Hit:
    """A match of a :class:`Union`: its span and which pattern matched (``index``)."""

    _start: int
    _end: int
    text: str
    index: int

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self.text


# characters that make one word with a following 为 (作为 "as", 成为 "become", 认为 "think")
_WEI_WORDS = frozenset("作成因认称以视更较极最行分变改转名列定")
_ZH_REST = re.compile(rf"(?:{_ZH_DESCRIPTOR})\s*")
# "acquired by a consortium including BlackRock": the members take the marker
_EN_GROUP = (
    r"(?:(?:consortium|syndicate|group of investors|investor group)"
    r" (?:including|of|led by|comprising) )"
)
_EN_REST = re.compile(rf" (?:the |a |an )?(?:{_EN_GROUP}|{_EN_DESCRIPTOR} )?\s*")


class Union:
    """Many patterns searched as one, fast, telling which pattern matched.

    The patterns are joined without capturing groups (capturing groups make
    Python's regex engine several times slower) into one regex per script:
    English words are tried only at word starts, the others only at characters
    one of them can start with. Which pattern matched is then found by trying
    the few that can start with the matched text's first character, longest
    pattern first. Matches come in text order; where two overlap the earlier
    (then the longer) wins.

    ``parts`` are searched; ``reference`` holds the same parts as plainly joined
    alternations, which ``parts`` may rewrite for speed (:func:`_first_char_form`)
    and must agree with.
    """

    def __init__(
        self,
        patterns: list[str],
        parts: list[re.Pattern[str]],
        reference: list[str] | None = None,
        *,
        each: list[re.Pattern[str]] | None = None,
        firsts: list[set[str] | None] | None = None,
    ) -> None:
        self.parts = parts
        self._reference = reference if reference is not None else [p.pattern for p in parts]
        self._reference_compiled: list[re.Pattern[str]] | None = None
        # ``each`` and ``firsts``: the patterns compiled and their first characters, when
        # the caller has them (compiling and parsing a thousand patterns twice slows start-up)
        self._each = each if each is not None else [re.compile(p) for p in patterns]
        self._by_first: dict[str, list[int]] = {}
        self._any: list[int] = []
        self._seen: dict[str, int] = {}
        for i, p in enumerate(patterns):
            chars = firsts[i] if firsts is not None else _first_chars(p)
            if chars is None:
                self._any.append(i)
            for c in chars or ():
                self._by_first.setdefault(c, []).append(i)
        # A word may be remembered as its pattern's only when no pattern tried before it
        # looks around: "提供" is a supply, unless an earlier pattern's look-ahead (an amount
        # after it) makes it a contribution there.
        looks = [bool(_LOOKAROUND.search(p)) for p in patterns]
        self._cacheable = [True] * len(patterns)
        for ids in [*self._by_first.values(), self._any]:
            for k, i in enumerate(ids):
                if any(looks[j] for j in ids[:k] + self._any if j < i):
                    self._cacheable[i] = False

    @property
    def reference(self) -> list[re.Pattern[str]]:
        """The parts as plain alternations (compiled on first use: only tests need them)."""
        if self._reference_compiled is None:
            self._reference_compiled = [re.compile(p) for p in self._reference]
        return self._reference_compiled

    def _hit(self, text: str, m: re.Match[str]) -> Hit:
        start, end = m.span()
        word = m.group()
        known = self._seen.get(word)  # the same words come back again and again
        if known is not None:
            found = self._each[known].match(text, start)
            if found is not None and found.end() == end:
                return Hit(start, end, word, known)
        candidates = self._by_first.get(text[start], []) + self._any
        for i in candidates:
            found = self._each[i].match(text, start)
            if found is not None and found.end() == end:
                if len(self._seen) < 10_000 and self._cacheable[i]:
                    self._seen[word] = i
                return Hit(start, end, word, i)
        # a lazy pattern alone stops short of where the union's word boundary let it end
        # ("spend [^.;]{0,30}?on" inside "spend tens of billions of dollars on")
        for i in candidates:
            if self._each[i].fullmatch(text, start, end) is not None:
                return Hit(start, end, word, i)
        for i in candidates:
            if self._each[i].match(text, start) is not None:
                return Hit(start, end, word, i)
        return Hit(start, end, word, -1)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Hit]:
        end = len(text) if endpos is None else endpos
        if len(self.parts) == 1:
            return [self._hit(text, m) for m in self.parts[0].finditer(text, pos, end)]
        found = [m for p in self.parts for m in p.finditer(text, pos, end)]
        if len(found) <= 1 or not any(m.re is not found[0].re for m in found):
            return [self._hit(text, m) for m in found]  # one part's matches: in order, apart
        found.sort(key=lambda m: (m.start(), -m.end()))
        out: list[Hit] = []
        last = -1
        for m in found:
            if m.start() >= last:
                out.append(self._hit(text, m))
                last = m.end()
        return out

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Hit | None:
        end = len(text) if endpos is None else endpos
        hits = [m for p in self.parts if (m := p.search(text, pos, end)) is not None]
        if not hits:
            return None
        return self._hit(text, min(hits, key=lambda m: (m.start(), -m.end())))

    def match(self, text: str, pos: int = 0) -> Hit | None:
        hits = [m for p in self.parts if (m := p.match(text, pos)) is not None]
        return self._hit(text, max(hits, key=lambda m: m.end())) if hits else None


_LOOKAROUND = re.compile(r"\(\?<?[=!]")


class Lexicon:
    """The compiled lexicon; build with :func:`load_lexicon` or :func:`default_lexicon`."""

    def __init__(self, data: _File, source: str) -> None:
        self.source = source
        defs: list[TriggerDef] = []
        for cls, entries in data.triggers.items():
            for entry in entries:
                item = entry if isinstance(entry, _Entry) else _Entry(re=entry)
                defs.append(TriggerDef(cls, item.cat, item.re))
        # Longer patterns first: at one position, "投资者" wins over "投资".
        defs.sort(key=lambda d: -len(d.pattern))
        self._trigger_defs = defs
        self.triggers = self._union([d.pattern for d in defs], "triggers")
        cats = [(cat, p) for cat, pats in data.categories.items() for p in pats]
        cats.sort(key=lambda c: -len(c[1]))
        self._category_names = [c for c, _ in cats]
        self.categories = self._union([p for _, p in cats], "categories")
        self._marker_kind = {w: kind for kind, words in data.markers.items() for w in words}
        self._marker_re = re.compile(
            "|".join(re.escape(w) for w in sorted(self._marker_kind, key=len, reverse=True))
        )
        # the text before a party, asked once per party: mostly the same few strings
        # ("向", "与", " in "), five of six calls in a corpus
        self._markers: dict[str, str | None] = {}
        self.receive = self._union(data.receive, "receive")
        self.cue_kinds = tuple(data.cues)
        kinds: dict[str, list[str]] = {}
        for kind, words in data.cues.items():
            for word in words:
                kinds.setdefault(word, []).append(kind)
        words = sorted(kinds, key=len, reverse=True)  # "不计划" before "计划"
        self._cue_kinds = [kinds[w] for w in words]
        self._all_cues = self._union(words, "cues")
        self._anaphor_defs = [
            AnaphorDef(a.kind, frozenset(a.sector), a.re, a.prefer) for a in data.anaphors
        ]
        self.anaphors = self._union([a.re for a in data.anaphors], "anaphors")
        excl = data.amount_exclusions
        self.excluded_after = self._compile(
            rf"^\s*(?:{'|'.join(_bounded(p) for p in excl.after)})", "amount_exclusions.after"
        )
        self.excluded_before = self._compile(
            rf"(?:{'|'.join(_bounded(p) for p in excl.before)})\s*$", "amount_exclusions.before"
        )

    # ------------------------------------------------------------ lookups
    def trigger_at(self, hit: Hit) -> TriggerDef:
        """The trigger entry a match of :attr:`triggers` came from."""
        return self._trigger_defs[hit.index]

    def category_at(self, hit: Hit) -> str:
        """The category a match of :attr:`categories` came from."""
        return self._category_names[hit.index]

    def anaphor_at(self, hit: Hit) -> AnaphorDef:
        """The anaphor entry a match of :attr:`anaphors` came from."""
        return self._anaphor_defs[hit.index]

    def cue_hits(self, folded: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
        """Where each kind of cue (denial, negation, proposed...) occurs in a span."""
        out: dict[str, list[tuple[int, int]]] = {kind: [] for kind in self.cue_kinds}
        for hit in self._all_cues.finditer(folded, start, end):
            for kind in self._cue_kinds[hit.index]:
                out[kind].append(hit.span())
        return out

    def category_of(self, folded: str) -> str | None:
        """The most specific category named in ``folded`` (unused capacity first), or None."""
        found = [self.category_at(m) for m in self.categories.finditer(folded)]
        if "backstop" in found:
            return "backstop"
        return found[0] if found else None

    def marker_before(self, folded: str) -> str | None:
        """The role marker ``folded`` ends with ("向", "with chipmaker"), or None.

        A short descriptor may follow the marker ("与专用积体电路厂商", "with chipmaker").

        >>> lex = default_lexicon()
        >>> lex.marker_before("与专用积体电路厂商"), lex.marker_before("invest $5bn in ")
        ('with', 'recipient')
        >>> lex.marker_before("宣布"), lex.marker_before("begin ")
        (None, None)
        """
        if folded in self._markers:
            return self._markers[folded]
        found = self._marker_before(folded)
        if len(self._markers) > 50_000:
            self._markers.clear()
        self._markers[folded] = found
        return found

    def _marker_before(self, folded: str) -> str | None:
        best: tuple[int, str] | None = None
        for hit in self._marker_re.finditer(folded):
            word, i = hit.group(), hit.start()
            kind = self._marker_kind[word]
            rest = folded[i + len(word) :]
            if word.isascii():
                if (i > 0 and folded[i - 1].isalnum()) or not rest.startswith(" "):
                    continue
                ok = _EN_REST.fullmatch(rest) is not None
            elif word == "为" and i > 0 and folded[i - 1] in _WEI_WORDS:
                continue  # 作为, 成为, 认为...: "as", "become", "think", not "for"
            else:
                ok = not rest.strip() or _ZH_REST.fullmatch(rest) is not None
            if ok:
                best = (i, kind)
        return best[1] if best else None

    # ------------------------------------------------------------ compile
    def _union(self, patterns: list[str], where: str) -> Union:
        """One :class:`Union` of many patterns (indexed in the order given)."""
        english: list[str] = []
        others: list[str] = []
        first: set[str] = set()
        loose: list[str] = []
        each = [self._compile(p, f"{where}: {p!r}") for p in patterns]
        firsts = [_first_chars(p) for p in patterns]
        for p, chars in zip(patterns, firsts, strict=True):
            if p.isascii() and any(c.isalpha() for c in p):
                english.append(f"(?:{p})")
                continue
            if chars is None:
                loose.append(f"(?:{p})")
            else:
                first |= chars
                others.append(f"(?:{p})")
        parts = []
        fast: list[str | None] = []
        if english:
            parts.append(rf"(?<![a-z0-9])(?=[a-z])(?:{'|'.join(english)})(?![a-z0-9])")
            fast.append(_first_char_form(english, english_words=True))
        if others:
            gate = "".join(re.escape(c) for c in sorted(first))
            parts.append(rf"(?=[{gate}])(?:{'|'.join(others)})")
            fast.append(_first_char_form(others))
        if loose:
            parts.append("|".join(loose))
            fast.append(None)
        searched = [
            _compiled(f) or self._compile(p, where) for f, p in zip(fast, parts, strict=True)
        ]
        return Union(patterns, searched, parts, each=each, firsts=firsts)

    def _compile(self, pattern: str, where: str) -> re.Pattern[str]:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise LoaderError(f"{self.source}: {where}: bad pattern ({exc}); fix it") from None


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None when unbounded.

    >>> sorted(_first_chars("(?<!未)售出|(?:交易|买入)包括")), _first_chars("[^,]+")
    (['买', '交', '售'], None)
    """
    try:
        tree = _sre_parser.parse(pattern)
    except re.error:
        return None
    chars, nullable = _first(list(tree))
    return None if chars is None or nullable else chars


def _first(items: list[Any]) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of a parsed regex sequence."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width
        if name == "LITERAL":
            return out | {chr(av)}, False
        if name == "IN":
            chars = _charset(av)
            if chars is None:
                return None, False
            return out | chars, False
        if name == "SUBPATTERN":
            found, nullable = _first(list(av[-1]))
        elif name == "BRANCH":
            found, nullable = set(), False
            for alternative in av[1]:
                sub, empty = _first(list(alternative))
                if sub is None:
                    return None, False
                found |= sub
                nullable = nullable or empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            found, nullable = _first(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _charset(items: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] < 64:
            out |= {chr(c) for c in range(av[0], av[1] + 1)}
        else:
            return None
    return out


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_META = frozenset("\\.^$*+?{}[]|()")
_MAX_FORMS = 64  # alternatives one pattern may expand into


def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    """``pattern`` compiled, or None (the plain form is searched instead)."""
    try:
        return re.compile(pattern) if pattern is not None else None
    except (re.error, RecursionError, OverflowError):
        return None


def _first_char_form(alternatives: list[str], english_words: bool = False) -> str | None:
    """The alternation of ``alternatives`` rewritten so that Python's regex engine can
    skip ahead to the characters a match can start with; None when it cannot be.

    Python scans fast for the first characters of an alternation only when every
    branch starts with a literal character. Each alternative is rewritten into
    branches that do, in the same order: a leading group is distributed
    (``(?:a|b)c`` -> ``ac|bc``, ``(?:a)?b`` -> ``ab|b``) and a leading look-behind
    moves after the first character (``(?<!x)ab`` -> ``a(?<!(?:x)a)b``). Branches are
    then grouped by first character (``a(?:b|c)``): at a position only the branches
    of its character can match, tried in their original order, so every match is
    the same. ``english_words`` adds the word boundaries of the English part
    (a word start before, no letter or digit after).

    >>> _first_char_form(["(?<!未)售出", "(?:售|卖)给"])
    '(?:售(?:(?<!(?:未)售)出|给)|卖(?:给))'
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        forms = _literal_first(alternative, 0)
        if forms is None:
            return None
        for form in forms:
            if english_words and form[0] not in _LETTERS:
                continue  # the English part matches only at letters
            groups.setdefault(form[0], []).append(form[1:])
    if not groups:
        return None
    branches = []
    for char, rests in groups.items():
        head = re.escape(char)
        if english_words:  # a word start: no letter or digit before the first character
            head += f"(?<![a-z0-9]{re.escape(char)})"
        branches.append(f"{head}(?:{'|'.join(rests)})")
    return f"(?:{'|'.join(branches)})" + (r"(?![a-z0-9])" if english_words else "")


def _literal_first(pattern: str, depth: int) -> list[str] | None:
    """Patterns, in order, that together match as ``pattern`` does and that each start
    with a literal character; None when ``pattern`` does not lend itself to it."""
    if not pattern or depth > 6:
        return None
    c = pattern[0]
    if c not in _META:
        return None if pattern[1:2] in ("*", "+", "?", "{") else [pattern]
    if not pattern.startswith("("):
        return None
    close = _closing(pattern, 0)
    if close is None:
        return None
    rest = pattern[close + 1 :]
    if pattern.startswith(("(?<=", "(?<!")):
        behind = pattern[4:close]
        forms = _literal_first(rest, depth + 1)
        if forms is None:
            return None
        return [f"{f[0]}{pattern[:4]}(?:{behind}){re.escape(f[0])}){f[1:]}" for f in forms]
    if not pattern.startswith("(?:"):
        return None
    branches = _branches(pattern[3:close])
    if branches is None:
        return None
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):  # greedy optional: with it first
        branches, rest = branches + [""], rest[1:]
    elif rest[:1] in ("*", "+", "?", "{"):
        return None
    out: list[str] = []
    for branch in branches:
        # a branch has no top-level "|": the rest may follow it as it is
        forms = _literal_first(branch + rest, depth + 1)
        if forms is None or len(out) + len(forms) > _MAX_FORMS:
            return None
        out += forms
    return out


def _closing(pattern: str, at: int) -> int | None:
    """The index of the parenthesis closing the one at ``at``."""
    level = 0
    i = at
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            if i < 0:
                return None
            continue
        if c == "(":
            level += 1
        elif c == ")":
            level -= 1
            if level == 0:
                return i
        i += 1
    return None


def _class_end(pattern: str, at: int) -> int:
    """The index just after the character class opening at ``at`` (-1 if unclosed)."""
    i = at + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return -1


def _branches(inner: str) -> list[str] | None:
    """The top-level alternatives of a group's inside."""
    out: list[str] = []
    start = i = 0
    while i < len(inner):
        c = inner[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(inner, i)
            if i < 0:
                return None
            continue
        if c == "(":
            close = _closing(inner, i)
            if close is None:
                return None
            i = close + 1
            continue
        if c == "|":
            out.append(inner[start:i])
            start = i + 1
        i += 1
    out.append(inner[start:])
    return out


def _bounded(pattern: str) -> str:
    """ASCII patterns get word boundaries ("use" is not in "because")."""
    if pattern.isascii() and any(c.isalpha() for c in pattern):
        return rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])"
    return f"(?:{pattern})"


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and compile a lexicon file (default ``seeds/relations.yaml``)."""
    where = Path(path) if path is not None else seeds_path("relations.yaml")
    try:
        # libyaml's safe loader when PyYAML has it (as the gazetteer): the same data, faster
        raw = yaml.load(where.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise LoaderError(f"{where}: relation lexicon not found; check the path") from None
    except yaml.YAMLError as exc:
        raise LoaderError(f"{where}: invalid YAML ({exc}); fix the syntax") from None
    try:
        data = _File.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"])
        raise LoaderError(f"{where}: {field}: {err['msg']}; fix the entry") from None
    return Lexicon(data, str(where))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, compiled once."""
    return load_lexicon()
