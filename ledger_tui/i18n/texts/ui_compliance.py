"""Texts of the compliance keys on the contracts screen (the screens' own texts live in
their areas' modules)."""

TEXTS: dict[str, tuple[str, str]] = {
    "cmd.sheet": ("確認記録票", "Record sheet"),
    "cmd.audits": ("監査", "Audits"),
    "cmd.incidents": ("事故報告", "Incidents"),
    "cmd.closeout": ("契約完了", "Close out"),
}
