"""The knowledge base in SQL (SQLAlchemy 1.4, 2.0 style): tables, writing and reading back.

The YAML files stay the source that people edit; the database is what the running bot reads. It is
refreshed when the data's content hash changes, so editing the YAML and restarting is enough.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, Text, create_engine, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, relationship

from knowledge import amendments
from knowledge.records import (
    ClarifyOption,
    GovernanceBody,
    Inference,
    KnowledgeBase,
    Obligation,
    Party,
    Person,
    Quirk,
    Section,
    Silence,
    Source,
    Subject,
    SupportLine,
    Term,
    Uncovered,
    Unit,
)
from settings.config import get_settings

Base = declarative_base()

obligation_parties = Table(
    "kb_obligation_parties",
    Base.metadata,
    Column("obligation_id", ForeignKey("kb_obligations.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("kb_parties.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
)
obligation_subjects = Table(
    "kb_obligation_subjects",
    Base.metadata,
    Column("obligation_id", ForeignKey("kb_obligations.id", ondelete="CASCADE"), primary_key=True),
    Column("subject_id", ForeignKey("kb_subjects.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
)


class PartyRow(Base):
    __tablename__ = "kb_parties"
    id = Column(String(40), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    short = Column(String(200), nullable=False)
    article_name = Column(String(200), nullable=False)
    representative = Column(Text, nullable=False, default="")
    address = Column(Text, nullable=False, default="")
    units = Column(JSON, nullable=False, default=list)
    aliases = Column(JSON, nullable=False, default=list)


class SectionRow(Base):
    __tablename__ = "kb_sections"
    id = Column(String(40), primary_key=True)
    position = Column(Integer, nullable=False)
    number = Column(Integer)
    label = Column(String(100), nullable=False)
    title = Column(String(200), nullable=False)
    heading = Column(String(200), nullable=False)
    end_marker = Column(String(200))
    note = Column(Text, nullable=False, default="")
    text = Column(Text, nullable=False)


class SubjectRow(Base):
    __tablename__ = "kb_subjects"
    id = Column(String(60), primary_key=True)
    position = Column(Integer, nullable=False)
    label = Column(String(200), nullable=False)
    parent_id = Column(String(60), ForeignKey("kb_subjects.id"))
    line_id = Column(String(40), ForeignKey("kb_support_lines.id"))
    line_by_action = Column(JSON, nullable=False, default=dict)
    incident = Column(Integer, nullable=False, default=0)
    incident_label = Column(String(200), nullable=False, default="")
    kind = Column(String(20), nullable=False, default="topic")
    terms = Column(JSON, nullable=False, default=list)
    weak_terms = Column(JSON, nullable=False, default=list)
    by_action = Column(JSON, nullable=False, default=dict)
    runs_on = Column(JSON, nullable=False, default=list)
    clarify = Column(JSON, nullable=False, default=list)


class ObligationRow(Base):
    __tablename__ = "kb_obligations"
    id = Column(String(80), primary_key=True)
    position = Column(Integer, nullable=False)
    section_id = Column(String(40), ForeignKey("kb_sections.id"), nullable=False)
    role = Column(String(20), nullable=False)
    actions = Column(JSON, nullable=False)
    statement = Column(Text, nullable=False)
    condition = Column(Text, nullable=False, default="")
    advice = Column(Text, nullable=False, default="")
    scenario = Column(Integer)
    line_id = Column(String(40), ForeignKey("kb_support_lines.id"))
    source = Column(Text, nullable=False)
    note = Column(Text, nullable=False, default="")
    parties = relationship(PartyRow, secondary=obligation_parties, order_by=obligation_parties.c.position)
    subjects = relationship(SubjectRow, secondary=obligation_subjects, order_by=obligation_subjects.c.position)


class SupportLineRow(Base):
    __tablename__ = "kb_support_lines"
    id = Column(String(40), primary_key=True)
    position = Column(Integer, nullable=False)
    data = Column(JSON, nullable=False)


class DocumentRow(Base):
    """Records of the agreement as a whole (terms, governance, vocabulary…), kept as JSON documents."""

    __tablename__ = "kb_documents"
    key = Column(String(60), primary_key=True)
    data = Column(JSON, nullable=False)


def database_url() -> str:
    """Setting ``KNOWLEDGE_DATABASE_URL`` (default: a SQLite file in ``var/``)."""
    return get_settings().knowledge_database_url


def make_engine(url: Optional[str] = None) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file."""
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True)


