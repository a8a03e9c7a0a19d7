"""The organization gazetteer: known names in three scripts, and where a text names them.

The data is ``seeds/organizations.yaml`` (one :class:`~graph.model.Organization`
per entry, plus optional ``descriptions``), validated on load: a bad entry
raises :class:`~graph.errors.GazetteerError` naming the file, the entry and the
fix. Users add or replace entries with more YAML files
(``Gazetteer.load(extra_paths=...)`` or ``DEALGRAPH_GAZETTEER``, a list of paths
separated by ``os.pathsep``); an entry whose id already exists replaces it.

Matching runs one Aho-Corasick automaton over the folded text
(:func:`loaders.normalize.fold`: Simplified Chinese, lower case, same length),
so offsets are offsets in the normalised input. Rules, in order:

* leftmost-longest and non-overlapping; a ``not_organizations`` phrase that wins
  hides the names inside it ("蘋果日報" is not Apple);
* Chinese is matched anywhere; a Latin name needs a word boundary on each side
  (Meta is not "metal", AMD is not "AMDOCS"); a lower-to-upper case change
  counts as a boundary, for run-in headings ("GoogleA", "MarketsRobinhood");
* case: an all-caps alias (AMD, IBM) must be written in capitals; an alias with
  a capital initial (Meta, Arm, Circle) needs a capital initial ("meta" and
  "army" are not matched); other aliases (xAI, a16z) match in any case;
* tickers are all-caps aliases; those of one or two letters and those listed in
  ``ticker_context_only`` (SMR, NOK...) count only after "(", "$" or an
  exchange prefix ("NYSE: SMR");
* multi-word Latin aliases also match without spaces ("CoreScientific"); Chinese
  names of people match with any name dot (凱西·伍德, 凱西•伍德, 凱西伍德);
* ``short_names`` (names that are everyday words: "Aligned", "Cipher", 阿里, 浪潮)
  count only after the organization's name, an alias, a ticker or a person
  earlier in the same text ("Cipher Mining said... Cipher shares rose"), case
  rules included; elsewhere the text goes on to other candidates.

Examples
--------
>>> gaz = default_gazetteer()
>>> [(m.org_id, m.surface, m.via) for m in gaz.find_mentions("輝達向OpenAI投資,Meta與甲骨文")]
[('nvidia', '輝達', 'alias'), ('openai', 'OpenAI', 'name'), ('meta', 'Meta', 'name'), \
('oracle', '甲骨文', 'alias')]
>>> [m.org_id for m in gaz.find_mentions("超微電腦跌3.2%,超微漲;metal and metadata")]
['supermicro', 'amd']
>>> gaz.resolve("英伟达").name, gaz.resolve("crwv").id, gaz.resolve("nobody")
('Nvidia', 'coreweave', None)
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import ahocorasick
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import GazetteerError
from graph.model import Organization
from loaders.data import seeds_path
from loaders.normalize import fold

__all__ = ["ENV_VAR", "Gazetteer", "GazetteerEntry", "Mention", "Sector", "default_gazetteer"]

#: Environment variable holding extra gazetteer files (separated by ``os.pathsep``).
ENV_VAR = "DEALGRAPH_GAZETTEER"

Via = Literal["name", "alias", "ticker", "person", "description", "proposed"]
Lang = Literal["en", "zh-Hant", "zh-Hans"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a text names an organization; ``text[start:end] == surface``."""

    org_id: str
    start: int
    end: int
    surface: str
    via: Via
    proposed: bool = False


class GazetteerEntry(Organization):
    """One gazetteer entry: an Organization plus unambiguous descriptive handles."""

    descriptions: dict[Lang, list[str]] = Field(
        default_factory=dict, description="e.g. 'the ChatGPT maker' for OpenAI"
    )
    short_names: list[str] = Field(
        default_factory=list,
        description="names that are also everyday words ('Aligned', 'Cipher', 阿里): matched "
        "only after the organization's name, an alias or a ticker earlier in the same text",
    )

    sells_cloud: bool = Field(
        default=False,
        description="sells cloud services under its name (Azure, AWS, OCI): ranks above a "
        "hyperscaler that only runs its own data centres",
    )

    def organization(self) -> Organization:
        """The plain :class:`Organization` (what stores and edges carry)."""
        return Organization.model_validate(
            self.model_dump(exclude={"descriptions", "short_names", "sells_cloud"})
        )


