"""Everything that touches the database. Never imports Textual."""