def stored_hash(engine: Engine) -> Optional[str]:
    """Content hash of the knowledge stored in the database, or None if there is none."""
    from sqlalchemy import inspect

    if "kb_subjects" in inspect(engine).get_table_names():
        columns = {c["name"] for c in inspect(engine).get_columns("kb_subjects")}
        if not {"by_action", "runs_on"} <= columns:  # written by an older version: rebuild the tables
            Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine, future=True) as session:
        row = session.get(DocumentRow, "meta")
        return row.data.get("content_hash") if row else None


def write(kb: KnowledgeBase, engine: Engine) -> None:
    """Replace the stored knowledge base with ``kb`` in one transaction."""
    Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in (obligation_parties, obligation_subjects):
            session.execute(delete(table))
        for model in (ObligationRow, SubjectRow, SupportLineRow, SectionRow, PartyRow, DocumentRow):
            session.execute(delete(model))
        session.flush()
        parties = {}
        for i, p in enumerate(kb.parties.values()):
            parties[p.id] = PartyRow(id=p.id, position=i, name=p.name, short=p.short, article_name=p.article_name,
                                     representative=p.representative, address=p.address,
                                     units=[[u.id, u.name, list(u.words)] for u in p.units], aliases=list(p.aliases))
        session.add_all(parties.values())
        for i, section in enumerate(kb.sections.values()):
            session.add(SectionRow(id=section.id, position=i, number=section.number, label=section.label,
                                   title=section.title, heading=section.heading, end_marker=section.end,
                                   note=section.note, text=section.text))
        for i, line in enumerate(kb.support_lines.values()):
            data = {k: getattr(line, k) for k in line.__dataclass_fields__}
            data["hours"] = [list(h) for h in line.hours]
            session.add(SupportLineRow(id=line.id, position=i, data=json.loads(json.dumps(data))))
        session.flush()
        subjects = {}
        for i, s in enumerate(kb.subjects.values()):
            subjects[s.id] = SubjectRow(
                id=s.id, position=i, label=s.label, parent_id=None, line_id=s.line,
                line_by_action=dict(s.line_by_action), incident=int(s.incident), incident_label=s.incident_label,
                kind=s.kind, terms=list(s.terms), weak_terms=list(s.weak_terms), by_action=dict(s.by_action),
                runs_on=list(s.runs_on),
                clarify=[{"label": c.label, "subject": c.subject, "action": c.action} for c in s.clarify],
            )
        session.add_all(subjects.values())
        session.flush()
        for s in kb.subjects.values():
            subjects[s.id].parent_id = s.parent
        for i, o in enumerate(kb.obligations):
            row = ObligationRow(id=o.id, position=i, section_id=o.section, role=o.role, actions=list(o.actions),
                                statement=o.statement, condition=o.condition, advice=o.advice,
                                scenario=o.scenario, line_id=o.line, source=o.source, note=o.note)
            session.add(row)
            session.flush()
            for position, party in enumerate(o.parties):
                session.execute(obligation_parties.insert().values(obligation_id=o.id, party_id=party, position=position))
            for position, subject in enumerate(o.subjects):
                session.execute(obligation_subjects.insert().values(obligation_id=o.id, subject_id=subject, position=position))
        documents = {
            "meta": {"content_hash": kb.content_hash, "title": kb.title},
            "terms": [{**_plain(t), "claims": [_plain(c) for c in t.claims]} for t in kb.terms],
            "uncovered": [_plain(u) for u in kb.uncovered],
            "governance": [
                {**_plain(g), "members": [_plain(m) for m in g.members]} for g in kb.governance
            ],
            "vocabulary": {"actions": {k: list(v) for k, v in kb.actions.items()},
                           "yes_no_markers": list(kb.yes_no_markers), "idioms": list(kb.idioms),
                           "not_typos": sorted(kb.not_typos), "synonyms": [list(g) for g in kb.synonyms]},
            "quirks": [_plain(q) for q in kb.quirks],
            "correspondence": dict(kb.correspondence),
            "signatures": json.loads(json.dumps(kb.signatures, default=str)),
            "principles": list(kb.objective_principles),
            "agreement_text": {"text": kb.agreement_text},
            "amendments": {"items": amendments.to_json(kb.amendments)},
            # Kept as a document so that databases written before sources were recorded need no migration.
            "party_sources": {p.id: p.source for p in kb.parties.values()},
            "section_within": {s.id: s.within for s in kb.sections.values() if s.within},
            "inferences": [{**_plain(i), "sources": [_plain(s) for s in i.sources]} for i in kb.inferences],
            "silences": [{**_plain(s), "sources": [_plain(q) for q in s.sources]} for s in kb.silences],
            "people": [_plain(p) for p in kb.people],
        }
        for key, data in documents.items():
            session.add(DocumentRow(key=key, data=data))


