"""Secrets kept outside the database: key files, sealed passwords, passwords."""
