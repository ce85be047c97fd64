"""ledger_tui: custody ledger for personal-data media lent to contractors."""

__version__ = "0.1.0"
