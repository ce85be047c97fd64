"""Texts of the command line's lending commands: lend, return, slip, slips, loans, ward.

Keys start with `cli.` like the rest of the command line's texts (texts/cli.py); the
field labels of a slip use `cli.slip_field.` so they never clash with the register's.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- help: commands ---------------------------------------------------------------
    "cli.cmd.lend": (
        (
            "媒体を貸し出す（貸出を作成し、提供の受け渡し票を作る。--confirm-code で窓口確認、"
            "--print / --pdf で印刷）"
        ),
        (
            "lend a medium (opens the loan, drafts the out-slip; --confirm-code confirms it at "
            "the counter, --print / --pdf prints it)"
        ),
    ),
    "cli.cmd.return": (
        (
            "媒体の返却を受ける（返却の受け渡し票を作る。--confirm-code で窓口確認、"
            "--print / --pdf で印刷）"
        ),
        (
            "take a medium back (drafts the back-slip; --confirm-code confirms it at the "
            "counter, --print / --pdf prints it)"
        ),
    ),
    "cli.cmd.slip": ("受け渡し票", "handover slips"),
    "cli.cmd.slip_show": ("受け渡し票の詳細", "show one handover slip"),
    "cli.cmd.slip_confirm": (
        "窓口で委託先の取扱者コードにより受け渡し票を確認する",
        "confirm a slip at the counter with the contractor's handler code",
    ),
    "cli.cmd.slip_print": (
        "受け渡し票を印刷する（--pdf でファイルに書き出す）",
        "print a handover slip (--pdf writes the file instead)",
    ),
    "cli.cmd.slip_stamp": (
        "双方が押印した受け渡し票を押印済にする（以後変更不可）",
        "mark a slip stamped by both sides (it never changes afterwards)",
    ),
    "cli.cmd.slip_cancel": ("受け渡し票を取消票で取り消す", "cancel a slip by a cancelling slip"),
    "cli.cmd.slips": ("受け渡し票の台帳", "the slip ledger"),
    "cli.cmd.slips_list": ("受け渡し票の一覧（新しい順）", "list handover slips (newest first)"),
    "cli.cmd.loans": ("貸出", "loans"),
    "cli.cmd.loans_list": (
        "返却・消去が済んでいない貸出の一覧（延滞の長い順）",
        "list open loans (longest overdue first)",
    ),
    "cli.cmd.ward": ("発行者（区）", "issuing ward"),
    "cli.cmd.ward_set": (
        "帳票に印刷する区の名称を設定する（管理者）",
        "set the ward's name printed on forms (admin)",
    ),
    # --- help: options ----------------------------------------------------------------
    "cli.opt.expected_return": (
        "返却予定日（既定: 契約の終了日）",
        "expected return date (default: contract end)",
    ),
    "cli.opt.explain": (
        "返却件数が提供件数と違う理由",
        "why the returned count differs from the count handed out",
    ),
    "cli.opt.handler": (
        "委託先の取扱責任者・取扱者の番号（contract show に表示）",
        "number of the contractor's designated handler (see contract show)",
    ),
    "cli.opt.record_count": ("件数", "record count"),
    "cli.opt.method": ("受け渡し方法", "transfer method"),
    "cli.opt.detail": (
        "書留郵便の追跡番号、鍵付きケースの封印番号、メールのファイル名",
        "tracking number (registered mail), seal number (locked case) or file name (e-mail)",
    ),
    "cli.opt.items_out": (
        "提供する項目（契約の提供項目から。カンマ区切り）",
        "items handed out (from the contract's provided items; comma list)",
    ),
    "cli.opt.items_back": (
        "返却される項目（契約の収集項目から。カンマ区切り）",
        "items coming back (from the contract's collected items; comma list)",
    ),
    "cli.opt.free_text": ("情報の内容（記述）", "information content (free text)"),
    "cli.opt.counter_code": (
        "窓口で委託先の取扱者が入力するコード（入力があれば確認まで行う）",
        "the code the contractor's handler types at the counter (confirms the slip)",
    ),
    "cli.opt.confirm_code": ("委託先の取扱者コード", "the contractor's handler code"),
    "cli.opt.print": (
        "確認後に印刷する（プリンタ: --printer、LEDGER_TUI_PRINTER、CUPS の既定）",
        "print after confirming (printer: --printer, LEDGER_TUI_PRINTER, the CUPS default)",
    ),
    "cli.opt.pdf": (
        "印刷せずに PDF をこのファイルに書き出す（権限0600）",
        "write the PDF to this file instead of printing (mode 0600)",
    ),
    "cli.opt.printer": ("プリンタ名（CUPS）", "printer name (CUPS)"),
    "cli.opt.copies": (
        "部数（既定: 2 = 区控・委託先控、環境変数 LEDGER_TUI_SLIP_COPIES）",
        "copies (default: 2 = ward and contractor copy, or LEDGER_TUI_SLIP_COPIES)",
    ),
    "cli.opt.reason": ("取消の理由", "reason for the cancellation"),
    "cli.opt.slip_number": (
        "票番号（例: SLIP-R7-0042、r7-42）",
        "slip number (e.g. SLIP-R7-0042, r7-42)",
    ),
    "cli.opt.handler_filter": (
        "取扱者番号（contract show に表示）",
        "handler number (see contract show)",
    ),
    "cli.opt.date_from": ("この日から（受け渡し日）", "handed over on or after this day"),
    "cli.opt.date_to": ("この日まで（受け渡し日）", "handed over on or before this day"),
    "cli.opt.overdue": ("返却予定日を過ぎたものだけ", "only loans past their expected return"),
    "cli.opt.ward_name": ("区の名称（例: 新宿区）", "the ward's name"),
    # --- results ----------------------------------------------------------------------
    "cli.loan.created": (
        "貸出 {loan} を作成しました（媒体 {control_number}、委託契約 {contract}、返却予定日 {due}）。",
        "Loan {loan} opened (medium {control_number}, contract {contract}, due {due}).",
    ),
    "cli.loan.withdrawn": (
        "作成した貸出 {loan} は取り下げました。",
        "The loan {loan} just opened was withdrawn.",
    ),
    "cli.slip.drafted": (
        (
            "受け渡し票 {number}（{direction}）を作成しました。窓口での確認を待っています"
            "（ledger-tui slip confirm {number} --code CODE）。"
        ),
        (
            "Handover slip {number} ({direction}) drafted; it awaits the counter confirmation "
            "(ledger-tui slip confirm {number} --code CODE)."
        ),
    ),
    "cli.slip.confirmed": (
        "受け渡し票 {number} を確認しました。媒体 {control_number} は「{state}」になりました。",
        "Handover slip {number} confirmed; medium {control_number} is now '{state}'.",
    ),
    "cli.slip.printed": (
        "受け渡し票 {number} を {printer} で印刷しました（ジョブ {job}、{copy}回目）。{answer}",
        "Handover slip {number} printed on {printer} (job {job}, copy {copy}). {answer}",
    ),
    "cli.slip.reprinted": (
        "受け渡し票 {number}（{state}）を {printer} で再印刷しました（ジョブ {job}）。{answer}",
        "Handover slip {number} ({state}) reprinted on {printer} (job {job}). {answer}",
    ),
    "cli.slip.printer_status": ("プリンタの状態: {status}", "Printer: {status}"),
    "cli.slip.saved": (
        "受け渡し票 {number} の PDF を {path} に書き出しました。",
        "Wrote the PDF of handover slip {number} to {path}.",
    ),
    "cli.slip.stamp_hint": (
        "双方の押印後に ledger-tui slip stamp {number} を実行してください。",
        "Once both sides have stamped it, run ledger-tui slip stamp {number}.",
    ),
    "cli.slip.stamped": (
        "受け渡し票 {number} を押印済にしました。以後は変更できません。",
        "Handover slip {number} marked stamped; it can no longer change.",
    ),
    "cli.slip.cancelled": (
        (
            "受け渡し票 {number} を取り消しました。取消票 {cancelling} を印刷し、押印してください"
            "（ledger-tui slip print {cancelling}）。"
        ),
        (
            "Handover slip {number} cancelled. Print and stamp the cancelling slip {cancelling} "
            "(ledger-tui slip print {cancelling})."
        ),
    ),
    "cli.ward.set": (
        "帳票に印刷する区の名称を「{name}」にしました。",
        "Forms will name the ward as '{name}'.",
    ),
    # --- slip fields (slip show) and list columns -----------------------------------------
    "cli.slip_field.number": ("票番号", "Slip no."),
    "cli.slip_field.direction": ("区分", "Direction"),
    "cli.slip_field.state": ("状態", "State"),
    "cli.slip_field.handed_at": ("受け渡し日時", "Handed over"),
    "cli.slip_field.contract": ("委託契約", "Contract"),
    "cli.slip_field.contractor": ("委託先", "Contractor"),
    "cli.slip_field.ward_handler": ("区 担当者", "Ward handler"),
    "cli.slip_field.handler": ("委託先 取扱者", "Contractor handler"),
    "cli.slip_field.medium": ("媒体", "Medium"),
    "cli.slip_field.content": ("情報の内容", "Content"),
    "cli.slip_field.count": ("件数", "Records"),
    "cli.slip_field.method": ("受け渡し方法", "Transfer"),
    "cli.slip_field.expected_return": ("返却予定日", "Expected return"),
    "cli.slip_field.out_slip": ("提供時の票", "Out-slip"),
    "cli.slip_field.mismatch": ("件数の差異", "Count difference"),
    "cli.slip_field.notes": ("備考", "Notes"),
    "cli.slip_field.confirmed_at": ("窓口確認", "Confirmed"),
    "cli.slip_field.printed": ("印刷", "Printed"),
    "cli.slip_field.stamped_at": ("押印", "Stamped"),
    "cli.slip_field.cancelled": ("取消", "Cancelled"),
    "cli.slip_field.cancels": ("取消対象", "Cancels"),
    "cli.slip_field.entry_hash": ("監査記録ハッシュ", "Audit entry hash"),
    "cli.slip_field.loan": ("貸出", "Loan"),
    "cli.slip_field.due": ("返却予定日", "Due"),
    "cli.slip_field.overdue": ("延滞日数", "Days overdue"),
    "cli.slip.value.medium": (
        "{control_number}（{kind}、シリアル {serial}）",
        "{control_number} ({kind}, serial {serial})",
    ),
    "cli.slip.value.handler": ("{name}（{role}）", "{name} ({role})"),
    "cli.slip.value.contract": ("{id} {title}（{section}）", "{id} {title} ({section})"),
    "cli.slip.value.out_slip": ("{number}（{count}件）", "{number} ({count} records)"),
    "cli.slip.value.mismatch": (
        "{difference:+d}件: {explanation}",
        "{difference:+d}: {explanation}",
    ),
    "cli.slip.value.printed": (
        "{moment} {printer} ジョブ {job}（{count}回）",
        "{moment} {printer} job {job} ({count}x)",
    ),
    "cli.slip.value.cancelled": (
        "{moment} 取消票 {number}: {reason}",
        "{moment} by slip {number}: {reason}",
    ),
    "cli.slip.value.count": ("{count}件", "{count}"),
    "cli.slip.flag.mismatch": ("差異あり", "differs"),
    # --- refusals ---------------------------------------------------------------------
    "cli.error.handler_number": (
        "委託契約 {contract} に取扱者番号 {handler} の取扱責任者・取扱者はいません（contract show {contract} で確認）。",
        "Contract {contract} has no designated handler no. {handler} (see contract show {contract}).",
    ),
    "cli.error.handler_number_any": (
        "取扱者番号 {handler} の取扱責任者・取扱者はいません。",
        "There is no designated handler no. {handler}.",
    ),
    "cli.error.no_open_loan": (
        "媒体 {control_number} は貸し出されていません（開いている貸出がありません）。",
        "Medium {control_number} has no open loan.",
    ),
    "cli.error.loan_other_contract": (
        "媒体 {control_number} は委託契約 {contract} の貸出 {loan} に使われています。",
        "Medium {control_number} is in loan {loan} of contract {contract}.",
    ),
    "cli.error.loan_due_differs": (
        (
            "媒体 {control_number} の貸出 {loan} は既にあり、返却予定日は {due} です"
            "（--expected-return は新しい貸出にだけ指定できます）。"
        ),
        (
            "Loan {loan} of medium {control_number} already exists, due {due} "
            "(--expected-return applies to a new loan only)."
        ),
    ),
    "cli.error.print_needs_confirm": (
        "印刷（--print / --pdf）には窓口での確認（--confirm-code）が必要です。",
        "Printing (--print / --pdf) needs the counter confirmation (--confirm-code).",
    ),
}
