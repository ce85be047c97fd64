"""Reusable widgets of the ledger screens."""
