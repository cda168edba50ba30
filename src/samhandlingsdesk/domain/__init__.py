"""Domain rules: pure Python, no SQLAlchemy, no Textual."""
