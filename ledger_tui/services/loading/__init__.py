"""Encrypted loading onto sticks (区 → 委託先) and intake of returns."""
