"""Texts printed on paper forms (kept here so screens and paper share one catalogue)."""

TEXTS: dict[str, tuple[str, str]] = {
    "era.reiwa": ("令和", "Reiwa"),
    "era.heisei": ("平成", "Heisei"),
    "era.first_year": ("元", "1"),
}
