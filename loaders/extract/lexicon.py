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
>>> lex.category_of("部署6吉瓦的amd晶片"), lex.category_of("收购coreweave未售出的云容量")
('chips', 'backstop')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import LoaderError
from loaders.data import seeds_path

__all__ = ["Lexicon", "TriggerDef", "AnaphorDef", "default_lexicon", "load_lexicon"]

TriggerClass = Literal[
    "invest",
    "stake",
    "sell",
    "warrant",
    "buy",
    "acquire",
    "supply",
    "lend",
    "borrow",
    "backstop",
    "agreement",
    "partner",
    "role_customer",
    "role_supplier",
    "role_investor",
    "role_shareholder",
    "role_partner",
    "revenue",
    "include",
]
Category = Literal["backstop", "shares", "chips", "compute", "power", "bonds", "debt"]
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
        self.triggers = self._union([d.pattern for d in defs], "t", "triggers")
        cats = [(cat, p) for cat, pats in data.categories.items() for p in pats]
        cats.sort(key=lambda c: -len(c[1]))
        self._category_names = [c for c, _ in cats]
        self.categories = self._union([p for _, p in cats], "c", "categories")
        self.markers: dict[str, re.Pattern[str]] = {}
        for kind, words in data.markers.items():
            zh = [w for w in words if not w.isascii()]
            en = [w for w in words if w.isascii()]
            parts = []
            if zh:
                parts.append(
                    f"(?:{'|'.join(sorted(zh, key=len, reverse=True))})(?:{_ZH_DESCRIPTOR})?"
                )
            if en:
                parts.append(
                    rf"(?<![a-z0-9])(?:{'|'.join(en)}) (?:the |a |an )?(?:{_EN_DESCRIPTOR} )?"
                )
            self.markers[kind] = self._compile(rf"(?:{'|'.join(parts)})\s*$", f"markers.{kind}")
        self.receive = self._union(data.receive, None, "receive")
        self.cues = {
            kind: self._union(words, None, f"cues.{kind}") for kind, words in data.cues.items()
        }
        self._anaphor_defs = [
            AnaphorDef(a.kind, frozenset(a.sector), a.re, a.prefer) for a in data.anaphors
        ]
        self.anaphors = self._union([a.re for a in data.anaphors], "a", "anaphors")
        excl = data.amount_exclusions
        self.excluded_after = self._compile(
            rf"^\s*(?:{'|'.join(_bounded(p) for p in excl.after)})", "amount_exclusions.after"
        )
        self.excluded_before = self._compile(
            rf"(?:{'|'.join(_bounded(p) for p in excl.before)})\s*$", "amount_exclusions.before"
        )

    # ------------------------------------------------------------ lookups
    def trigger_at(self, match: re.Match[str]) -> TriggerDef:
        """The trigger entry a match of :attr:`triggers` came from."""
        return self._trigger_defs[int(match.lastgroup[1:])]  # type: ignore[index]

    def category_at(self, match: re.Match[str]) -> str:
        """The category a match of :attr:`categories` came from."""
        return self._category_names[int(match.lastgroup[1:])]  # type: ignore[index]

    def anaphor_at(self, match: re.Match[str]) -> AnaphorDef:
        """The anaphor entry a match of :attr:`anaphors` came from."""
        return self._anaphor_defs[int(match.lastgroup[1:])]  # type: ignore[index]

    def category_of(self, folded: str) -> str | None:
        """The most specific category named in ``folded`` (unused capacity first), or None."""
        found = [self.category_at(m) for m in self.categories.finditer(folded)]
        if "backstop" in found:
            return "backstop"
        return found[0] if found else None

    def marker_before(self, folded: str) -> str | None:
        """The role marker ``folded`` ends with ("向", "with chipmaker"), or None."""
        for kind, pattern in self.markers.items():
            if pattern.search(folded):
                return kind
        return None

    # ------------------------------------------------------------ compile
    def _union(self, patterns: list[str], prefix: str | None, where: str) -> re.Pattern[str]:
        parts = []
        for i, p in enumerate(patterns):
            body = _bounded(p)
            parts.append(f"(?P<{prefix}{i}>{body})" if prefix else f"(?:{body})")
            self._compile(body, f"{where}: {p!r}")
        return self._compile("|".join(parts) or "(?!)", where)

    def _compile(self, pattern: str, where: str) -> re.Pattern[str]:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise LoaderError(f"{self.source}: {where}: bad pattern ({exc}); fix it") from None


def _bounded(pattern: str) -> str:
    """ASCII patterns get word boundaries ("use" is not in "because")."""
    if pattern.isascii() and any(c.isalpha() for c in pattern):
        return rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])"
    return f"(?:{pattern})"


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and compile a lexicon file (default ``seeds/relations.yaml``)."""
    where = Path(path) if path is not None else seeds_path("relations.yaml")
    try:
        raw = yaml.safe_load(where.read_text(encoding="utf-8"))
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
