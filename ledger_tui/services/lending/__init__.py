"""Lending (貸出・返却): loans, handover slips, the slip ledger and its paper."""
