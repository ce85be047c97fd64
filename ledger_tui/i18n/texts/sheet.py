"""Texts of the confirmation record sheet (確認記録票) and the special terms (特記事項):
refusals, the printed form, the sheet screen and the `sheet` / `contract terms`
commands. Shared labels (measures, statuses, clauses) are in `texts.compliance`."""

TEXTS: dict[str, tuple[str, str]] = {
    # refusals
    "sheet.error.operator_required": (
        "確認の記録にはオペレーターとしてのログインが必要です",
        "Recording a check needs a logged-in operator",
    ),
    "sheet.error.item_not_found": ("確認項目 {ref} が見つかりません", "Sheet item {ref} not found"),
    "sheet.error.position_not_found": (
        "契約 {contract} の確認記録票に {position} 番の項目はありません",
        "The sheet of contract {contract} has no item number {position}",
    ),
    "sheet.error.withdrawn": (
        "{position} 番の項目は取り下げ済みです（履歴のみ残ります）",
        "Item {position} has been withdrawn (only its history remains)",
    ),
    "sheet.error.template": (
        "ひな形は servicer か law_firm を指定してください",
        "Choose the template servicer or law_firm",
    ),
    "sheet.error.already_started": (
        "契約「{contract}」の確認記録票は作成済みです。項目の追加・修正・取下げで編集してください",
        'Contract "{contract}" already has a sheet: add, reword or withdraw items instead',
    ),
    "sheet.error.status": (
        "状態は met / not_met / not_applicable のいずれかです",
        "The status is met, not_met or not_applicable",
    ),
    "sheet.error.note_required.not_met": (
        "「未」とする場合は、何が不足しているかを備考に記入してください",
        'A "not met" check needs a note saying what is missing',
    ),
    "sheet.error.note_required.not_applicable": (
        "「該当なし」とする場合は、その理由を備考に記入してください",
        'A "not applicable" check needs a note saying why',
    ),
    "sheet.error.no_sheet": (
        "契約「{contract}」の確認記録票はまだ作成されていません",
        'Contract "{contract}" has no sheet yet',
    ),
}

TEXTS.update(
    {
        # the printed sheet (確認記録票)
        "sheet.paper.title": ("個人情報取扱い確認記録票", "Confirmation Record Sheet"),
        "sheet.paper.field.section": ("担当課", "Section"),
        "sheet.paper.field.period": ("契約期間", "Contract period"),
        "sheet.paper.period": ("{start} ～ {end}", "{start} to {end}"),
        "sheet.paper.field.summary": ("確認状況", "Status"),
        "sheet.paper.summary": (
            "済 {met}件　未 {not_met}件　該当なし {not_applicable}件　未確認 {unchecked}件",
            "met {met} · not met {not_met} · n/a {not_applicable} · unchecked {unchecked}",
        ),
        "sheet.paper.field.open_items": ("未済項目", "Open items"),
        "sheet.paper.open_item": ("{position}. {label}（{note}）", "{position}. {label} ({note})"),
        "sheet.paper.no_open_items": ("なし", "None"),
        "sheet.paper.col.no": ("No.", "No."),
        "sheet.paper.col.measure": ("確認項目", "Measure"),
        "sheet.paper.col.status": ("状況", "Status"),
        "sheet.paper.col.checked_on": ("確認日", "Checked on"),
        "sheet.paper.col.checked_by": ("確認者", "Checked by"),
        "sheet.paper.col.note": ("備考", "Note"),
        "sheet.paper.stamp.checker": ("確認者印", "Checker"),
        "sheet.paper.stamp.approver": ("承認者印", "Approver"),
    }
)

TEXTS.update(
    {
        # the command line
        "cli.cmd.sheet": ("確認記録票（作成・確認・印刷）", "confirmation record sheet"),
        "cli.cmd.sheet_start": (
            "契約の確認記録票をひな形から作成する（管理者）",
            "give a contract its sheet from a template (admin)",
        ),
        "cli.cmd.sheet_show": ("確認記録票を表示する", "show a contract's sheet"),
        "cli.cmd.sheet_check": ("項目の確認結果を記録する", "record the check of an item"),
        "cli.cmd.sheet_item_add": ("項目を追加する（管理者）", "add an item (admin)"),
        "cli.cmd.sheet_item_reword": ("項目の文言を修正する（管理者）", "reword an item (admin)"),
        "cli.cmd.sheet_item_withdraw": (
            "項目を取り下げる（履歴は残ります。管理者）",
            "withdraw an item; its history stays (admin)",
        ),
        "cli.cmd.sheet_print": (
            "確認記録票を印刷する（--pdf でファイルに保存）",
            "print the sheet (--pdf saves a file instead)",
        ),
        "cli.cmd.contract_terms": (
            "特記事項（適用条項）を表示・設定する",
            "show or set the special-terms clauses",
        ),
        "cli.opt.sheet_position": ("確認記録票上の項目番号", "item number on the sheet"),
        "cli.opt.sheet_template": ("ひな形", "template"),
        "cli.opt.sheet_status": ("確認結果", "status found"),
        "cli.opt.sheet_on": ("確認日（省略時は今日）", "day checked (default today)"),
        "cli.opt.sheet_note": (
            "備考（未・該当なしでは必須）",
            "note (required for not_met and not_applicable)",
        ),
        "cli.opt.sheet_label": ("項目の文言", "wording of the item"),
        "cli.opt.sheet_reason": ("取下げの理由", "reason for withdrawing"),
        "cli.opt.terms_set": (
            "適用する条項（例 1-10,13,15-19）",
            "clauses that apply (e.g. 1-10,13,15-19)",
        ),
        "cli.sheet.row": ("{position}. [{status}] {label}", "{position}. [{status}] {label}"),
        "cli.sheet.started": (
            "確認記録票を作成しました：{contract}（{template}、{items}項目）",
            "Sheet started for {contract} ({template}, {items} items)",
        ),
        "cli.sheet.not_started": (
            "確認記録票は未作成です（sheet start {contract} --template ... で作成）",
            "No sheet yet (sheet start {contract} --template ... makes one)",
        ),
        "cli.sheet.withdrawn_row": (
            "（取下げ）{position}. {label}",
            "(withdrawn) {position}. {label}",
        ),
        "cli.sheet.checked": ("記録しました（{day}）：{line}", "Recorded ({day}): {line}"),
        "cli.sheet.item_added": ("追加しました：{line}", "Added: {line}"),
        "cli.sheet.item_reworded": ("修正しました：{line}", "Reworded: {line}"),
        "cli.sheet.item_withdrawn": (
            "取り下げました：{position}. {label}",
            "Withdrawn: {position}. {label}",
        ),
        "cli.sheet.saved": (
            "契約 {contract} の確認記録票を保存しました：{path}",
            "Sheet of contract {contract} saved: {path}",
        ),
        "cli.sheet.printed": (
            "契約 {contract} の確認記録票を印刷しました（{printer}、ジョブ {job}）",
            "Sheet of contract {contract} printed ({printer}, job {job})",
        ),
        "cli.sheet.terms": (
            "契約 {contract} の特記事項：{clauses}",
            "Special terms of contract {contract}: {clauses}",
        ),
        "cli.sheet.duties": ("管理する義務：{duties}", "Duties tracked: {duties}"),
    }
)

