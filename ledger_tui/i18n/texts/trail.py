"""Texts of the audit trail's protection: refusals on a broken trail, the administrator's
recovery, the desk witness and checkpoints."""

from __future__ import annotations

_RECOVER_JA = (
    "管理者が `ledger-tui audit recover --reason 理由` で復旧を記録するまで記録できません。"
)
_RECOVER_EN = (
    "Nothing can be recorded until an administrator records a recovery with "
    "`ledger-tui audit recover --reason TEXT`."
)

TEXTS: dict[str, tuple[str, str]] = {
    "error.trail.no_head": (
        "監査証跡の署名済みヘッドがありません（削除された可能性）。" + _RECOVER_JA,
        "The audit trail's signed head is missing (deleted?). " + _RECOVER_EN,
    ),
    "error.trail.signature": (
        "監査証跡ヘッドの署名がこの端末の鍵 {path} で検証できません（ヘッドの改ざん、"
        "または別の鍵）。" + _RECOVER_JA,
        "The audit head's signature does not verify under this desk's key {path} (the "
        "head was altered, or the key is another one). " + _RECOVER_EN,
    ),
    "error.trail.head_mismatch": (
        "監査証跡の末尾（{last}番）が署名済みヘッド（{head}番）と一致しません（削除・"
        "書き換え・追加）。" + _RECOVER_JA,
        "The trail's last entry ({last}) is not the one its signed head names ({head}): "
        "entries were deleted, rewritten or added outside the application. " + _RECOVER_EN,
    ),
    "error.trail.wrong_key": (
        "鍵ファイル {path} ではこの台帳の監査証跡ヘッドを検証できません。別の台帳・端末の"
        "鍵か、ヘッドが改ざんされています。正しい鍵ファイルをコピーするか、"
        "`ledger-tui audit verify` で確認してください。",
        "The key file {path} does not verify this ledger's signed audit head: it is "
        "another ledger's or desk's key, or the head was forged. Copy the right key file, "
        "or check with `ledger-tui audit verify`.",
    ),
    "error.trail.emptied": (
        "この台帳は新しくありません（鍵 {path} が既にあるか、データが残っています）が、"
        "監査証跡が空です。証跡が削除されたため開けません。バックアップから復元してください。",
        "This ledger is not new (its key {path} already exists, or its tables hold data) "
        "but its audit trail is empty: the trail was deleted. It is not started again; "
        "restore it from a backup.",
    ),
    "error.trail.broken": (
        "監査証跡が壊れています: {message} " + _RECOVER_JA,
        "The audit trail is broken: {message} " + _RECOVER_EN,
    ),
    "error.audit.key_damaged": (
        "監査鍵ファイル {path} が壊れています（長さが違います）。最初の端末またはバックアップ"
        "から鍵ファイルをコピーしてください。",
        "The audit key file {path} is damaged (wrong length). Copy it again from the first "
        "desk or from its backup.",
    ),
    "error.trail.nothing_to_recover": (
        "監査証跡は正常です。復旧の必要はありません。",
        "The audit trail is intact: there is nothing to recover.",
    ),
    "error.trail.reason_required": (
        "復旧の理由を入力してください。",
        "Give the reason for the recovery.",
    ),
    "trail.warning": (
        "警告: 監査証跡が壊れています: {message}",
        "Warning: the audit trail is broken: {message}",
    ),
    "trail.acknowledged": (
        "（{seq}番で管理者が復旧を記録済み）",
        "(an administrator recorded a recovery at entry {seq})",
    ),
    "error.trail.rolled_back": (
        "台帳が巻き戻されています: この端末は {seen_at} に {seen_seq} 番（{seen_hash}…）の"
        "署名を確認しましたが、台帳の署名済みヘッドは {head_seq} 番（{head_hash}…）です"
        "（古い複製の書き戻し、または末尾の削除）。立会記録 {path}。"
        "バックアップから戻した場合は管理者が `ledger-tui audit recover --reason 理由` で"
        "欠落を記録してください。",
        "The ledger was rolled back: this desk saw entry {seen_seq} ({seen_hash}…) signed "
        "at {seen_at}, but the ledger's signed head is entry {head_seq} ({head_hash}…) (an "
        "older copy put back, or its tail cut). Desk witness {path}. If a backup was "
        "restored on purpose, an administrator records the gap with "
        "`ledger-tui audit recover --reason TEXT`.",
    ),
    "error.trail.witness_other": (
        "台帳の {seen_seq} 番のハッシュ（{stored_hash}…）が、この端末が {seen_at} に確認した"
        "もの（{seen_hash}…）と違います。署名済みヘッドは {head_seq} 番（{head_hash}…）です"
        "（巻き戻し後の書き直し）。立会記録 {path}。",
        "Entry {seen_seq} of the ledger has hash {stored_hash}…, not the {seen_hash}… this "
        "desk saw signed at {seen_at}; the signed head is entry {head_seq} ({head_hash}…) "
        "(rolled back and written again). Desk witness {path}.",
    ),
    "error.trail.behind": (
        "台帳が巻き戻されています: この端末は {seen} 番まで署名を確認しましたが、台帳の"
        "署名済みヘッドは {head} 番です（古い複製の書き戻し、または末尾の削除）。" + _RECOVER_JA,
        "The ledger was rolled back: this desk saw entry {seen} signed, but the ledger's "
        "signed head is entry {head} (an older copy put back, or its tail cut). " + _RECOVER_EN,
    ),
    "error.trail.witness_damaged": (
        "この端末の立会記録 {path} が壊れているか改ざんされています。",
        "This desk's witness file {path} is damaged or was edited.",
    ),
    "trail.no_fault": ("異常なし", "no fault"),
    "cli.cmd.audit_recover": (
        "壊れた監査証跡の復旧を記録する（管理者）",
        "record the recovery of a broken audit trail (administrator)",
    ),
    "cli.opt.recover_reason": ("復旧の理由", "why the trail is recovered"),
    "cli.audit.recovered": (
        "監査証跡の復旧を {seq} 番に記録しました（旧ヘッド {old_head} 番、末尾 {last} 番、"
        "検証結果: {fault}）。",
        "Recovery recorded as entry {seq} (old head {old_head}, last entry {last}, "
        "verification: {fault}).",
    ),
    "error.auth.session_ended": (
        "{login} のアカウントは無効化またはロックされました。ログインし直してください。",
        "The account {login} was disabled or locked: log in again.",
    ),
    "error.field.control_characters": (
        "制御文字（エスケープ等）は入力できません。",
        "Control characters (escape and the like) cannot be entered.",
    ),
    # checkpoints
    "checkpoint.paper.title": ("監査証跡チェックポイント", "Audit trail checkpoint"),
    "checkpoint.paper.lead": (
        "この用紙は、下記の時点で監査証跡が下記の番号・ハッシュの記録を含んでいたことを示します。"
        "綴じて保管し、`ledger-tui audit verify --checkpoint` またはQRコードの読取りで、"
        "証跡が今もこの記録を含むことを確認できます。",
        "This page records that at the time below the audit trail held the entry with the "
        "number and hash below. File it; `ledger-tui audit verify --checkpoint` or scanning "
        "its QR code proves the trail still holds that entry.",
    ),
    "checkpoint.stamp.operator": ("作成者", "Made by"),
    "checkpoint.stamp.checker": ("確認者", "Checked by"),
    "checkpoint.field.ledger": ("台帳", "Ledger"),
    "checkpoint.field.seq": ("記録番号", "Entry number"),
    "checkpoint.field.hash": ("記録ハッシュ (SHA-256)", "Entry hash (SHA-256)"),
    "checkpoint.field.made_at": ("作成日時 (UTC)", "Made at (UTC)"),
    "checkpoint.field.made_by": ("作成者", "Made by"),
    "checkpoint.field.signature": ("署名 (HMAC-SHA-256)", "Signature (HMAC-SHA-256)"),
    "checkpoint.error.exists": (
        "{path} は既にあります。別のファイル名を指定してください。",
        "{path} already exists: give another file name.",
    ),
    "checkpoint.error.missing": (
        "チェックポイント {path} がありません。",
        "No checkpoint file {path}.",
    ),
    "checkpoint.error.unreadable": (
        "{path} はチェックポイントファイルとして読めません。",
        "{path} cannot be read as a checkpoint file.",
    ),
    "checkpoint.ok": (
        "チェックポイント（{seq}番、{made_at}、{hash}…）は監査証跡に含まれています。",
        "The checkpoint (entry {seq}, {made_at}, {hash}…) is in the audit trail.",
    ),
    "checkpoint.bad.ledger": (
        "チェックポイントは別の台帳のものです。",
        "The checkpoint is another ledger's.",
    ),
    "checkpoint.bad.signature": (
        "チェックポイントの署名が無効です（作り替えられたか、鍵が違います）。",
        "The checkpoint's signature is invalid (made up or altered, or another key).",
    ),
    "checkpoint.bad.missing": (
        "監査証跡にチェックポイントの {seq} 番がありません（{made_at} 以降に巻き戻し・切り詰め）。",
        "The audit trail has no entry {seq} of the checkpoint (rolled back or cut since {made_at}).",
    ),
    "checkpoint.bad.hash": (
        "監査証跡の {seq} 番のハッシュ（{stored}…）がチェックポイント（{hash}…）と違います"
        "（{made_at} 以降に書き換え）。",
        "Audit entry {seq} has hash {stored}…, not the checkpoint's {hash}… (rewritten "
        "since {made_at}).",
    ),
    "cli.cmd.audit_checkpoint": (
        "監査証跡のチェックポイントを作成・印刷する",
        "make and print a signed checkpoint of the audit trail",
    ),
    "cli.opt.checkpoint_file": ("チェックポイントファイル", "the checkpoint file"),
    "cli.checkpoint.done": (
        "チェックポイント {path} を作成しました（{seq}番、{hash}…）。{where} に出力しました。",
        "Checkpoint {path} written (entry {seq}, {hash}…), printed to {where}.",
    ),
}
