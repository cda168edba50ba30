"""The schema version this code expects, readable without importing Alembic.

`SCHEMA_HEAD` must equal the head revision of `migrations/versions/` (a test checks it);
`KNOWN_REVISIONS` lists every revision this code can upgrade from.
"""

SCHEMA_HEAD = "0010"
KNOWN_REVISIONS = frozenset({"0001", "0002", "0008", "0005", "0009", "0010"})
