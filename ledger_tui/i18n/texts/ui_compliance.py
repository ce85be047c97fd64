"""Texts of the compliance keys on the contracts screen (the screens' own texts live in
their areas' modules)."""

TEXTS: dict[str, tuple[str, str]] = {
    "cmd.sheet": ("確認記録票", "Record sheet"),
    "cmd.audits": ("監査", "Audits"),
    "cmd.incidents": ("事故報告", "Incidents"),
    "cmd.closeout": ("契約完了", "Close out"),
    "cmd.compliance.help": (
        "委託契約の画面で選択中の契約について開く",
        "for the contract highlighted in the contracts area",
    ),
    "cmd.incidents.help": (
        "事故・事故のおそれの報告、経過、完了",
        "report incidents, record their progress, close them",
    ),
    "contracts.special_terms": ("特記事項", "Special terms"),
    "contracts.clauses": ("第{clauses}項", "clauses {clauses}"),
    "contracts.state": ("状態", "State"),
    "contracts.state.closed": ("完了（{on}）", "closed ({on})"),
    "contracts.state.ended": ("期間終了・未完了", "ended, not closed"),
    "contracts.state.not_started": ("開始前", "not started"),
    "contracts.state.running": ("実施中", "running"),
}
