"""The audit trail: verifying the hash chain and reading its entries."""
