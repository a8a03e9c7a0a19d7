"""Names the gazetteer does not hold: unknown organizations and short names.

:func:`article_mentions` adds to the gazetteer's mentions of an article

* **unknown organizations** proposed by their legal or group suffix
  (:meth:`~loaders.gazetteer.Gazetteer.propose_unknown`: "Lumora Technologies
  Inc.", "華創集團"), or because the text calls them a start-up ("AI start-up Harvey",
  "AI新創Harvey"), where they overlap no known name;
* **short names** the article introduces for a name it gave in full: a
  parenthesised short form ("Aligned Data Centers (“Aligned”)", "衡川集團(以下簡稱
  衡川)"), the first word(s) of a Latin name ("Cipher Mining ... Cipher":
  capitalised, at least four letters, not a common word) and the stem of an
  unknown Chinese name before its generic tail ("星漢科技公司 ... 星漢"). A short
  name counts only after the full name, within the same article.

>>> from loaders.gazetteer import default_gazetteer
>>> text = "Lumora Technologies Inc. rents GPUs from Nvidia. Lumora said the deal closed."
>>> mentions, names = article_mentions(text, default_gazetteer())
>>> [m.surface for m in mentions]
['Lumora Technologies Inc.', 'Nvidia', 'Lumora']
>>> names["lumora-technologies"]
'Lumora Technologies'
"""

from __future__ import annotations

import re
from bisect import bisect_left

from loaders.gazetteer import Gazetteer, Mention
from loaders.normalize import fold

__all__ = ["PROPOSED_CONFIDENCE", "article_mentions"]

#: how much a claim that names a proposed (unknown) organization is trusted, relative
PROPOSED_CONFIDENCE = 0.6

# Capitalised words that begin many names and mean nothing alone.
_COMMON = frozenset(
    re.findall(
        r"[a-z]+",
        """global general first american united national international advanced digital data
    applied super micro open core cloud power energy capital bank group tech technology
    technologies china chinese japan japanese saudi south north east west asia asian europe
    european british royal new the this that these those with from into after before said
    says will would could should about over under more most some other many such also
    shares share stock company companies corp holdings partners investment investments
    infrastructure systems system semiconductor semiconductors mining robotics compute
    computing network networks services service solutions software hardware electric
    power energy nuclear green blue black white golden silver star first second third
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday reuters bloomberg
    meanwhile however while when where which what there their they""",
    )
)
_LATIN_WORD = re.compile(r"[A-Z][A-Za-z]{3,}")
# "(“Aligned”)", "(\"Aligned\")", "(the “Company”)" is refused below
_PAREN_EN = re.compile(r"\s*[(（]\s*(?:together,\s*)?[“\"']([A-Z][\w&.\- ]{1,30}?)[”\"']\s*[)）]")
_PAREN_ZH = re.compile(
    r"\s*[(（]\s*(?:以下)?(?:简称|簡稱|下称|下稱)\s*[:：]?\s*[“「\"]?([^()（）”」\"]{2,12}?)[”」\"]?\s*[)）]"
)
_ZH_TAIL = re.compile(
    r"(?:科技|技术|技術|智能|股份|控股|集团|集團|有限|责任|責任|公司|实业|實業|投资|投資|"
    r"能源|电子|電子|半导体|半導體|网络|網絡|云|雲)+$"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GENERIC_SHORT = frozenset({"公司", "集团", "集團", "本公司", "该公司", "該公司"})


def article_mentions(
    text: str, gazetteer: Gazetteer, folded: str | None = None
) -> tuple[list[Mention], dict[str, str]]:
    """The article's mentions (known, proposed and short names) in text order, and the
    names of the proposed organizations by id (``folded`` is ``fold(text)`` when known)."""
    known = gazetteer.find_mentions(text, folded=folded)
    mentions = list(known)
    names: dict[str, str] = {}
    taken = [(m.start, m.end) for m in known]  # text order
    windows = _windows(text, taken)
    if windows:
        starts = [m.start for m in known]
        for a, b in windows:  # the proposer runs only where a name may end
            i, j = bisect_left(starts, a), bisect_left(starts, b)
            inside = [m for m in known[i:j] if m.end <= b]
            for m in gazetteer.propose_unknown(text[a:b], known=_shifted(inside, -a)):
                m = _shifted([m], a)[0]
                if not _overlaps(taken, m.start, m.end) and not _descriptor(text, m, taken):
                    mentions.append(m)
                    names.setdefault(m.org_id, Gazetteer.proposed_organization(m).name)
        mentions.sort(key=lambda m: m.start)
    for m in _role_names(text, gazetteer, mentions):
        mentions.append(m)
        names.setdefault(m.org_id, m.surface)
    mentions.sort(key=lambda m: m.start)
    short = _short_names(text, mentions, gazetteer)
    if short:
        mentions = sorted(mentions + short, key=lambda m: m.start)
    return mentions, names


# a Latin name the text calls a start-up: "AI start-up Harvey", "AI新創Harvey" (a name that
# merely opens a sentence raising money, "Harvey raised $300 million", is too often
# something else: not proposed)
_ROLE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:start-?up|neocloud|unicorn)"
    r"|(?:初创公司|初創公司|新创公司|新創公司|新创|新創|初创|初創|独角兽|獨角獸))\s?"
    r"(?P<name>[A-Z][A-Za-z0-9&.:\-]*[A-Za-z0-9](?: [A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]){0,2})"
    r"(?![A-Za-z0-9&])"
)


