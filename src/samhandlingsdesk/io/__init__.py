"""CSV and demo data. Never imports Textual."""
