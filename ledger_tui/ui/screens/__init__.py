"""Screens of the desk. The area screens are listed in `areas` (imported after login, so
the login screen draws without loading the database layer)."""
