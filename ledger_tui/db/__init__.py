"""Persistence: ORM models, engine, unit of work, repositories and Alembic migrations."""
