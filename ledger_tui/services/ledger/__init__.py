"""The ledger as a whole: opening (create or upgrade), backup and export."""
