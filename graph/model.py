"""The data model: organizations, articles, typed edges, their deals and evidence.

An :class:`Edge` is one (source, relation, target) triple. Everything an
article (or a curated row) says about it is an :class:`Evidence` row: the exact
quote, its offsets, and the amount, quantity, date and status *that quote*
states, plus, for curated rows, the deal it belongs to (``deal_id``, ``title``,
``closed``, ``superseded_by``, ``amount_min``/``amount_max``, ``in_totals``,
``sources``).

Evidence groups into :class:`Deal` s, one per transaction (a letter of intent,
the round that superseded it, a yearly tranche), and the edge's headline
fields are derived from its deals by one rule (:func:`headline`; the details
in :mod:`graph.deals`):

* **deals**: evidence naming a ``deal_id`` is that deal; other evidence is
  one deal per article, merged with a deal stating the same amount on a date
  at most a month away (or undated); evidence without an amount joins the
  deal of its date, or the edge's only deal.
* **a deal's facts**: its largest definite amount (else its largest ``up to``),
  earliest date, status ``superseded`` when any evidence says so (else the most
  advanced, :data:`STATUS_ORDER`), highest confidence. A deal is *current*
  unless superseded or denied.
* ``amount_usd``: the **sum** of the current deals that are ``in_totals`` and
  have an amount; ``qualifier`` the loosest of theirs (exact < over < about <
  range < up_to); ``amount_text``, ``currency``, ``amount`` only when a single
  deal is summed (never the text of one deal beside the sum of several).
* ``date``: the earliest date of a current deal (``date_inferred`` from it);
  ``quantity``/``unit``: those of the earliest current deal giving one.
* ``status``: the most advanced status of the current deals; ``confidence``:
  their highest. With no current deal, the same rule over all deals.

Examples
--------
>>> ev = Evidence(article_id="a1", quote="X invests $5 billion in Y", start=0, end=25,
...               amount_usd=5e9, qualifier="exact")
>>> edge = Edge(source="x", relation="invests_in", target="y", evidence=[ev])
>>> edge.amount_usd, edge.status, [(d.id, d.evidence) for d in edge.deals]
(5000000000.0, 'announced', [('a1', [0])])
>>> RELATIONS["warrant_for"].neo4j_type
'WARRANT_FOR'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic._internal._utils import smart_deepcopy as _smart_deepcopy

from graph.relations import (
    RELATIONS,
    Relation,
    RelationsError,
    RelationTable,
    load_relations,
    money_flows,
)
from graph.statuses import HEADLINE_FIELDS, NON_FLOW_STATUSES, STATUS_ORDER

__all__ = [
    "RELATIONS",
    "STATUS_ORDER",
    "Relation",
    "Organization",
    "Article",
    "Evidence",
    "Deal",
    "Edge",
    "HEADLINE_FIELDS",
    "headline",
    "money_flows",
    "RelationName",
    "RelationSpec",
    "RelationsFile",
    "validate_relations",
]

if TYPE_CHECKING:
    RelationName = str
else:  # the names of graph/relations.yaml (and of the files DEALGRAPH_RELATIONS adds)
    RelationName = Literal[tuple(RELATIONS)]
Qualifier = Literal["exact", "about", "up_to", "over", "range"]
Status = Literal[
    "announced", "completed", "proposed", "in_talks", "reported", "denied", "superseded"
]
OrgKind = Literal["company", "fund", "person", "government", "joint_venture"]
Unit = Literal["shares", "percent", "GW", "MW", "chips", "GPUs"]


class _Model(BaseModel):
    """Base of the model. Empty lists and dicts are plain defaults (``Field(default=[])``),
    which pydantic copies for each instance: a ``default_factory`` makes pydantic 2.14
    inspect the factory's signature on every ``model_construct``, about 80 µs per call,
    a fifth of the extraction's time."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Any:
        """:meth:`BaseModel.model_construct`, the same instance, about four times faster.

        Extraction builds evidence and deals by the thousand from values it has
        just computed. pydantic's version asks every field for its aliases and
        copies each default through its generic path; this one follows a plan
        made once per class (fields in order, defaults that need no copy used as
        they are). Models with aliases, a default factory or post-init hooks use
        pydantic's own.
        """
        plan = cls.__dict__.get("_construct_plan")
        if plan is None:
            plan = _construct_plan(cls)
            type.__setattr__(cls, "_construct_plan", plan)
        if not isinstance(plan, _Plan):
            return super().model_construct(_fields_set, **values)
        given = values.keys()
        if plan.required <= given and given <= plan.names:
            # the usual call: every required field and no unknown name. The template holds
            # every field in order, so the values take their places and keep that order
            fields_values = plan.template.copy()
            fields_values.update(values)
            for name in plan.mutable:
                if name not in values:
                    fields_values[name] = _smart_deepcopy(fields_values[name])
            if _fields_set is None:
                _fields_set = set(given)
        else:
            fields_values = {}
            for name, required, default, mutable in plan.fields:
                if name in values:
                    fields_values[name] = values[name]
                elif not required:
                    fields_values[name] = _smart_deepcopy(default) if mutable else default
        m = cls.__new__(cls)
        _object_setattr(m, "__dict__", fields_values)
        _object_setattr(
            m,
            "__pydantic_fields_set__",
            _fields_set if _fields_set is not None else {k for k in values if k in fields_values},
        )
        _object_setattr(m, "__pydantic_extra__", None)
        _object_setattr(m, "__pydantic_private__", None)
        return m


