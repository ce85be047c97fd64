"""Loans and handover slips: refusals, state and direction names."""

TEXTS: dict[str, tuple[str, str]] = {
    # loans
    "error.loan.not_found": ("貸出 {ref} はありません。", "No loan {ref}."),
    "error.loan.illegal_transition": (
        "{medium} の貸出は「{current}」から「{target}」へ移せません。",
        "The loan of {medium} cannot move from '{current}' to '{target}'.",
    ),
    "error.loan.medium_busy": (
        "媒体 {control_number} は既に別の貸出（{contract}）に使われています（同時に二つの貸出はできません）。",
        "Medium {control_number} is already in another loan ({contract}); a medium cannot be lent twice at once.",
    ),
    "error.loan.medium_busy_concurrent": (
        "媒体 {control_number} は別の端末で同時に貸出手続きされました。一覧を開き直してください。",
        "Medium {control_number} was just taken for a loan at another desk. Reopen the list.",
    ),
    "error.loan.kind_not_allowed": (
        "この契約では媒体の種類「{kind}」は使えません。",
        "This contract does not allow media of kind '{kind}'.",
    ),
    "error.loan.medium_not_blank": (
        "媒体 {control_number} は「{state}」です。貸出に使えるのは空（確認済）の媒体だけです。",
        "Medium {control_number} is '{state}'; only a blank (verified empty) medium can be lent.",
    ),
    "error.loan.contract_ended": (
        "契約期間は {end} に終了しています。",
        "The contract period ended on {end}.",
    ),
    "error.loan.expected_return_range": (
        "返却予定日は {start} から {end} の間で指定してください。",
        "The expected return date must lie between {start} and {end}.",
    ),
    "error.loan.not_draft": (
        "{medium} の貸出は「{state}」のため取り消せません（下書きの貸出だけ取り消せます）。",
        "The loan of {medium} is '{state}' and cannot be withdrawn (only a draft loan can).",
    ),
    "error.loan.has_slips": (
        "{medium} の貸出には有効な受け渡し票があります。先に票を取り消してください。",
        "The loan of {medium} has live handover slips. Cancel them first.",
    ),
    "error.loan.load_needs_usb": (
        "暗号化データの格納はUSBメモリだけです（媒体 {control_number}）。",
        "Only a USB stick is loaded with encrypted data (medium {control_number}).",
    ),
    # slips: content rules
    "error.lending.operator_required": (
        "受け渡しはログインした職員だけが行えます。",
        "Only a logged-in operator can hand media over.",
    ),
    "error.lending.medium_not_ready": (
        (
            "媒体 {control_number} は「{state}」のため貸し出せません"
            "（USBメモリは空またはこの貸出用に格納済、CD-R・紙は空であること）。"
        ),
        (
            "Medium {control_number} is '{state}' and cannot go out (a USB stick must be blank "
            "or loaded for this loan; a CD-R or paper case must be blank)."
        ),
    ),
    "error.lending.load_unfinished": (
        "媒体 {control_number} への格納が終わっていないため貸し出せません。格納の終了を待ってください。格納していた端末が止まっている場合は ledger-tui load resolve --load {load} で解消し、消去（登録簿で w）してください。",
        "Medium {control_number} cannot go out: its load has not finished. Wait for it; if the desk running it stopped, resolve it with `ledger-tui load resolve --load {load}`, then wipe the stick (w in the register).",
    ),
    "error.lending.needs_wipe": (
        (
            "媒体 {control_number} は消去待ちのため貸し出せません。先に消去してください"
            "（登録簿で w、または ledger-tui wipe --medium {control_number} --device 装置）。"
        ),
        (
            "Medium {control_number} is waiting for its wipe and cannot go out. Wipe it first "
            "(w in the register, or `ledger-tui wipe --medium {control_number} --device PATH`)."
        ),
    ),
    "error.slip.not_found": ("受け渡し票 {ref} はありません。", "No handover slip {ref}."),
    "error.slip.illegal_transition": (
        "受け渡し票 {number} は「{current}」から「{target}」へ移せません。",
        "Handover slip {number} cannot move from '{current}' to '{target}'.",
    ),
    "error.slip.immutable": (
        "受け渡し票 {number} は「{state}」のため変更できません。訂正は取消票で行います。",
        (
            "Handover slip {number} is '{state}' and cannot be changed; correct it with a "
            "cancelling slip."
        ),
    ),
    "error.slip.method_not_allowed": (
        "この契約では受け渡し方法「{method}」は認められていません。",
        "This contract does not allow the transfer method '{method}'.",
    ),
    "error.slip.tracking_required": (
        "書留郵便には追跡番号（お問い合わせ番号）が必要です。",
        "Registered mail needs its tracking number.",
    ),
    "error.slip.seal_required": (
        "鍵付きケースには封印番号が必要です。",
        "A locked case needs its seal number.",
    ),
    "error.slip.item_not_in_contract": (
        "契約にない項目です: {items}",
        "Not among the contract's items: {items}",
    ),
    "error.slip.content_required": (
        "情報の内容（項目または記述）を入力してください。",
        "Name the information content (items or a description).",
    ),
    "error.slip.mismatch_explanation_required": (
        "返却件数 {back_count} 件が提供件数 {out_count} 件と違います。理由を記入してください。",
        (
            "The returned count {back_count} differs from the count handed out ({out_count}). "
            "Write the explanation."
        ),
    ),
    "error.slip.date_outside_contract": (
        "受け渡し日 {day} は契約期間（{start}〜{end}）外です。",
        "The hand-over date {day} is outside the contract period ({start} to {end}).",
    ),
    "error.slip.handler_not_designated": (
        "この取扱者は {day} 時点でこの契約の取扱責任者・取扱者として届け出られていません。",
        (
            "This person is not a designated responsible person or handler of this contract "
            "on {day}."
        ),
    ),
    "error.slip.loan_not_out": (
        "{medium} の貸出は「{state}」のため返却票を作れません（貸出中のみ）。",
        "The loan of {medium} is '{state}'; a back-slip needs a loan that is out.",
    ),
    "error.slip.loan_not_ready": (
        "{medium} の貸出は「{state}」のため提供票を作れません。",
        "The loan of {medium} is '{state}'; an out-slip cannot be drafted for it.",
    ),
    "error.slip.live_exists": (
        "{medium} の貸出には既に同じ向きの有効な受け渡し票 {number} があります。",
        "The loan of {medium} already has a live slip {number} in this direction.",
    ),
    "error.slip.live_exists_concurrent": (
        "{medium} の受け渡し票が別の端末で同時に作成されました。開き直してください。",
        "A slip for {medium} was just created at another desk. Reopen it.",
    ),
    "error.slip.back_before_out": (
        "返却日時が提供票 {number} の日時より前です。",
        "The return is dated before the out-slip {number}.",
    ),
    "error.slip.wrong_code": (
        "取扱者コードが一致しません（{attempts}/{limit} 回目）。",
        "The handler code does not match (attempt {attempts} of {limit}).",
    ),
    "error.slip.too_many_attempts": (
        "取扱者コードの誤りが{limit}回に達しました。この票を取り消して作り直してください。",
        "The handler code was wrong {limit} times. Cancel this slip and draft a new one.",
    ),
    "error.slip.reason_required": (
        "取消の理由を入力してください。",
        "Enter the reason for the cancellation.",
    ),
    "error.slip.cancelling_slip": (
        "取消票 {number} は取り消せません。",
        "Cancelling slip {number} cannot be cancelled.",
    ),
    "error.slip.cancel_back_first": (
        "先に返却票 {number} を取り消してください。",
        "Cancel the back-slip {number} first.",
    ),
    "error.slip.effect_superseded": (
        "媒体 {control_number} はこの票の後に変更されています（消去など）。取り消せません。",
        (
            "Medium {control_number} changed after this slip (a wipe, for example); the slip "
            "can no longer be cancelled."
        ),
    ),
    "error.slip.not_printed": (
        "受け渡し票 {number} はまだ印刷されていません。",
        "Handover slip {number} has not been printed yet.",
    ),
    "error.slip.draft_not_printable": (
        "受け渡し票 {number} は確認前のため印刷できません。",
        "Handover slip {number} is not confirmed yet and cannot be printed.",
    ),
    # names
    "loan_state.draft": ("準備中", "draft"),
    "loan_state.loaded": ("格納済", "loaded"),
    "loan_state.out": ("貸出中", "out"),
    "loan_state.back": ("返却済（消去待ち）", "back (wipe pending)"),
    "loan_state.closed": ("完了", "closed"),
    "slip_state.draft": ("下書き", "draft"),
    "slip_state.confirmed": ("確認済", "confirmed"),
    "slip_state.printed": ("印刷済", "printed"),
    "slip_state.stamped": ("押印済", "stamped"),
    "slip_state.cancelled": ("取消", "cancelled"),
    "slip_direction.out": ("提供", "out"),
    "slip_direction.back": ("返却", "back"),
}