class Sector(BaseModel):
    """A sector entries may name, and its place in the supply chain (lower is further up)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: float | None = Field(default=None, description="none: ranks with the buyers")
    cloud_bonus: float = Field(default=0.0, description="subtracted for an entry that sells_cloud")
    description: str = ""


class _GazetteerFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    sectors: dict[str, Sector] = Field(default_factory=dict)
    ticker_context_only: list[str] = Field(default_factory=list)
    not_organizations: list[str] = Field(default_factory=list)
    organizations: list[Any] = Field(default_factory=list)


# Case shapes, most permissive first.
_ANY, _INITIAL, _UPPER = 0, 1, 2
_VIA_ORDER: tuple[Via, ...] = ("name", "alias", "ticker", "person", "description")
_NAME_DOTS = "·•・‧∙⋅"
_DOTS = re.compile(f"[{_NAME_DOTS}]")
_TICKER_CONTEXT = (
    "(",
    "$",
    "nasdaq:",
    "nyse:",
    "nasdaq: ",
    "nyse: ",
    "nyse american:",
    "nyse american: ",
    "amex: ",
    "otc: ",
    "tsx: ",
    "nse: ",
    "bse: ",
)


@dataclass(slots=True)
class _Pattern:
    org_id: str | None  # None: a not_organizations phrase
    via: Via
    length: int
    case: int
    left: bool  # needs a word boundary on the left
    right: bool
    context_only: bool
    label: str  # the alias as written in the YAML (for error messages)
    short: bool = False  # a short name: only after a full name of the same organization


class Gazetteer:
    """Known organizations and a matcher over them (build with :meth:`load`)."""

    def __init__(
        self,
        entries: Sequence[GazetteerEntry],
        *,
        not_organizations: Iterable[str] = (),
        ticker_context_only: Iterable[str] = (),
        sectors: dict[str, Sector] | None = None,
        source: str = "<gazetteer>",
    ) -> None:
        self._entries = {e.id: e for e in entries}
        self.organizations: dict[str, Organization] = {e.id: e.organization() for e in entries}
        #: the declared sectors (``sectors:`` of the files), by name
        self.sectors: dict[str, Sector] = dict(sectors or {})
        #: the ids of the entries that sell cloud services under their name
        self.cloud_sellers: frozenset[str] = frozenset(e.id for e in entries if e.sells_cloud)
        self._context_tickers = {t.upper() for t in ticker_context_only}
        self._patterns: list[_Pattern] = []
        self._keys: dict[str, int] = {}
        self._lookup: dict[str, str] = {}
        self._source = source
        for entry in entries:
            self._add_entry(entry)
        for phrase in not_organizations:
            self._add(phrase, None, "alias", phrase, context_only=False)
        self._last: tuple[str | None, list[Mention]] = (None, [])
        self._lengths = [p.length for p in self._patterns]
        # context-only tickers are looked up where a ticker context ends, not scanned for
        self._context_keys = {k: i for k, i in self._keys.items() if self._patterns[i].context_only}
        self._context_sizes = sorted({len(k) for k in self._context_keys}, reverse=True)
        self._automaton = ahocorasick.Automaton()
        for key, index in self._keys.items():
            if key not in self._context_keys:
                self._automaton.add_word(key, index)
        self._scan = len(self._automaton) > 0
        if self._scan:
            self._automaton.make_automaton()

    # ------------------------------------------------------------ loading
    @classmethod
    def load(
        cls, path: str | Path | None = None, extra_paths: Iterable[str | Path] = ()
    ) -> Gazetteer:
        """Read the gazetteer (default ``seeds/organizations.yaml``) and any extra files.

        Extra files come from ``extra_paths`` and then from ``DEALGRAPH_GAZETTEER``.
        """
        paths = [Path(path) if path is not None else seeds_path("organizations.yaml")]
        paths += [Path(p) for p in extra_paths]
        paths += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
        entries: dict[str, GazetteerEntry] = {}
        blockers: list[str] = []
        context: list[str] = []
        sectors: dict[str, Sector] = {}
        for p in paths:
            data = _read_file(p)
            blockers += data.not_organizations
            context += data.ticker_context_only
            sectors.update(data.sectors)
            seen: set[str] = set()
            for n, raw in enumerate(data.organizations, start=1):
                entry = _entry(p, n, raw)
                if entry.id in seen:
                    raise GazetteerError(
                        f"{p}: entry '{entry.id}' (#{n}): duplicate id; give it another id "
                        "or merge the two entries"
                    )
                seen.add(entry.id)
                entries.pop(entry.id, None)  # a later file replaces the entry
                entries[entry.id] = entry
        if sectors:
            for entry in entries.values():
                if entry.sector is not None and entry.sector not in sectors:
                    raise GazetteerError(
                        f"{', '.join(str(p) for p in paths)}: entry '{entry.id}': unknown sector "
                        f"{entry.sector!r}; use one of {', '.join(sectors)} or declare it under "
                        "'sectors:'"
                    )
        return cls(
            list(entries.values()),
            not_organizations=blockers,
            ticker_context_only=context,
            sectors=sectors,
            source=", ".join(str(p) for p in paths),
        )

    def _add_entry(self, e: GazetteerEntry) -> None:
        self._add(e.name, e.id, "name", e.name)
        for names in e.aliases.values():
            for alias in names:
                self._add(alias, e.id, "alias", alias)
        for ticker in e.tickers:
            context = len(ticker) <= 2 or ticker.upper() in self._context_tickers
            for variant in _ticker_variants(ticker):
                self._add(variant, e.id, "ticker", ticker, context_only=context)
        for person in e.people:
            self._add(person, e.id, "person", person)
        for names in e.descriptions.values():
            for description in names:
                self._add(description, e.id, "description", description)
        for short in e.short_names:
            self._add(short, e.id, "alias", short, short=True)
        self._lookup.setdefault(e.id, e.id)

    def _add(
        self,
        text: str,
        org_id: str | None,
        via: Via,
        label: str,
        *,
        context_only: bool = False,
        short: bool = False,
    ) -> None:
        where = f"{self._source}: entry '{org_id}'" if org_id else f"{self._source}"
        kind = "not_organizations phrase" if org_id is None else via
        if len(text.strip()) < (1 if via == "ticker" else 2):
            raise GazetteerError(
                f"{where}: {kind} {text!r} is too short (2 characters at least); remove it"
            )
        for variant in _variants(text.strip()):
            key = fold(variant)
            pattern = _Pattern(
                org_id,
                via,
                len(key),
                _shape(variant),
                _is_word(variant[0]),
                _is_word(variant[-1]),
                context_only,
                label,
                short,
            )
            index = self._keys.get(key)
            if index is None:
                self._keys[key] = len(self._patterns)
                self._patterns.append(pattern)
            else:
                old = self._patterns[index]
                if old.org_id != org_id:
                    owner = f"'{old.org_id}'" if old.org_id else "a not_organizations phrase"
                    raise GazetteerError(
                        f"{where}: {kind} {label!r} is also used by {owner} (as {old.label!r}); "
                        "keep it in one entry only"
                    )
                old.case = min(old.case, pattern.case)
                old.context_only = old.context_only and context_only
                old.short = old.short and short
                if _VIA_ORDER.index(via) < _VIA_ORDER.index(old.via):
                    old.via = via
            if org_id is not None and via in ("name", "alias", "ticker"):
                self._lookup.setdefault(key, org_id)

    # ------------------------------------------------------------ lookups
    def get(self, org_id: str) -> Organization:
        """The organization with this id (``KeyError`` naming it when unknown)."""
        try:
            return self.organizations[org_id]
        except KeyError:
            raise KeyError(f"no organization {org_id!r} in the gazetteer") from None

    def entry(self, org_id: str) -> GazetteerEntry:
        """The full entry (with ``descriptions``) for an id."""
        return self._entries[org_id]

    def resolve(self, name: str) -> Organization | None:
        """Exact lookup of an id, name, alias or ticker in any script, any case.

        >>> default_gazetteer().resolve("  台積電 ").id
        'tsmc'
        """
        org_id = self._lookup.get(fold(" ".join(name.split())))
        return self.organizations[org_id] if org_id else None

    def __len__(self) -> int:
        return len(self.organizations)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.organizations

    # ----------------------------------------------------------- matching
    def find_mentions(self, text: str, *, folded: str | None = None) -> list[Mention]:
        """Every known organization ``text`` names, leftmost-longest, in text order.

        ``folded`` is ``fold(text)`` when the caller has it already (it must be
        exactly that: same length, same offsets); otherwise the text is folded here.

        >>> text = "AMD(AMD)與微軟"
        >>> gaz = default_gazetteer()
        >>> gaz.find_mentions(text, folded=fold(text)) == gaz.find_mentions(text)
        True
        """
        if folded is not None and len(folded) != len(text):
            raise ValueError("folded must be fold(text): the lengths differ")
        last_text, last_found = self._last
        if text == last_text:  # the same article, asked again (names, then proposals)
            return list(last_found)
        found = self._find(text, fold(text) if folded is None else folded)
        self._last = (text, found)
        return list(found)

    def _find(self, text: str, folded: str) -> list[Mention]:
        if not self._keys:
            return []
        lengths = self._lengths
        # (start, -length, index): sorted, leftmost first, then longest first
        candidates = (
            [(end + 1 - lengths[i], -lengths[i], i) for end, i in self._automaton.iter(folded)]
            if self._scan
            else []
        )
        if self._context_keys:
            candidates += self._context_candidates(folded)
        candidates.sort()
        patterns = self._patterns
        out: list[Mention] = []
        named: set[str] = set()  # organizations named in full so far (for short names)
        cursor = 0
        for start, negative, i in candidates:
            if start < cursor:
                continue
            end = start - negative
            p = patterns[i]
            if p.short and p.org_id not in named:
                continue
            if not _accept(text, start, end, p):
                continue
            cursor = end
            if p.org_id is not None:
                out.append(Mention(p.org_id, start, end, text[start:end], p.via))
                if not p.short:
                    named.add(p.org_id)
        return out

    def _context_candidates(self, folded: str) -> list[tuple[int, int, int]]:
        """Context-only tickers ("(C)", "NYSE: D") where a ticker context ends.

        They are kept out of the automaton: one- and two-letter keys ("c", "ms")
        would match inside almost every word, only to be refused by the context.
        """
        keys, sizes = self._context_keys, self._context_sizes
        out = []
        for ctx in _TICKER_CONTEXT:
            at = folded.find(ctx)
            while at >= 0:
                p = at + len(ctx)
                for size in sizes:
                    i = keys.get(folded[p : p + size])
                    if i is not None:
                        out.append((p, -size, i))
                at = folded.find(ctx, at + 1)
        return out

    def propose_unknown(
        self, text: str, *, folded: str | None = None, known: Sequence[Mention] | None = None
    ) -> list[Mention]:
        """Organizations the gazetteer does not know, by their legal or group suffix.

        Latin names of capitalised words before "Inc.", "Corp.", "Ltd.", "LLC",
        "Holdings", "Group", "Capital", "Partners"...; Chinese names before
        公司/集團/控股 (generic heads such as 這家科技公司 or 母公司 are refused).
        Spans that overlap a known organization are left out. The mentions have
        ``via="proposed"``, ``proposed=True`` and an id that never equals a known
        id (Latin names are slugged, Chinese ones hashed); turn one into an
        Organization with :meth:`proposed_organization`. Lower confidence: never
        merge them with known organizations.

        >>> gaz = default_gazetteer()
        >>> [(m.org_id, m.surface) for m in gaz.propose_unknown(
        ...     "Nvidia Corp. backs Acme Robotics Inc. and 宏圖科技公司; 這家科技公司 said")]
        [('acme-robotics', 'Acme Robotics Inc.'), ('org-a07974a8', '宏圖科技公司')]

        ``known`` is ``find_mentions(text)`` when the caller has it (``folded`` as in
        :meth:`find_mentions`): the text is then not matched a second time.
        """
        if known is None:
            known = self.find_mentions(text, folded=folded)
        taken = [(m.start, m.end) for m in known]
        out: list[Mention] = []
        for start, end, name in _proposals(text):
            if any(s < end and start < e for s, e in taken):
                continue
            mention = Mention(self.proposed_id(name), start, end, text[start:end], "proposed", True)
            out.append(mention)
        return out

    def proposed_id(self, name: str) -> str:
        """The id an unknown organization of this name is proposed under (never a known id)."""
        slug = "-".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
        if not name.isascii() or not slug:
            slug = "org-" + hashlib.blake2b(fold(name).encode(), digest_size=4).hexdigest()
        return slug + "-proposed" if slug in self.organizations else slug

    @staticmethod
    def proposed_organization(mention: Mention) -> Organization:
        """The ``proposed=True`` Organization for a :meth:`propose_unknown` mention.

        >>> m = Mention("acme-robotics", 0, 18, "Acme Robotics Inc.", "proposed", True)
        >>> Gazetteer.proposed_organization(m).name
        'Acme Robotics'
        """
        name = _LEGAL_TAIL.sub("", mention.surface).strip() or mention.surface
        bare = _CJK_TAIL.sub("", name)
        name = bare if bare.isascii() and bare else name
        return Organization(id=mention.org_id, name=name, kind="company", proposed=True)


# libyaml's safe loader when PyYAML has it: the same documents, 7x faster on
# the shipped file (0.67 s -> 0.09 s of CPU), which every command loads.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_file(path: Path) -> _GazetteerFile:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise GazetteerError(f"{path}: gazetteer file not found; check the path") from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 ({exc.reason}); save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GazetteerError(f"{path}{line}: invalid YAML ({problem}); fix the syntax") from None
    if raw is None:
        raw = {}
    if isinstance(raw, list):
        raw = {"organizations": raw}
    if not isinstance(raw, dict):
        raise GazetteerError(
            f"{path}: expected a mapping with an 'organizations' list, got {type(raw).__name__}"
        )
    try:
        return _GazetteerFile.model_validate(raw)
    except ValidationError as exc:
        raise GazetteerError(f"{path}: {_explain(exc)}") from None


def _entry(path: Path, n: int, raw: object) -> GazetteerEntry:
    label = raw.get("id") if isinstance(raw, dict) else None
    where = f"{path}: entry '{label}' (#{n})" if label else f"{path}: entry #{n}"
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected a mapping with id, name, aliases...")
    try:
        entry = GazetteerEntry.model_validate(raw)
    except ValidationError as exc:
        raise GazetteerError(f"{where}: {_explain(exc)}") from None
    if not entry.name.strip():
        raise GazetteerError(f"{where}: empty name; give the canonical English name")
    return entry


def _explain(exc: ValidationError) -> str:
    err = exc.errors()[0]
    field = ".".join(str(x) for x in err["loc"]) or "value"
    value = err.get("input")
    if err["type"] == "string_pattern_mismatch" and field == "id":
        slug = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
        return f"id {value!r} is not a slug (a-z, 0-9 and '-'); use e.g. {slug!r}"
    if err["type"] == "extra_forbidden":
        return f"unknown key {field!r}; remove it or fix its spelling"
    return f"field {field!r}: {err['msg']} (got {value!r})"


def _variants(name: str) -> list[str]:
    """The name plus its space-less (Latin) or dot-variant (CJK) spellings."""
    out = [name]
    if " " in name and name.isascii() and any(c.isalpha() for c in name):
        out.append(name.replace(" ", ""))
    if not name.isascii() and any(d in name for d in _NAME_DOTS):
        base = _DOTS.sub("\x00", name)
        out += [base.replace("\x00", d) for d in _NAME_DOTS] + [base.replace("\x00", "")]
    return list(dict.fromkeys(out))


def _ticker_variants(ticker: str) -> list[str]:
    """Hong Kong codes are written 0700.HK, 00700.HK and 700.HK alike."""
    code, dot, market = ticker.partition(".")
    if market.upper() != "HK" or not code.isdigit():
        return [ticker]
    bare = code.lstrip("0") or "0"
    return list(dict.fromkeys([ticker, f"{bare.zfill(4)}.{market}", f"{bare.zfill(5)}.{market}"]))


def _is_word(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x2E80


def _shape(name: str) -> int:
    letters = [c for c in name if c.isascii() and c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return _UPPER
    if name[0].isascii() and name[0].isupper():
        return _INITIAL
    return _ANY


def _accept(text: str, start: int, end: int, p: _Pattern) -> bool:
    if p.left and start > 0:
        before, first = text[start - 1], text[start]
        if _is_word(before) and not (before.islower() and first.isupper()):
            return False
    if p.right and end < len(text):
        last, after = text[end - 1], text[end]
        if _is_word(after) and not (last.islower() and after.isupper()):
            return False
    if p.case == _UPPER:
        if any(c.islower() for c in text[start:end] if c.isascii()):
            return False
    elif p.case == _INITIAL and not text[start].isupper():
        return False
    if p.context_only:
        head = text[max(0, start - 16) : start].lower()
        return head.endswith(_TICKER_CONTEXT)
    return True


def _words(text: str) -> list[str]:
    return text.split()


_LEGAL = r"(?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|Limited|LLC|PLC|plc|AG|SE|GmbH|N\.V\.|L\.P\.)"
_LEGAL_TAIL = re.compile(rf",?\s+{_LEGAL}$")
_CJK_TAIL = re.compile(r"(?:股份有限公司|有限公司|控股公司|控股集[團团]|公司|集[團团])$")
_KIND = (
    r"(?:Holdings|Group|Technologies|Technology|Systems|Labs|Capital|Partners|Ventures"
    r"|Energy|Power|Networks|Semiconductor|Robotics|Computing|Intelligence|Data Centers)"
)
_CAP = r"(?:[A-Z][A-Za-z0-9&'.\-]*[A-Za-z0-9]|[A-Z])"
_LATIN_ORG = re.compile(
    rf"(?<![A-Za-z0-9]){_CAP}(?: {_CAP}){{0,3}}?"
    rf"(?:,? {_LEGAL}(?![A-Za-z])|(?: {_KIND})+(?:,? {_LEGAL}(?![A-Za-z]))?(?![A-Za-z]))"
)
_LEADING = frozenset(
    _words(
        """The A An In On At For By And But Or Its Their His Her Our Rival Both While When
        After Before Meanwhile Shares Analysts Startup Chipmaker Investor Investors Unit Units
        US U.S. Some Other Firm Company Companies According Under Including"""
    )
)
_CJK_ORG = re.compile(
    r"([\u4e00-\u9fff]{2,12}|[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){0,3})"
    r"(股份有限公司|有限公司|控股公司|控股集[團团]|公司|集[團团])"
)
# Characters after which a Chinese name may start (the last one wins).
_CJK_CUT = re.compile(r".*(?:[的与和及、在对向将被是为从把让给于并了以据称说由而亿万]|公司|集团)")
# Characters no Chinese company head holds (function words, common verbs, measure words).
_CJK_STOP = frozenset(
    "该这那其各每某些们个都也就还又再已曾要会能可很更最不没无所之而但若如虽因为到至用使令等帮助"
    "看见过来去买卖购价格当地少多两几一时年月日后前里中上下让她他它我你您们是有的了在和与及对"
)
_AFFIX = re.compile(r"-[a-z]")  # "Nvidia-backed", "Texas-based": not part of the name
_LATIN_GENERIC = frozenset(_words("AI IT IPO GPU CPU CEO CFO ETF US VC PE SPV JV LLC AI-"))
# Generic heads (in folded, Simplified form): a name made only of these is no name.
_GENERIC = sorted(
    _words(
        """科技 技术 能源 电力 半导体 芯片 晶片 云计算 云端 云 人工智能 人工智慧 初创 新创 上市
        母 子 合资 投资 资产管理 管理 基金 数据中心 资料中心 基础设施 矿业 交易 空壳 壳 咨询
        研究 软件 软体 游戏 媒体 电信 网络 网路 互联网 网际网路 金融 证券 银行 保险 控股 营运
        运营 建设 开发 工程 服务 平台 公用事业 大型 中型 小型 美国 中国 日本 台湾 欧洲 全球
        国际 跨国 私人 私募 风险 创投 风投 本 该 这家 一家 多家 两家 三家 几家 各 其 某 那家 此
        新 老 大 小 家 这 那 知名 优秀 著名 领先 最大 龙头 巨头 同 整个 不同 相关
        一些 这些 每家 该类 同类 美元 港元 港币 欧元 日元 英镑 人民币 新台币 元"""
    ),
    key=len,
    reverse=True,
)


def _proposals(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, name) of unknown-organization candidates, in text order."""
    found: list[tuple[int, int, str]] = []
    for m in _LATIN_ORG.finditer(text):
        words = m.group().split(" ")
        skip = 0
        while skip < len(words) - 1 and (words[skip] in _LEADING or _AFFIX.search(words[skip])):
            skip += 1
        start = m.start() + sum(len(w) + 1 for w in words[:skip])
        name = _LEGAL_TAIL.sub("", text[start : m.end()]).strip()
        if name.split(" ")[0] not in _LEADING and not re.fullmatch(_KIND, name):
            found.append((start, m.end(), name))
    for m in _CJK_ORG.finditer(text):
        head, start = m.group(1), m.start(1)
        if head.isascii():
            if head not in _LATIN_GENERIC and head.split(" ")[0] not in _LEADING:
                found.append((start, m.end(), head))
            continue
        cut = _CJK_CUT.match(fold(head))
        if cut:
            start += cut.end()
            head = text[start : m.end(1)]
        rest = fold(head)
        if not 2 <= len(head) <= 6 or any(c in _CJK_STOP for c in rest):
            continue
        for word in _GENERIC:
            rest = rest.replace(word, "")
        if len(rest) >= 2:
            found.append((start, m.end(), text[start : m.end()]))
    found.sort()
    return found


@lru_cache(maxsize=4)
def _cached(extra: str) -> Gazetteer:
    return Gazetteer.load()


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer plus ``DEALGRAPH_GAZETTEER`` files, built once and cached."""
    return _cached(os.environ.get(ENV_VAR, ""))