_object_setattr = object.__setattr__
_IMMUTABLE_DEFAULTS = (type(None), bool, int, float, str, bytes, tuple, frozenset, dt.date)


class _Plan:
    """How :meth:`_Model.model_construct` builds one class: (name, required, default,
    needs a copy) per field, and the same as a template of every field in order
    (required ones too, as placeholders), the names, the required names and the
    names whose default needs a copy."""

    __slots__ = ("fields", "template", "names", "required", "mutable")

    def __init__(self, fields: list[tuple[str, bool, Any, bool]]) -> None:
        self.fields = fields
        self.template = {name: default for name, _, default, _ in fields}
        self.names = frozenset(self.template)
        self.required = frozenset(name for name, required, _, _ in fields if required)
        self.mutable = tuple(name for name, required, _, copy in fields if copy and not required)


def _construct_plan(cls: type[BaseModel]) -> _Plan | bool:
    """The plan of the fast :meth:`_Model.model_construct` for ``cls``, or False when
    it does not apply to ``cls``."""
    if (
        cls.__pydantic_post_init__
        or cls.__pydantic_root_model__
        or cls.model_config.get("extra") == "allow"
        or cls.__private_attributes__
    ):
        return False
    plan = []
    for name, field in cls.__pydantic_fields__.items():
        if field.alias is not None or field.validation_alias is not None:
            return False
        if field.default_factory is not None:
            return False
        required = field.is_required()
        default = None if required else field.default
        plan.append((name, required, default, not isinstance(default, _IMMUTABLE_DEFAULTS)))
    return _Plan(plan)


class _Roles(_Model):
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)


class _Exposure(_Model):
    end: Literal["source", "target"]
    kind: Literal["backlog", "equity", "loan"]


_TRIGGER_CLASS = r"^[a-z][a-z_]*$"