TEXTS.update(
    {
        # the sheet screen
        "sheet.ui.title": ("確認記録票", "Confirmation record sheet"),
        "sheet.ui.loading": ("読み込み中…", "Loading…"),
        "sheet.ui.header": (
            "{title}　委託先：{contractor}　担当課：{section}",
            "{title} · contractor: {contractor} · section: {section}",
        ),
        "sheet.ui.not_started": (
            "確認記録票はまだありません。Ctrl+N でひな形から作成します（管理者）",
            "No sheet yet. Ctrl+N starts one from a template (admin)",
        ),
        "sheet.ui.check_title": (
            "{position}. {label}\n→ {status} として記録",
            "{position}. {label}\n→ record as {status}",
        ),
        "sheet.ui.field.checked_on": ("確認日（YYYY-MM-DD）", "Checked on (YYYY-MM-DD)"),
        "sheet.ui.field.note": ("備考（未・該当なしは必須）", "Note (required unless met)"),
        "sheet.ui.start_title": ("確認記録票の作成", "Start the sheet"),
        "sheet.ui.field.template": ("ひな形", "Template"),
        "sheet.ui.add_title": ("項目の追加", "Add an item"),
        "sheet.ui.reword_title": ("{position} 番の文言の修正", "Reword item {position}"),
        "sheet.ui.field.label": ("文言", "Wording"),
        "sheet.ui.withdraw_title": (
            "{position}. {label} を取り下げます（履歴は残ります）",
            "Withdraw {position}. {label} (its history stays)",
        ),
        "sheet.ui.field.reason": ("理由", "Reason"),
        "sheet.ui.terms_title": ("特記事項：適用する条項", "Special terms: clauses that apply"),
        "sheet.ui.field.clauses": ("条項（Space で切替）", "Clauses (Space toggles)"),
        "sheet.ui.clause": ("第{number}項 {title}", "{number}. {title}"),
        "sheet.ui.pdf_title": ("確認記録票をPDFで保存", "Save the sheet as PDF"),
        "sheet.ui.field.path": ("保存先", "Save to"),
        "sheet.ui.history_title": ("履歴：{position}. {label}", "History: {position}. {label}"),
        "sheet.ui.history_line": (
            "  {day}　{status}　{by}　{note}",
            "  {day}  {status}  {by}  {note}",
        ),
        "sheet.ui.history_empty": ("  （未確認）", "  (never checked)"),
        "sheet.ui.checked": ("確認結果を記録しました", "Check recorded"),
        "sheet.ui.started": ("確認記録票を作成しました", "Sheet started"),
        "sheet.ui.item_added": ("項目を追加しました", "Item added"),
        "sheet.ui.item_reworded": ("文言を修正しました", "Item reworded"),
        "sheet.ui.item_withdrawn": ("項目を取り下げました", "Item withdrawn"),
        "sheet.ui.terms_set": ("特記事項を更新しました", "Special terms updated"),
        "sheet.ui.printing": ("印刷中…", "Printing…"),
        "sheet.ui.printed": (
            "印刷しました（{printer}、ジョブ {job}）",
            "Printed ({printer}, job {job})",
        ),
        "sheet.ui.pdf_saved": ("保存しました：{path}", "Saved: {path}"),
        "sheet.bind.met": ("済", "Met"),
        "sheet.bind.not_met": ("未", "Not met"),
        "sheet.bind.not_applicable": ("該当なし", "N/A"),
        "sheet.bind.history": ("履歴", "History"),
        "sheet.bind.start": ("作成", "Start"),
        "sheet.bind.add": ("追加", "Add"),
        "sheet.bind.reword": ("修正", "Reword"),
        "sheet.bind.withdraw": ("取下げ", "Withdraw"),
        "sheet.bind.terms": ("特記事項", "Terms"),
        "sheet.bind.print": ("印刷", "Print"),
        "sheet.bind.pdf": ("PDF保存", "Save PDF"),
    }
)
