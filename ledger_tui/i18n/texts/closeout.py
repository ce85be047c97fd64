"""Texts of contract close-out, the dashboard's obligations and the compliance exports
and reports: blockers, obligations, the close-out screen and commands, the 契約完了報告
and the fiscal-year compliance report."""

TEXTS: dict[str, tuple[str, str]] = {
    # refusals
    "closeout.error.blocked": (
        "契約を完了できません（未了事項 {count} 件）。最初の事項: {first}",
        "The contract cannot be closed ({count} open matters). First: {first}",
    ),
    "closeout.error.already_closed": (
        "委託契約「{title}」は既に完了しています。",
        "Contract '{title}' is already closed.",
    ),
    "closeout.error.confirm_mismatch": (
        "入力が契約番号・件名と一致しません。",
        "That is neither the contract's id nor its title.",
    ),
    "closeout.error.fiscal_year": (
        "年度は 2025 又は R7 の形で指定してください。",
        "Give the fiscal year as 2025 or R7.",
    ),
    "closeout.error.format": ("形式は csv 又は pdf です。", "The format is csv or pdf."),
    # blockers
    "closeout.blocker.media_out": (
        "媒体 {control_number} が委託先に貸出中です（返却予定 {expected_return}）",
        "Medium {control_number} is still with the contractor (due back {expected_return})",
    ),
    "closeout.blocker.loan_not_out": (
        "{medium} の貸出が「{state}」のままです（取消又は消去が必要）",
        "The loan of {medium} is still '{state}' (withdraw it or wipe the stick)",
    ),
    "closeout.blocker.not_wiped": (
        "返却された {control_number} が消去されていません（{state}）",
        "Returned {control_number} has not been wiped ({state})",
    ),
    "closeout.blocker.not_disposed": (
        "返却された {control_number} が廃棄・原課返却されていません（{state}）",
        "Returned {control_number} has not been destroyed or returned to file ({state})",
    ),
    "closeout.blocker.contractor_erasure_missing": (
        "委託先（{contractor}）のPC・タブレット消去証明書が未提出です（特記事項11・12）",
        "The contractor's ({contractor}) PC/tablet erasure certificate is missing "
        "(special terms 11, 12)",
    ),
    "closeout.blocker.handler_designation_missing": (
        "取扱責任者の指定・報告がありません（特記事項13）",
        "No responsible handler designated and reported (special term 13)",
    ),
    "closeout.blocker.audit_missing": (
        "{prefix}年度（{year}年度）の監査・立入り調査が実施されていません（特記事項15〜17）",
        "No audit done in fiscal year {prefix} ({year}) (special terms 15-17)",
    ),
    "closeout.blocker.sheet_unmet": (
        "確認記録票 {position}. {label} が未達成です（{since} 確認）",
        "Sheet item {position}. {label} is not met (checked {since})",
    ),
    "closeout.blocker.sheet_missing": (
        "確認記録票が作成されていません（委託先の履行状況が確認されていません）",
        "No confirmation record sheet: the contractor's measures were never checked",
    ),
    "closeout.blocker.sheet_unchecked": (
        "確認記録票 {position}. {label} が未確認です",
        "Sheet item {position}. {label} was never checked",
    ),
    "closeout.blocker.incident_open": (
        "事故報告 {number}（{incident_kind}）が未終結です",
        "Incident {number} ({incident_kind}) is still open",
    ),
    "closeout.blocker.slip_unstamped": (
        "受け渡し票 {number} が押印されていません（{state}）",
        "Handover slip {number} is not stamped ({state})",
    ),
    # obligations (one line each on the dashboard)
    "obligation.incident_open.late": (
        "事故 {number}（{incident_kind}）{title}: 第一報が遅延・未受領",
        "Incident {number} ({incident_kind}) {title}: first notification late or missing",
    ),
    "obligation.incident_open.no_report": (
        "事故 {number}（{incident_kind}）{title}: 書面報告が未提出",
        "Incident {number} ({incident_kind}) {title}: written report missing",
    ),
    "obligation.incident_open.open": (
        "事故 {number}（{incident_kind}）{title}: 未終結",
        "Incident {number} ({incident_kind}) {title}: open",
    ),
    "obligation.return_overdue": (
        "{control_number} 返却遅延 {days} 日（予定 {due}）{contractor}",
        "{control_number} {days} days overdue (due {due}) {contractor}",
    ),
    "obligation.audit_due": (
        "{title}: {prefix}年度の監査 未実施（期限 {due} まで残り {days} 日、予定 {planned}）",
        "{title}: {prefix} audit not done ({days} days left to {due}, planned {planned})",
    ),
    "obligation.audit_due.missed": (
        "{title}: {prefix}年度の監査 未実施のまま期限切れ（{due}、{days} 日経過）",
        "{title}: {prefix} audit never done (year ended {due}, {days} days ago)",
    ),
    "obligation.contract_ending": (
        "{title}: 契約終了まで {days} 日（{due}）、貸出中 {count} 件 {media}",
        "{title}: ends in {days} days ({due}) with {count} media out {media}",
    ),
    "obligation.slip_unstamped.print": (
        "受け渡し票 {number}（{control_number}）印刷待ち",
        "Slip {number} ({control_number}) to print",
    ),
    "obligation.slip_unstamped.stamp": (
        "受け渡し票 {number}（{control_number}）押印待ち",
        "Slip {number} ({control_number}) to stamp",
    ),
    "obligation.sheet_unmet": (
        "{title}: 確認記録票の未達成 {count} 件（{since} から）",
        "{title}: {count} sheet items not met (since {since})",
    ),
    "obligation.inspection_stale": (
        "点検期限切れ: 前回 {last}（{number}）から {days} 日超過",
        "Inspection overdue: last {last} ({number}), {days} days past due",
    ),
    "obligation.inspection_stale.never": (
        "媒体の点検が一度も行われていません",
        "The media have never been inspected",
    ),
    "obligation.contract_not_closed": (
        "{title}: 契約終了（{due}）後 {days} 日、完了処理が未了",
        "{title}: ended {due} ({days} days ago), not closed",
    ),
    "obligation.sheet_missing": (
        "{title}: 確認記録票が未作成（契約開始 {due}）",
        "{title}: no confirmation record sheet yet (contract began {due})",
    ),
    "obligation.handler_missing": (
        "{title}: 取扱責任者の指定・報告がありません（第13項）",
        "{title}: no responsible person designated and reported (clause 13)",
    ),
    "obligation.training_unconfirmed": (
        "{title}: 従事者への教育が確認記録票で未確認（第18項）",
        "{title}: staff training not confirmed on the sheet (clause 18)",
    ),
    "obligation.none": ("期限のある未了事項はありません", "Nothing owed by a date"),
    "obligation.days_overdue": ("{days}日超過", "{days}d over"),
    "obligation.days_left": ("残り{days}日", "{days}d left"),
    # the dashboard panel and the close-out screen
    "dash.obligations": (
        "期限のある未了事項（Enterで対応画面へ）",
        "Obligations (Enter opens the screen that resolves one)",
    ),
    "closeout.title": ("契約の完了 — {title}", "Close-out — {title}"),
    "closeout.screen.blockers": (
        "完了できません: 未了事項 {count} 件（Enterで対応画面へ）",
        "Cannot close: {count} open matters (Enter opens its screen)",
    ),
    "closeout.screen.ready": (
        "未了事項はありません。確認のため契約番号（{id}）又は件名を入力し Enter で完了します。",
        "Nothing blocks. Type the contract id ({id}) or its title and press Enter to close.",
    ),
    "closeout.screen.closed": (
        "{moment} に {who} が完了しました。P 印刷 / S PDF保存",
        "Closed {moment} by {who}. P print / S save PDF",
    ),
    "closeout.screen.done": (
        "委託契約「{title}」を完了しました。",
        "Contract '{title}' closed.",
    ),
    "closeout.screen.printed": (
        "契約完了報告を印刷しました（{printer}）。",
        "Close-out summary printed ({printer}).",
    ),
    "closeout.screen.saved": (
        "契約完了報告を保存しました: {path}",
        "Close-out summary saved: {path}",
    ),
    "closeout.screen.pending": (
        "この画面はまだ利用できません: {screen}",
        "That screen is not available yet: {screen}",
    ),
    "closeout.screen.confirm": ("契約番号又は件名", "Contract id or title"),
    "closeout.screen.pdf_path": ("保存先（PDF）", "Save to (PDF)"),
    "cmd.closeout_print": ("印刷", "Print"),
    "cmd.closeout_save": ("PDF保存", "Save PDF"),
    "cmd.closeout_back": ("戻る", "Back"),
    # command line
    "cli.cmd.contract_blockers": (
        "契約完了を妨げる未了事項を表示",
        "List what blocks closing a contract",
    ),
    "cli.cmd.contract_close": ("委託契約を完了する（管理者）", "Close a contract (admin)"),
    "cli.cmd.obligations": (
        "期限のある未了事項を緊急度順に表示",
        "List obligations with a due date, most urgent first",
    ),
    "cli.cmd.report": ("監督報告の出力（CSV / PDF）", "Compliance reports (CSV / PDF)"),
    "cli.cmd.report_contract": ("契約別報告", "Report of one contract"),
    "cli.cmd.report_year": ("年度別報告（全契約）", "Report of a fiscal year (every contract)"),
    "cli.opt.fiscal_year": ("年度（2025 又は R7）", "fiscal year (2025 or R7)"),
    "cli.opt.report_format": ("出力形式", "output format"),
    "cli.opt.closeout_print": (
        "完了後に契約完了報告を印刷する",
        "print the close-out summary after closing",
    ),
    "cli.closeout.none": (
        "委託契約 {id} を妨げる未了事項はありません。",
        "Nothing blocks closing contract {id}.",
    ),
    "cli.closeout.refused": (
        "委託契約 {id} は完了できません。未了事項 {count} 件:",
        "Contract {id} cannot be closed. {count} open matters:",
    ),
    "cli.closeout.closed": (
        "委託契約 {id}「{title}」を完了しました（証跡 {seq}）。",
        "Contract {id} '{title}' closed (trail entry {seq}).",
    ),
    "cli.report.written": ("{path} に出力しました（{rows} 行）。", "Wrote {path} ({rows} rows)."),
    # the close-out summary paper (契約完了報告)
    "closeout.paper.title": ("契約完了報告", "Contract close-out summary"),
    "closeout.paper.lead": (
        "下記の委託契約について、貸与媒体の返却・消去、受け渡し票、監査及び事故の状況を確認し、完了したことを報告します。",
        "The contract below was closed after the return and erasure of every medium, the "
        "handover slips, audits and incidents were checked.",
    ),
    "closeout.paper.not_closed": ("（未完了）", "(not closed)"),
    "closeout.paper.status_title": ("契約状況報告", "Contract status report"),
    "closeout.paper.status_lead": (
        "下記の委託契約（実施中）について、貸与媒体の返却・消去、受け渡し票、監査及び事故の現在の状況を報告します。",
        "The state of the contract below, still running: return and erasure of the media, "
        "handover slips, audits and incidents as of today.",
    ),
    "closeout.period": ("{start} ～ {end}", "{start} to {end}"),
    "closeout.clauses": ("第{clauses}項", "Clauses {clauses}"),
    "closeout.section.handlers": (
        "取扱責任者・取扱者（特記事項第13項）",
        "Designated responsible person and handlers (clause 13)",
    ),
    "closeout.section.sheet": ("確認記録票の確認結果", "Confirmation record sheet results"),
    "closeout.col.handler_name": ("氏名", "Name"),
    "closeout.col.handler_role": ("区分", "Role"),
    "closeout.col.handler_period": ("指定期間", "Period"),
    "closeout.col.handler_reported": ("報告日", "Reported"),
    "closeout.handler_period": ("{start} ～ {end}", "{start} to {end}"),
    "closeout.field.contract": ("件名", "Contract"),
    "closeout.field.section": ("担当課", "Section"),
    "closeout.field.contractor": ("委託先", "Contractor"),
    "closeout.field.period": ("契約期間", "Period"),
    "closeout.field.special_terms": ("特記事項", "Special terms"),
    "closeout.field.totals": ("集計", "Totals"),
    "closeout.field.closed": ("完了日時・処理者", "Closed at / by"),
    "closeout.totals": (
        "貸出 {loans} 件 / 受け渡し票 {slips} 枚 / 提供 {out} 件・返却 {back} 件 / 件数不一致 {mismatch} 件",
        "{loans} loans / {slips} slips / {out} records out, {back} back / {mismatch} mismatches",
    ),
    "closeout.section.loans": ("貸出と受け渡し票", "Loans and handover slips"),
    "closeout.section.erasures": (
        "消去証明書・委託先の消去",
        "Certificates and contractor erasures",
    ),
    "closeout.section.audits": ("監査・立入り調査", "Audits"),
    "closeout.section.incidents": ("事故報告", "Incidents"),
    "closeout.col.medium": ("管理番号", "Control no."),
    "closeout.col.kind": ("種類", "Kind"),
    "closeout.col.out_slip": ("提供票", "Out slip"),
    "closeout.col.back_slip": ("返却票", "Back slip"),
    "closeout.col.out_count": ("提供件数", "Out"),
    "closeout.col.back_count": ("返却件数", "Back"),
    "closeout.col.mismatch": ("不一致", "Mismatch"),
    "closeout.col.certificate": ("消去証明書", "Certificate"),
    "closeout.col.state": ("状態", "State"),
    "closeout.col.number": ("番号", "Number"),
    "closeout.col.date": ("日付", "Date"),
    "closeout.col.detail": ("内容", "Detail"),
    "closeout.col.fiscal_year": ("年度", "FY"),
    "closeout.col.planned": ("予定日", "Planned"),
    "closeout.col.done": ("実施日", "Done"),
    "closeout.col.auditor": ("実施者", "Auditor"),
    "closeout.row.certificate": ("区の消去証明書", "Ward certificate"),
    "closeout.row.contractor_erasure": ("委託先の消去証明書", "Contractor certificate"),
    "closeout.row.contractor_erasure_detail": (
        "委託先の消去証明書 {devices}（立会 {witness}）",
        "Contractor certificate {devices} (witness {witness})",
    ),
    "closeout.none": ("なし", "none"),
    "closeout.mark": ("有", "yes"),
    "closeout.stamp.operator": ("担当者印", "Officer"),
    "closeout.stamp.checker": ("確認者印", "Checker"),
    "closeout.stamp.head": ("課長印", "Head"),
    # the fiscal-year compliance report
    # a count and, in brackets, the part of it still open (slips unstamped, incidents open)
    "compliance.count_of": ("{count}（{of}）", "{count} ({of})"),
    "compliance.paper.title": (
        "個人情報取扱委託 監督状況報告（{year}）",
        "Oversight of personal-data contracts ({year})",
    ),
    "compliance.paper.lead": (
        "{year}中に実施された委託契約ごとの貸出、受け渡し票、監査、確認記録票及び事故の状況は次のとおりです。",
        "Loans, handover slips, audits, confirmation sheets and incidents of every contract "
        "that ran in {year}.",
    ),
    "compliance.col.contract": ("件名 / 委託先", "Contract / contractor"),
    "compliance.col.period": ("期間", "Period"),
    "compliance.col.loans": ("貸出", "Loans"),
    "compliance.col.slips": ("受渡票\n（未押印）", "Slips (unstamped)"),
    "compliance.col.records": ("提供/返却", "Out/back"),
    "compliance.col.audits": ("監査", "Audits"),
    "compliance.col.sheet": ("未達成", "Not met"),
    "compliance.col.incidents": ("事故\n（未終結）", "Incidents (open)"),
    "compliance.col.closed": ("完了", "Closed"),
    "compliance.audit_none": ("未実施", "none"),
}
