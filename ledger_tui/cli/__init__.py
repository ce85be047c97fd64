"""The scriptable command line, `ledger-tui` (entry point: `ledger_tui.cli.main:main`).

Without a command it starts the Textual desk application; with one it runs a service
and prints text (Japanese by default) or JSON. Nothing here is imported by the core.
"""
