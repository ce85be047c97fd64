"""Texts of the command line."""

TEXTS: dict[str, tuple[str, str]] = {
    "cli.ok": ("完了しました。", "Done."),
}