def _role_names(text: str, gazetteer: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Unknown names the text calls a start-up ("AI start-up Harvey", "AI新創Harvey"):
    proposed, like names with a legal suffix, never over a known name or a common word."""
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for found in _ROLE_BEFORE.finditer(text):
        start = found.start("name")
        name = found.group("name").rstrip(".")
        end = start + len(name)
        words = name.split(" ")
        if words[0].lower() in _COMMON or words[-1].lower() in _COMMON:
            continue
        if _overlaps(taken, start, end) or gazetteer.resolve(name) is not None:
            continue
        out.append(Mention(gazetteer.proposed_id(name), start, end, name, "proposed", True))
        taken = sorted(taken + [(start, end)])
    return out


def _windows(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that may hold an unknown organization: up to 100 characters before each
    legal or group suffix ("Inc.", "Holdings", 公司, 集團) that no known name holds
    ("SoftBank Group"), from a word boundary."""
    out: list[tuple[int, int]] = []
    for hit in _SUFFIX.finditer(text):
        if _overlaps(taken, hit.start(), hit.end()) or not _NAME_BEFORE.search(
            text, max(0, hit.start() - 24), hit.start()
        ):
            continue
        a = max(0, hit.start() - 100)
        while a > 0 and text[a - 1].isalnum() and text[a - 1].isascii():
            a -= 1
        b = min(len(text), hit.end() + 3)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _shifted(mentions: list[Mention], by: int) -> list[Mention]:
    return [
        Mention(m.org_id, m.start + by, m.end + by, m.surface, m.via, m.proposed) for m in mentions
    ]


# a name can end right before the suffix: a capitalised word, or Han characters that
# are not a pronoun or a generic head ("該公司", "母公司", "這家公司")
_NAME_BEFORE = re.compile(
    r"(?:\b[A-Z0-9][\w&'.\-]*,? ?|[\u3400-\u9fff](?<![該该這这本母子分其此各每某那家])"
    r"|[A-Za-z0-9]\)?)$"
)
# every suffix the gazetteer's proposer ends a name with (a superset is harmless)
_SUFFIX = re.compile(
    r"公司|集[团團]|\b(?:Inc|Corp|Corporation|Co\.|Ltd|Limited|LLC|PLC|plc|AG|SE|GmbH|N\.V\."
    r"|L\.P\.|Holdings|Group|Technologies|Technology|Systems|Labs|Capital|Partners|Ventures"
    r"|Energy|Power|Networks|Semiconductor|Robotics|Computing|Intelligence|Data Centers)"
    r"(?![A-Za-z])"
)


def _descriptor(text: str, m: Mention, taken: list[tuple[int, int]]) -> bool:
    """A Chinese "name" that describes the organization named right after it
    ("核聚變初創公司Commonwealth Fusion Systems") or names a kind of business
    ("大模型公司") is no name."""
    if not _HAN.search(m.surface):
        return False
    if _DESCRIPTOR.search(fold(m.surface)):
        return True
    after = m.end + len(text[m.end : m.end + 3]) - len(text[m.end : m.end + 3].lstrip(" "))
    return _overlaps(taken, after, after + 1)


_DESCRIPTOR = re.compile(
    r"模型|初创|新创|创业|独角兽|巨头|龙头|厂商|业者|服务商|运营商|营运商|开发商|供应商|制造商"
    r"|大厂|矿企|聚变|上市|头部|旗下|子公司|母公司|合资"
)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, i - 1) : i + 2])


