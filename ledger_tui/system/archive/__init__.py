"""Encrypted ZIP archives (WinZip AES-256) and record counts of files."""
