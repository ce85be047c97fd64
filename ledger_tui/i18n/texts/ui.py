"""Texts of the Textual screens."""

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("媒体管理台帳", "Media custody ledger"),
}
