"""Inspections (点検): walking the register, the record and its paper."""
