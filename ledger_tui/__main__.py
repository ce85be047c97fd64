"""`python -m ledger_tui` is the same as the `ledger-tui` console script."""

from ledger_tui.cli.main import main

raise SystemExit(main())