class RelationSpec(_Model):
    """One entry of ``graph/relations.yaml`` (the fields are described in the file)."""

    label: str = Field(min_length=1)
    neo4j_type: str = Field(pattern=r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
    roles: _Roles
    direction: Literal["directed", "symmetric"] = "directed"
    money_flows: bool
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    exposure: _Exposure | None = None
    units: list[Unit] = Field(default=[])
    categories: list[str] = Field(default=[])
    triggers: list[str] = Field(default=[])
    sold_by: dict[str, list[str | None]] = Field(default={})

    @model_validator(mode="after")
    def _consistent(self) -> RelationSpec:
        if self.money_flows and self.exposure is None:
            raise ValueError("a money-flow relation needs an exposure: {end: ..., kind: ...}")
        if not self.money_flows and self.exposure is not None:
            raise ValueError("exposure is for money-flow relations only")
        for name in self.triggers:
            if not re.match(_TRIGGER_CLASS, name):
                raise ValueError(f"trigger class {name!r}: use lower-case letters and '_'")
        return self


class RelationsFile(_Model):
    """A relations file: ``relations`` by name, and the frame-decided trigger classes."""

    version: Literal[1] = 1
    relations: dict[str, RelationSpec] = Field(default={})
    frame_triggers: list[str] = Field(default=[])


def validate_relations(table: RelationTable | None = None) -> None:
    """Check relation files with :class:`RelationsFile`, then across them: Neo4j types,
    trigger classes and (sector, category) pairs of ``sold_by`` each belong to one
    relation. Raises :class:`~graph.relations.RelationsError` naming the file and entry."""
    table = table or load_relations()
    for path, data in table.sources:
        try:
            parsed = RelationsFile.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [str(x) for x in err["loc"]]
            if loc[:1] == ["relations"] and len(loc) > 1:
                where = f"relation {loc[1]!r}: {'.'.join(loc[2:]) or 'entry'}"
            else:
                where = ".".join(loc) or "file"
            raise RelationsError(f"{path}: {where}: {err['msg']}") from exc
        for name in parsed.relations:
            if not re.match(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", name):
                raise RelationsError(f"{path}: relation {name!r}: name it in snake_case")
    owner: dict[str, str] = {}
    for rel in table.relations.values():
        keys = [f"Neo4j type {rel.neo4j_type}"]
        keys += [f"trigger class {c!r}" for c in rel.triggers]
        keys += [f"sector {s!r} selling {c}" for s, c in rel.sold_by]
        for key in keys:
            if owner.setdefault(key, rel.name) != rel.name:
                raise RelationsError(
                    f"relation {rel.name!r}: {key} already belongs to {owner[key]!r}"
                )
    for name in table.frame_triggers:
        if f"trigger class {name!r}" in owner:
            raise RelationsError(
                f"frame trigger {name!r} is also a trigger of {owner[f'trigger class {name!r}']!r}"
            )


validate_relations()


class Organization(_Model):
    """A company, fund, person, government or joint venture the articles name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="slug, e.g. 'nvidia'")
    name: str = Field(min_length=1, description="canonical English display name")
    kind: OrgKind = "company"
    aliases: dict[Literal["en", "zh-Hant", "zh-Hans"], list[str]] = Field(default={})
    tickers: list[str] = Field(default=[])
    people: list[str] = Field(default=[], description="people who act for it (Cathie Wood, 木頭姐)")
    sector: str | None = None
    proposed: bool = Field(
        default=False, description="found in text but not in the gazetteer (lower confidence)"
    )


class Article(_Model):
    """One news article; ``body`` is the NFKC-normalised text quotes refer to."""

    id: str = Field(description="content hash of the normalised title and body")
    title: str = ""
    body: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    source: str | None = Field(default=None, description="where it was read: 'file:line'")


class Evidence(_Model):
    """One quoted statement that supports an edge, with what that quote states."""

    kind: Literal["extracted", "curated"] = "extracted"
    article_id: str
    article_title: str | None = None
    outlet: str | None = None
    url: str | None = None
    locator: str | None = Field(default=None, description="file:row for curated evidence")
    quote: str = ""
    start: int = 0
    end: int = 0
    extractor: str | None = None
    amount_usd: float | None = None
    amount_text: str | None = None
    qualifier: Qualifier | None = None
    currency: str | None = None
    amount: float | None = Field(default=None, description="original amount when not USD")
    quantity: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    status: Status = "announced"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    note: str | None = None
    deal_id: str | None = Field(
        default=None, description="the deal this evidence is about (curated rows name it)"
    )
    title: str | None = Field(default=None, description="short name of the deal")
    closed: dt.date | None = Field(default=None, description="when the deal closed")
    superseded_by: str | None = Field(default=None, description="deal_id of its replacement")
    amount_min: float | None = Field(default=None, description="USD lower bound of a range")
    amount_max: float | None = Field(default=None, description="USD upper bound of a range")
    in_totals: bool = Field(default=True, description="false for umbrellas kept out of sums")
    sources: list[str] = Field(default=[], description="every URL the row cites")

    @model_validator(mode="after")
    def _offsets(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self

    @property
    def key(self) -> tuple[str, int, int]:
        """Identity of this evidence on its edge (same article and span = same evidence)."""
        return (self.article_id, self.start, self.end)


class Deal(_Model):
    """One transaction behind an edge, derived from its evidence (:mod:`graph.deals`).

    ``evidence`` lists the positions of its evidence on the edge.
    """

    id: str
    title: str | None = None
    amount_usd: float | None = None
    amount_text: str | None = None
    qualifier: Qualifier | None = None
    currency: str | None = None
    amount: float | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    quantity: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    closed: dt.date | None = None
    status: Status = "announced"
    superseded_by: str | None = None
    confidence: float = 1.0
    in_totals: bool = True
    sources: list[str] = Field(default=[])
    note: str | None = None
    evidence: list[int] = Field(default=[])

    @property
    def current(self) -> bool:
        """Neither superseded nor denied."""
        return self.status not in NON_FLOW_STATUSES

    @property
    def counted(self) -> bool:
        """Part of the edge's headline amount: current, in totals, with an amount."""
        return self.current and self.in_totals and self.amount_usd is not None


class Edge(_Model):
    """One (source, relation, target) edge; headline fields follow :func:`headline`."""

    source: str
    relation: RelationName
    target: str
    source_name: str | None = None
    target_name: str | None = None
    evidence: list[Evidence] = Field(default=[])
    deals: list[Deal] = Field(default=[])
    amount_usd: float | None = None
    amount_text: str | None = None
    qualifier: Qualifier | None = None
    currency: str | None = None
    amount: float | None = None
    quantity: float | None = None
    unit: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    status: Status = "announced"
    confidence: float = 1.0

    @model_validator(mode="after")
    def _derive(self) -> Edge:
        if self.evidence:
            from graph.deals import build_deals, edge_headline

            deals = build_deals(self.evidence)
            object.__setattr__(self, "deals", deals)
            for name, value in edge_headline(deals).items():
                object.__setattr__(self, name, value)
        return self

    @classmethod
    def of_evidence(
        cls,
        source: str,
        relation: str,
        target: str,
        evidence: list[Evidence],
        *,
        source_name: str | None = None,
        target_name: str | None = None,
    ) -> Edge:
        """The edge of validated ``evidence`` (a store's), equal to ``Edge(...)``, built faster.

        Nothing is validated again: stores read edges by the ten thousand, and
        their evidence was validated when it was written and when it was read.
        Deals and headline are derived as :meth:`_derive` derives them.
        """
        fields: dict[str, Any] = {}
        if evidence:
            from graph.deals import build_deals, edge_headline

            fields["deals"] = build_deals(evidence)
            fields.update(edge_headline(fields["deals"]))
        return cls.model_construct(
            source=source,
            relation=relation,
            target=target,
            source_name=source_name,
            target_name=target_name,
            evidence=evidence,
            **fields,
        )

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)

    @property
    def in_totals(self) -> bool:
        """False when every current deal is kept out of sums (an umbrella)."""
        current = [d for d in self.deals if d.current] or self.deals
        return not current or any(d.in_totals for d in current)

    def merged(self, other: Edge) -> Edge:
        """This edge with ``other``'s evidence added (same key; duplicates dropped)."""
        if other.key != self.key:
            raise ValueError(f"cannot merge {other.key} into {self.key}")
        seen = {e.key for e in self.evidence}
        evidence = self.evidence + [e for e in other.evidence if e.key not in seen]
        return self.model_copy(update={"evidence": evidence}).rebuilt()

    def rebuilt(self) -> Edge:
        """A copy with the deals and headline fields derived again from the evidence."""
        return Edge.model_validate(self.model_dump(exclude={"deals", *HEADLINE_FIELDS}))


def headline(evidence: list[Evidence]) -> dict[str, object]:
    """The headline fields of an edge, derived from its evidence through its deals.

    >>> a = Evidence(article_id="a1", amount_usd=1e10, date="2024-01-05")
    >>> b = Evidence(article_id="a2", amount_usd=5e9, qualifier="about", date="2025-03-01")
    >>> h = headline([a, b])  # two tranches: summed, as loose as the loosest
    >>> h["amount_usd"], h["qualifier"], h["amount_text"], str(h["date"])
    (15000000000.0, 'about', None, '2024-01-05')
    >>> headline([a, b.model_copy(update={"status": "denied"})])["amount_usd"]
    10000000000.0
    """
    from graph.deals import build_deals, edge_headline

    return edge_headline(build_deals(evidence))
