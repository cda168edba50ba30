"""The SQL of the full-text index: a view that builds each case's search document, two
FTS5 tables and the triggers that keep them in sync.

Migrations embed the SQL this module produced when they were written (a migration is
frozen); `tests/store/test_migrations.py` fails when the live kinds and the head migration
disagree, which is the cue to write a new migration. Triggers are plain SQL (no Python
functions), so any connection can write to the desk.
"""

from __future__ import annotations

from samhandlingsdesk.domain.kinds import KINDS

FTS_TABLE = "case_fts"
PHONE_TABLE = "phone_fts"
DOC_VIEW = "case_search_doc"

CASE_TEXT_COLUMNS = ("party", "contact_name", "email", "archive_ref", "tags")
CASE_PHONE_COLUMNS = ("contact_phone",)


def _alias(kind: str) -> str:
    return f"d_{kind}"


def _searchable(kind: str, phone: bool) -> list[str]:
    return [f.name for f in KINDS[kind].fields if f.searchable and (f.type == "phone") == phone]


def _concat(exprs: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce({e}, '')" for e in exprs)


def view_sql() -> str:
    text = [f"c.{c}" for c in CASE_TEXT_COLUMNS]
    phones = [f"c.{c}" for c in CASE_PHONE_COLUMNS]
    joins = []
    for kind in KINDS:
        a = _alias(kind)
        text += [f"{a}.{n}" for n in _searchable(kind, phone=False)]
        phones += [f"{a}.{n}" for n in _searchable(kind, phone=True)]
        joins.append(f"LEFT JOIN {kind} {a} ON {a}.case_id = c.id")
    join_sql = "\n  ".join(joins)
    return (
        f"CREATE VIEW {DOC_VIEW} AS\n"
        "SELECT c.pk AS pk, c.ref AS ref, c.title AS title,\n"
        f"  trim({_concat(text)}) AS body,\n"
        "  coalesce((SELECT group_concat(n.text, ' ') FROM note n WHERE n.case_id = c.id), '')"
        " AS notes,\n"
        f"  trim({_concat(phones)}) AS phones\n"
        f'FROM "case" c\n  {join_sql}'
    )


FTS_SQL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(ref, title, body, notes, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)
PHONE_SQL = f"CREATE VIRTUAL TABLE {PHONE_TABLE} USING fts5(phones, tokenize = 'trigram')"


def _reindex(pk_expr: str) -> str:
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = {pk_expr};\n"
        f"  DELETE FROM {PHONE_TABLE} WHERE rowid = {pk_expr};\n"
        f"  INSERT INTO {FTS_TABLE}(rowid, ref, title, body, notes)\n"
        f"    SELECT pk, ref, title, body, notes FROM {DOC_VIEW} WHERE pk = {pk_expr};\n"
        f"  INSERT INTO {PHONE_TABLE}(rowid, phones)\n"
        f"    SELECT pk, phones FROM {DOC_VIEW} WHERE pk = {pk_expr} AND phones <> '';"
    )


def _drop(pk_expr: str) -> str:
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = {pk_expr};\n"
        f"  DELETE FROM {PHONE_TABLE} WHERE rowid = {pk_expr};"
    )


def trigger_sql() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER ...) for every trigger of the index."""
    watched = ", ".join(("ref", "title", *CASE_TEXT_COLUMNS, *CASE_PHONE_COLUMNS))
    out = [
        (
            "case_fts_ai",
            f'CREATE TRIGGER case_fts_ai AFTER INSERT ON "case" BEGIN\n  {_reindex("NEW.pk")}\nEND',
        ),
        (
            "case_fts_au",
            f'CREATE TRIGGER case_fts_au AFTER UPDATE OF {watched} ON "case" BEGIN\n'
            f"  {_reindex('NEW.pk')}\nEND",
        ),
        (
            "case_fts_ad",
            f'CREATE TRIGGER case_fts_ad AFTER DELETE ON "case" BEGIN\n  {_drop("OLD.pk")}\nEND',
        ),
    ]
    for table in (*KINDS, "note"):
        new_pk = '(SELECT pk FROM "case" WHERE id = NEW.case_id)'
        old_pk = '(SELECT pk FROM "case" WHERE id = OLD.case_id)'
        for suffix, event, body in (
            ("ai", "INSERT", _reindex(new_pk)),
            ("au", "UPDATE", _reindex(new_pk)),
            ("ad", "DELETE", _reindex(old_pk)),
        ):
            name = f"{table}_fts_{suffix}"
            out.append(
                (name, f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n  {body}\nEND")
            )
    return out
