"""The unanswered-questions log gets its schema from Alembic (issue 11): a fresh log, a log written by the
code before Alembic (with or without traces), one database shared with the tickets, a read-only log, two
processes starting at once. On SQLite always, on PostgreSQL too when TEST_POSTGRES_URL is set."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, Text, create_engine, inspect, text
from sqlalchemy.exc import OperationalError

from helpdesk import tickets
from helpdesk.tickets.engine import alembic_config as tickets_alembic_config
from helpdesk.tickets.engine import current_revision as tickets_revision
from helpdesk.unanswered import UnansweredStore, current_revision, make_engine, upgrade
from helpdesk.unanswered.schema import VERSION_TABLE, alembic_config
from helpdesk.unanswered.store import Base

AT = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
TRACE = ("type de message : question", "décision : defer")


def old_table(metadata: MetaData, *, with_trace: bool = False) -> Table:
    """``UnansweredRow`` as the code before Alembic declared it (``with_trace``: the version that kept traces)."""
    columns = [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("user", String(40), nullable=False),
        Column("text", Text, nullable=False),
        Column("reason", String(30), nullable=False),
        Column("intent", String(60)),
        Column("confidence", Float),
        Column("answer_kind", String(30)),
    ]
    if with_trace:
        columns.append(Column("trace", Text))
    return Table("unanswered_questions", metadata, *columns)


def old_log(engine, *, with_trace: bool = False) -> None:
    """A log as the old code left it: its ``create_all``, no version table, one question stored."""
    metadata = MetaData()
    table = old_table(metadata, with_trace=with_trace)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(table.insert().values(at=AT, user="u-old", text="ancienne question", reason="unknown"))


def columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("unanswered_questions")}


def schema_differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return compare_metadata(context, Base.metadata)


def stored_traces(engine) -> dict[str, object]:
    with engine.connect() as connection:
        return dict(connection.execute(text("SELECT text, trace FROM unanswered_questions")).all())


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


# (a) a fresh log ------------------------------------------------------------------------------------------

def test_a_fresh_log_gets_both_revisions_and_a_trace_round_trips(empty_engine):
    store = UnansweredStore(empty_engine)
    assert current_revision(empty_engine) == head() == "0002_unanswered_trace"
    assert "trace" in columns(empty_engine)
    assert schema_differences(empty_engine) == []  # the migrations make exactly the model's table

    store.record("ent-prof-0001", "qui nettoie les ordinateurs ?", "unknown", "ask_responsibility", 0.41,
                 "not_specified", at=AT, trace=TRACE)
    [row] = store.list()
    assert (row.text, row.reason, row.intent, row.answer_kind, row.trace) == (
        "qui nettoie les ordinateurs ?", "unknown", "ask_responsibility", "not_specified", TRACE)
    assert row.user != "ent-prof-0001"  # pseudonymised
    assert stored_traces(empty_engine) == {"qui nettoie les ordinateurs ?": "\n".join(TRACE)}


def test_revision_1_is_the_table_before_traces_and_revision_2_adds_it(empty_engine):
    upgrade(empty_engine, "0001_unanswered_questions")
    assert current_revision(empty_engine) == "0001_unanswered_questions"
    assert "trace" not in columns(empty_engine)
    upgrade(empty_engine)
    assert current_revision(empty_engine) == "0002_unanswered_trace" and "trace" in columns(empty_engine)


# (b) a log written by the old code ------------------------------------------------------------------------

def test_a_log_created_before_traces_is_upgraded_in_place_and_keeps_its_rows(empty_engine):
    old_log(empty_engine)
    assert "trace" not in columns(empty_engine)

    store = UnansweredStore(empty_engine)
    store.record("sender-1", "nouvelle question", "unknown", trace=TRACE)

    assert current_revision(empty_engine) == "0002_unanswered_trace"
    assert stored_traces(empty_engine) == {"ancienne question": None, "nouvelle question": "\n".join(TRACE)}
    rows = {r.text: r for r in store.list()}
    assert rows["ancienne question"].trace == () and rows["ancienne question"].user == "u-old"
    assert rows["nouvelle question"].trace == TRACE
    assert schema_differences(empty_engine) == []  # same schema as a fresh log


def test_a_log_of_the_version_that_added_trace_at_start_up_is_stamped_not_altered_again(empty_engine):
    old_log(empty_engine, with_trace=True)  # trace already there, still no version table
    store = UnansweredStore(empty_engine)  # adding the column a second time would fail
    assert current_revision(empty_engine) == "0002_unanswered_trace"
    store.record("sender-1", "nouvelle question", "unknown", trace=TRACE)
    assert stored_traces(empty_engine) == {"ancienne question": None, "nouvelle question": "\n".join(TRACE)}


# (c) the history ------------------------------------------------------------------------------------------

def test_the_history_is_linear_with_one_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == ["0002_unanswered_trace"] and script.get_bases() == ["0001_unanswered_questions"]
    chain = [rev.revision for rev in script.walk_revisions()]  # from head down to base
    assert chain == ["0002_unanswered_trace", "0001_unanswered_questions"]
    assert all(not rev.is_merge_point and not rev.is_branch_point for rev in script.walk_revisions())


def test_downgrade_and_upgrade_again(empty_engine):
    UnansweredStore(empty_engine).record("sender-1", "question", "unknown", at=AT, trace=TRACE)
    config = alembic_config()
    with empty_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001_unanswered_questions")
    assert "trace" not in columns(empty_engine)  # the row stays, without its trace
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM unanswered_questions")).scalars().all() == ["question"]
    upgrade(empty_engine)
    assert stored_traces(empty_engine) == {"question": None}


# sharing a database with the tickets -----------------------------------------------------------------------

def test_a_database_shared_with_the_tickets_keeps_two_separate_histories(empty_engine):
    tickets.upgrade(empty_engine)
    tickets_head = ScriptDirectory.from_config(tickets_alembic_config()).get_current_head()
    UnansweredStore(empty_engine)
    tickets.upgrade(empty_engine)  # and again after: neither upgrade sees the other's revision

    assert tickets_revision(empty_engine) == tickets_head
    assert current_revision(empty_engine) == "0002_unanswered_trace"
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [tickets_head]
        assert connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all() == [
            "0002_unanswered_trace"]
    assert {"tickets", "unanswered_questions"} <= set(inspect(empty_engine).get_table_names())


# read-only, missing, concurrent (SQLite files) --------------------------------------------------------------

def read_only(path):
    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", future=True)


def test_a_read_only_log_at_head_opens_and_lists_as_before(tmp_path):
    path = tmp_path / "feedback.db"
    UnansweredStore(make_engine(f"sqlite:///{path}")).record("sender-1", "question", "unknown", trace=TRACE)
    store = UnansweredStore(read_only(path))
    assert [r.trace for r in store.list()] == [TRACE]
    with pytest.raises(OperationalError, match="readonly"):  # a write fails where it happens (the action logs it)
        store.record("sender-2", "autre question", "unknown")


def test_a_read_only_log_of_the_version_with_traces_is_used_as_it_is(tmp_path, caplog):
    path = tmp_path / "feedback.db"
    old_log(make_engine(f"sqlite:///{path}"), with_trace=True)
    store = UnansweredStore(read_only(path))  # cannot be stamped, but has every column
    assert [r.text for r in store.list()] == ["ancienne question"]
    assert "used as it is" in caplog.text


def test_a_read_only_log_without_the_trace_column_refuses_to_open(tmp_path):
    path = tmp_path / "feedback.db"
    old_log(make_engine(f"sqlite:///{path}"))
    with pytest.raises(OperationalError, match="readonly"):  # as the ALTER TABLE at start-up failed before
        UnansweredStore(read_only(path))


def test_a_missing_log_is_created_in_its_folder(tmp_path):
    path = tmp_path / "var" / "feedback.db"
    UnansweredStore(make_engine(f"sqlite:///{path}")).record("sender-1", "question", "unknown")
    assert path.exists()


def test_two_processes_starting_together_migrate_once(empty_engine):
    start, errors, stores = threading.Barrier(2), [], []

    def open_store():
        start.wait()
        try:  # each thread gets its own connection from the engine, as two processes would have
            stores.append(UnansweredStore(empty_engine))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and len(stores) == 2
    for n, store in enumerate(stores):
        store.record(f"sender-{n}", f"question {n}", "unknown", trace=TRACE)
    with empty_engine.connect() as connection:
        assert connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all() == [
            "0002_unanswered_trace"]
    assert stored_traces(empty_engine) == {"question 0": "\n".join(TRACE), "question 1": "\n".join(TRACE)}


def test_upgrade_without_arguments_migrates_the_log_of_the_settings(tmp_path, monkeypatch):
    """What docs/deploy.md runs before starting several action servers."""
    path = tmp_path / "feedback.db"
    monkeypatch.setenv("FEEDBACK_DATABASE_URL", f"sqlite:///{path}")
    upgrade()
    assert current_revision(make_engine(f"sqlite:///{path}")) == "0002_unanswered_trace"


def test_the_default_log_keeps_a_write_ahead_journal_and_reuses_its_connection(tmp_path, monkeypatch):
    """Logging a question is on the turn's path: the log opens no new connection and syncs no rollback journal per row
    (the ticket store's engine), and rows written by two threads at once are all kept."""
    monkeypatch.setenv("FEEDBACK_DATABASE_URL", f"sqlite:///{tmp_path / 'feedback.db'}")
    from settings.config import get_settings

    get_settings.cache_clear()
    try:
        store = UnansweredStore()
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        writers = [threading.Thread(target=lambda n=n: [store.record(f"s{n}", f"question {i}", "unknown")
                                                        for i in range(20)]) for n in range(2)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        assert len(store.list(limit=100)) == 40
    finally:
        get_settings.cache_clear()
