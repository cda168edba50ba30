"""Alembic environment: the engine comes from the caller (store/migrate.py)."""

from __future__ import annotations

from alembic import context

from samhandlingsdesk.store.search_schema import DOC_VIEW, FTS_TABLE, PHONE_TABLE
from samhandlingsdesk.store.tables import metadata

FTS_PREFIXES = (FTS_TABLE, PHONE_TABLE, DOC_VIEW)


def include_object(obj, name, type_, reflected, compare_to):
    """Leave the FTS5 tables (and their shadow tables) and the view to the migrations."""
    return not (type_ == "table" and name and name.startswith(FTS_PREFIXES))


def run() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
