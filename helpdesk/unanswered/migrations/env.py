"""Alembic environment of the unanswered-questions log; run through ``helpdesk.unanswered.schema.upgrade``.

Its own version table (``unanswered_alembic_version``, see schema.py) and, for autogenerate, only its own
tables: a database shared with the ticket store is neither read nor changed beyond them.
"""
from alembic import context
from sqlalchemy import engine_from_config, pool

from helpdesk.unanswered.schema import VERSION_TABLE
from helpdesk.unanswered.store import Base

config = context.config
target_metadata = Base.metadata


def _ours(name, type_, parent_names) -> bool:
    return type_ != "table" or name in target_metadata.tables


def _configure(**kwargs) -> None:
    # render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    context.configure(target_metadata=target_metadata, version_table=VERSION_TABLE, include_name=_ours,
                      render_as_batch=True, **kwargs)


def run_migrations_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool, future=True)
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