def _short_names(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Later standalone uses of a short form of a name the article gave in full."""
    forms: dict[str, tuple[str, int]] = {}  # short form -> (org id, where it may start)
    seen: set[str] = set()
    for m in mentions:
        if m.via not in ("name", "alias", "proposed"):
            continue
        if m.org_id in seen and text[m.end : m.end + 2].strip()[:1] not in ("(", "（"):
            continue  # a later mention introduces a form only in parentheses
        seen.add(m.org_id)
        for form in _forms_of(text, m, gazetteer):
            if form not in forms:
                forms[form] = (m.org_id, m.end)
    if not forms:
        return []
    spans = sorted((m.start, m.end) for m in mentions)
    owners = {m.org_id for m in mentions}
    out: list[Mention] = []
    for form, (org, after) in forms.items():
        if _is_other_name(form, org, gazetteer, owners):
            continue
        latin = not _HAN.search(form)
        s = text.find(form, after)
        while s >= 0:
            e = s + len(form)
            if latin and (_word_char(text, s - 1) or _word_char(text, e)):
                pass
            elif not _overlaps(spans, s, e):
                out.append(Mention(org, s, e, form, "alias", org not in gazetteer))
            s = text.find(form, e)
    return out


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "-_")


def _forms_of(text: str, m: Mention, gazetteer: Gazetteer) -> list[str]:
    """Short forms a full mention introduces."""
    forms: list[str] = []
    paren = _PAREN_EN.match(text, m.end) or _PAREN_ZH.match(text, m.end)
    if paren:
        short = paren.group(1).strip()
        if short.lower() not in _COMMON and short not in _GENERIC_SHORT:
            forms.append(short)
    surface = m.surface
    if _HAN.search(surface):
        if m.proposed:
            stem = _ZH_TAIL.sub("", surface)
            if 2 <= len(stem) < len(surface) and _HAN.search(stem):
                forms.append(stem)
        return forms
    words = surface.split()
    if len(words) >= 2:
        first = words[0]
        if _LATIN_WORD.fullmatch(first) and first.lower() not in _COMMON:
            forms.append(first)
    return forms


def _is_other_name(form: str, org: str, gazetteer: Gazetteer, owners: set[str]) -> bool:
    """A short form that names another organization is nobody's short name."""
    key = (id(gazetteer), form)
    other = _RESOLVED.get(key, "")
    if other == "":
        found = gazetteer.resolve(form)
        other = found.id if found is not None else None
        if len(_RESOLVED) > 20_000:
            _RESOLVED.clear()
        _RESOLVED[key] = other
    return other is not None and other != org


_RESOLVED: dict[tuple[int, str], str | None] = {}  # short forms looked up, per gazetteer
