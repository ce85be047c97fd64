"""The demo ledger: a realistic story told through the real services."""
