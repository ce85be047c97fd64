"""Oversight of contracts: confirmation record sheets, audits, incidents, close-out,
obligations and the council's reports."""
