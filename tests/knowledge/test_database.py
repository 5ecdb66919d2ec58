"""The knowledge base survives a round trip through SQL, and is rewritten only when the data changes."""
from __future__ import annotations

import os
import uuid

import pytest
import yaml
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.orm import Session

from knowledge import loader, service, storage
from knowledge.answers import answer_question
from knowledge.records import KnowledgeBase

FIELDS = ("title", "parties", "sections", "obligations", "terms", "subjects", "uncovered", "support_lines",
          "governance", "actions", "yes_no_markers", "quirks", "correspondence", "signatures",
          "objective_principles", "agreement_text", "content_hash")


def assert_same(read: KnowledgeBase, original: KnowledgeBase) -> None:
    for name in FIELDS:
        left, right = getattr(read, name), getattr(original, name)
        if isinstance(right, dict) or hasattr(right, "keys"):
            assert list(left.keys()) == list(right.keys()), name  # order matters: data order decides ties
            left, right = dict(left), dict(right)
        assert left == right, name


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'knowledge.db'}"


def test_sqlite_round_trip(kb, sqlite_url):
    engine = storage.make_engine(sqlite_url)
    try:
        assert storage.stored_hash(engine) is None
        storage.write(kb, engine)
        assert storage.stored_hash(engine) == kb.content_hash
        assert_same(storage.read(engine), kb)
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(storage.ObligationRow)) == len(kb.obligations)
            assert session.scalar(select(func.count()).select_from(storage.SubjectRow)) == len(kb.subjects)
            links = session.scalar(select(func.count()).select_from(storage.obligation_parties))
            assert links == sum(len(o.parties) for o in kb.obligations)
    finally:
        engine.dispose()


def test_rewrite_replaces_everything(kb, sqlite_url):
    """Writing twice leaves one copy of each row, not two."""
    engine = storage.make_engine(sqlite_url)
    try:
        storage.write(kb, engine)
        storage.write(kb, engine)
        again = storage.read(engine)
        assert len(again.obligations) == len(kb.obligations)
        assert_same(again, kb)
    finally:
        engine.dispose()


def test_read_back_knowledge_answers_the_same(kb, sqlite_url, monday_10am):
    engine = storage.make_engine(sqlite_url)
    try:
        storage.write(kb, engine)
        stored = storage.read(engine)
    finally:
        engine.dispose()
    for question in ("qui installe le vidéoprojecteur ?", "qui paie les téléphones portables ?",
                     "le collège peut-il modifier le réseau ?", "vidéoprojecteur ?"):
        a = answer_question(kb, question, now=monday_10am)
        b = answer_question(stored, question, now=monday_10am)
        assert (a.kind, a.text, a.parties, a.articles) == (b.kind, b.text, b.parties, b.articles)


def test_make_engine_creates_the_sqlite_folder(tmp_path):
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'kb.db'}"
    engine = storage.make_engine(url)
    try:
        assert storage.stored_hash(engine) is None
        assert (tmp_path / "deep" / "er").is_dir()
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- service.sync_database

def _tamper(url: str, obligation_id: str, statement: str) -> None:
    engine = storage.make_engine(url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(update(storage.ObligationRow)
                            .where(storage.ObligationRow.id == obligation_id).values(statement=statement))
    finally:
        engine.dispose()


def test_sync_rewrites_only_when_the_hash_changes(kb, sqlite_url, data_copy, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(data_copy))
    first = service.sync_database(sqlite_url)
    assert_same(first, kb)

    # Same data: the database is trusted as is (a hand-made change survives, proving nothing was rewritten).
    _tamper(sqlite_url, "a3-academie-filtrage", "marqueur de test")
    second = service.sync_database(sqlite_url)
    assert next(o for o in second.obligations if o.id == "a3-academie-filtrage").statement == "marqueur de test"

    # Edited data: new hash, everything rewritten from the YAML.
    path = data_copy / "obligations.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    item = next(o for o in content["obligations"] if o["id"] == "a5-college-videoprojecteurs")
    item["statement"] = "Le collège installe physiquement les vidéoprojecteurs."
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    third = service.sync_database(sqlite_url)
    assert third.content_hash != kb.content_hash
    by_id = {o.id: o for o in third.obligations}
    assert by_id["a5-college-videoprojecteurs"].statement == "Le collège installe physiquement les vidéoprojecteurs."
    assert by_id["a3-academie-filtrage"].statement == next(
        o.statement for o in kb.obligations if o.id == "a3-academie-filtrage")


def test_sync_refuses_invalid_data_and_keeps_the_database(kb, sqlite_url, data_copy, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DATA_DIR", str(data_copy))
    service.sync_database(sqlite_url)
    path = data_copy / "obligations.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["obligations"][0]["role"] = "owns"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(loader.KnowledgeError):
        service.sync_database(sqlite_url)
    engine = storage.make_engine(sqlite_url)
    try:
        assert storage.stored_hash(engine) == kb.content_hash
        assert_same(storage.read(engine), kb)
    finally:
        engine.dispose()


def test_get_knowledge_is_loaded_once(sqlite_url, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DATABASE_URL", sqlite_url)
    service.reset_cache()
    try:
        first = service.get_knowledge()
        assert service.get_knowledge() is first
        service.reset_cache()
        assert service.get_knowledge() is not first
    finally:
        service.reset_cache()


# --------------------------------------------------------------------------- PostgreSQL

@pytest.mark.services
@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"), reason="set TEST_POSTGRES_URL to test PostgreSQL")
def test_postgres_round_trip(kb):
    """Same round trip on PostgreSQL, in a schema of its own so that no other test's tables are touched."""
    url = os.environ["TEST_POSTGRES_URL"]
    schema = f"kb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, future=True)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine = create_engine(url, future=True, connect_args={"options": f"-csearch_path={schema}"})
    try:
        assert storage.stored_hash(engine) is None
        storage.write(kb, engine)
        assert storage.stored_hash(engine) == kb.content_hash
        assert_same(storage.read(engine), kb)
        storage.write(kb, engine)  # a rewrite inside one transaction keeps one copy
        with engine.connect() as connection:
            count = connection.execute(text("select count(*) from kb_obligations")).scalar_one()
        assert count == len(kb.obligations)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