def _plain(record) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in record.__dict__.items()}


def read(engine: Engine) -> KnowledgeBase:
    """Rebuild the :class:`KnowledgeBase` from the database."""
    with Session(engine, future=True) as session:
        docs = {row.key: row.data for row in session.scalars(select(DocumentRow))}
        party_sources = docs.get("party_sources", {})
        parties = {
            r.id: Party(id=r.id, name=r.name, short=r.short, article_name=r.article_name,
                        representative=r.representative, address=r.address,
                        units=tuple(Unit(u[0], u[1], tuple(u[2]) if len(u) > 2 else ()) for u in r.units), aliases=tuple(r.aliases),
                        source=party_sources.get(r.id, ""))
            for r in session.scalars(select(PartyRow).order_by(PartyRow.position))
        }
        sections = {
            r.id: Section(id=r.id, label=r.label, title=r.title, heading=r.heading, number=r.number,
                          end=r.end_marker, note=r.note, text=r.text, within=docs.get("section_within", {}).get(r.id))
            for r in session.scalars(select(SectionRow).order_by(SectionRow.position))
        }
        lines = {}
        for r in session.scalars(select(SupportLineRow).order_by(SupportLineRow.position)):
            data = dict(r.data)
            data["hours"] = tuple(tuple(h) for h in data["hours"])
            for key in ("days", "parties"):
                data[key] = tuple(data[key])
            lines[r.id] = SupportLine(**data)
        subjects = {
            r.id: Subject(id=r.id, label=r.label, terms=tuple(r.terms), parent=r.parent_id, line=r.line_id,
                          line_by_action=dict(r.line_by_action), incident=bool(r.incident),
                          incident_label=r.incident_label, kind=r.kind,
                          clarify=tuple(ClarifyOption(**c) for c in r.clarify), weak_terms=tuple(r.weak_terms),
                          by_action=dict(r.by_action or {}), runs_on=tuple(r.runs_on or ()))
            for r in session.scalars(select(SubjectRow).order_by(SubjectRow.position))
        }
        obligations = tuple(
            Obligation(id=r.id, section=r.section_id, parties=tuple(p.id for p in r.parties), role=r.role,
                       actions=tuple(r.actions), subjects=tuple(s.id for s in r.subjects), statement=r.statement,
                       source=r.source, condition=r.condition, advice=r.advice, scenario=r.scenario,
                       line=r.line_id, note=r.note)
            for r in session.scalars(select(ObligationRow).order_by(ObligationRow.position))
        )
    return KnowledgeBase(
        title=docs["meta"]["title"],
        parties=parties,
        sections=sections,
        obligations=obligations,
        terms=tuple(Term.from_plain(t) for t in docs["terms"]),
        subjects=subjects,
        uncovered=tuple(Uncovered(**{**u, "terms": tuple(u["terms"])}) for u in docs["uncovered"]),
        support_lines=lines,
        governance=tuple(GovernanceBody.from_plain(g) for g in docs["governance"]),
        actions={k: tuple(v) for k, v in docs["vocabulary"]["actions"].items()},
        yes_no_markers=tuple(docs["vocabulary"]["yes_no_markers"]),
        idioms=tuple(docs["vocabulary"].get("idioms", ())),
        not_typos=frozenset(docs["vocabulary"].get("not_typos", ())),
        synonyms=tuple(tuple(g) for g in docs["vocabulary"].get("synonyms", ())),
        quirks=tuple(Quirk(**q) for q in docs["quirks"]),
        correspondence=docs["correspondence"],
        signatures=docs["signatures"],
        objective_principles=tuple(docs["principles"]),
        agreement_text=docs["agreement_text"]["text"],
        content_hash=docs["meta"]["content_hash"],
        amendments=amendments.from_json((docs.get("amendments") or {}).get("items") or []),
        inferences=tuple(
            Inference(**{**i, "subjects": tuple(i["subjects"]), "sources": tuple(Source(**q) for q in i["sources"])})
            for i in docs.get("inferences", ())
        ),
        silences=tuple(
            Silence(**{**s, "subjects": tuple(s["subjects"]), "actions": tuple(s["actions"]),
                       "terms": tuple(s.get("terms", ())), "with_terms": tuple(s.get("with_terms", ())),
                       "without_terms": tuple(s.get("without_terms", ())),
                       "sources": tuple(Source(**q) for q in s["sources"])})
            for s in docs.get("silences", ())
        ),
        people=tuple(Person(**{**p, "words": tuple(p["words"]), "titles": tuple(p["titles"]),
                               "signing_titles": tuple(p.get("signing_titles", ()))})
                     for p in docs.get("people", ())),
    )
