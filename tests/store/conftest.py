"""Store fixtures: ``db_url`` (SQLite and PostgreSQL) lives in ``tests/conftest.py``."""
