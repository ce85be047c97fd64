"""Texts of transfers without a medium (e-mail, registered mail), locked-case seals and
encrypted CD-Rs."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- what names a transfer without a medium -------------------------------------
    "transfer.channel.email": (
        "メール送付 No.{number}",
        "e-mail transfer no. {number}",
    ),
    "transfer.channel.registered_mail": (
        "書留郵便 No.{number}",
        "registered-mail transfer no. {number}",
    ),
    # --- the states of a transfer without a medium (its loan's state) -------------------
    "state.transfer.draft": ("送付準備中", "being prepared"),
    "state.transfer.loaded": ("ファイル作成済（未送付）", "file made, not sent"),
    "state.transfer.out": ("送付済", "sent"),
    "state.transfer.back": ("返送受領済", "reply received"),
    "state.transfer.closed": ("完了", "closed"),
    "transfer.no_medium": ("なし（媒体を使わない受け渡し）", "none (transfer without a medium)"),
    "transfer.no_return": ("なし（返却する媒体はありません）", "none (no medium to return)"),
    "transfer.password_separately": (
        "パスワードは別の経路（電話・別便）で通知",
        "password sent separately by another channel (phone, separate mail)",
    ),
    "transfer.file_line": (
        "{name}（{size} バイト、SHA-256 {sha256}）",
        "{name} ({size} bytes, SHA-256 {sha256})",
    ),
    "slip.transfer.recipient": ("送信先 {value}", "to {value}"),
    "slip.field.files": ("送付ファイル", "Files sent"),
    # --- refusals ------------------------------------------------------------------------
    "error.loan.no_medium": (
        "{medium} は媒体を使わない受け渡しです。媒体の操作はできません。",
        "{medium} is a transfer without a medium; there is no medium to act on.",
    ),
    "error.loan.channel_needs_medium": (
        "受け渡し方法「{method}」は媒体と一緒に行います。媒体を使わない受け渡しはメールか書留郵便です。",
        (
            "The transfer method '{method}' goes with a medium; a transfer without a medium "
            "goes by e-mail or registered mail."
        ),
    ),
    "error.slip.recipient_required": (
        "メールには送信先のアドレスが必要です。",
        "An e-mail needs the recipient's address.",
    ),
    "error.slip.recipient_format": (
        "送信先のアドレスの形式が正しくありません（例: houmu@example.jp）。",
        "The recipient's address is not an e-mail address (e.g. houmu@example.jp).",
    ),
    "error.slip.email_carries_no_medium": (
        "メールで送るのはパスワード付きファイルで、媒体ではありません。媒体を使わない受け渡しとして作成してください。",
        (
            "An e-mail carries a password-protected file, not a medium: open a transfer "
            "without a medium instead."
        ),
    ),
    "error.slip.method_needs_medium": (
        "媒体を使わない受け渡しはメールか書留郵便で行います（「{method}」は媒体が必要です）。",
        (
            "A transfer without a medium goes by e-mail or registered mail ('{method}' needs "
            "a medium)."
        ),
    ),
    "error.slip.method_not_channel": (
        "この受け渡しは「{channel}」として作成されています（「{method}」ではありません）。",
        "This transfer was opened as '{channel}', not '{method}'.",
    ),
    "error.slip.seal_not_registered": (
        "封印番号 {given} は台帳の封印番号 {registered} と違います。台帳の封印で施錠してください。",
        (
            "Seal {given} differs from the register's seal {registered}; lock the case with "
            "the registered seal."
        ),
    ),
    "error.slip.seal_mismatch_explanation": (
        "返却されたケースの封印番号 {given} が台帳の {registered} と違います。理由を記入してください（破損・交換の場合は事故報告を検討）。",
        (
            "The case came back under seal {given}, not the register's {registered}. Write "
            "the explanation (consider an incident report if it was broken or replaced)."
        ),
    ),
    "error.slip.needs_counter": (
        "受け渡し票 {number} は窓口で委託先の担当者が確認します（送付の確認はメール・書留郵便のみ）。",
        (
            "Handover slip {number} is confirmed at the counter by the contractor's officer "
            "(confirming as sent is for e-mail and registered mail only)."
        ),
    ),
    "error.slip.email_file_missing": (
        "{medium} のパスワード付きファイルがまだ作成されていません。先にファイルを作成してください。",
        "The password-protected file of {medium} has not been made yet; make it first.",
    ),
    "intake.error.transfer_has_medium": (
        "{medium} は媒体のある貸出です。媒体の取込みは媒体から行ってください。",
        "{medium} is a loan with a medium; take its data in from the medium.",
    ),
    "intake.error.file_missing": (
        "返却されたファイル {file} が見つかりません。",
        "The returned file {file} was not found.",
    ),
    "load.error.not_email_transfer": (
        "{medium} はメール送付の受け渡しではありません。",
        "{medium} is not an e-mail transfer.",
    ),
    "load.folder.missing": (
        "送付用フォルダ {folder} がありません。",
        "The outbox folder {folder} does not exist.",
    ),
    "load.error.not_cdr": (
        "{control_number} はCD-Rではありません。",
        "{control_number} is not a CD-R.",
    ),
    "archive.detail.read_only_source": ("読み取り専用です", "read only"),
    # --- command line -----------------------------------------------------------------
    "cli.cmd.transfer": (
        "媒体を使わない受け渡し（メール・書留郵便）",
        "transfers without a medium (e-mail, registered mail)",
    ),
    "cli.cmd.transfer_open": (
        "媒体を使わない受け渡しを作成する（メールはこの後 load --transfer でファイルを作成）",
        "open a transfer without a medium (for e-mail, then make the file with load --transfer)",
    ),
    "cli.cmd.slip_sent": (
        "メール・書留郵便の受け渡し票を送付済み（または受領済み）として確認する",
        "confirm an e-mail or registered-mail slip as sent (or its return as received)",
    ),
    "cli.opt.channel": (
        "経路（email: メール、registered_mail: 書留郵便）",
        "channel (email or registered_mail)",
    ),
    "cli.opt.transfer": (
        "媒体を使わない受け渡しの貸出番号",
        "loan id of a transfer without a medium",
    ),
    "cli.opt.sent": (
        "送付済みとして確認する（メール・書留郵便。窓口確認の代わり）",
        "confirm as sent (e-mail, registered mail; instead of the counter code)",
    ),
    "cli.opt.outbox": (
        "パスワード付きファイルを作るフォルダ（メールソフトがここから添付）",
        "folder the password-protected file is made in (the mail client attaches it from there)",
    ),
    "cli.opt.returned_file": (
        "メールで返却されたファイル（保存したもの）",
        "the file returned by e-mail (as saved from the mail client)",
    ),
    "cli.transfer.opened": (
        "{label} を作成しました（貸出 {loan}、契約 {contract}）。",
        "Opened {label} (loan {loan}, contract {contract}).",
    ),
    "cli.error.medium_or_transfer": (
        "--medium（媒体の管理番号）か --transfer（媒体を使わない受け渡し）を指定してください。",
        "Give --medium (a medium's control number) or --transfer (a transfer without a medium).",
    ),
    "cli.error.code_or_sent": (
        "--confirm-code と --sent はどちらか一方です。",
        "Give either --confirm-code or --sent, not both.",
    ),
    "cli.error.transfer_needs_outbox": (
        "--transfer には --outbox（ファイルを作るフォルダ）が必要で、--medium / --device は使えません。",
        "--transfer needs --outbox (the folder to make the file in) and takes no --medium / --device.",
    ),
    "cli.error.intake_transfer_file": (
        "メールでの返却は --transfer と --file の両方を指定します（--medium / --device は不要）。",
        "A return by e-mail needs both --transfer and --file (no --medium / --device).",
    ),
    "cli.error.intake_medium_device": (
        "--medium と --device（または --transfer と --file）を指定してください。",
        "Give --medium and --device (or --transfer and --file).",
    ),
    # --- CD-R -----------------------------------------------------------------------------
    "load.disc.no_burner": (
        "CD-Rドライブ {device} が見つかりません。ドライブがない場合はイメージファイルに書き込みます。",
        "No CD-R burner at {device}; without a burner, write to an image file.",
    ),
    "load.disc.image_exists": (
        "イメージファイル {path} は既にあります。別の名前を指定してください。",
        "The image file {path} already exists; choose another name.",
    ),
    "load.disc.no_folder": (
        "イメージファイル {path} のフォルダがありません。",
        "The folder of the image file {path} does not exist.",
    ),
    "load.disc.tool_failed": (
        "ディスク {disc} の書き込み・読み取りに失敗しました（{detail}）。",
        "Writing or reading the disc {disc} failed ({detail}).",
    ),
    "load.disc.unreadable": (
        "ディスク {disc} を読み取れません（{detail}）。",
        "The disc {disc} cannot be read ({detail}).",
    ),
    "load.disc.short": (
        "ディスク {disc} の書き込みが不完全です（{size} / {expected} バイト）。このCD-Rは使用できません。",
        "The disc {disc} is incomplete ({size} of {expected} bytes); this CD-R cannot be used.",
    ),
    "load.disc.mismatch": (
        "ディスク {disc} の内容が書き込んだイメージと一致しません。このCD-Rは使用できません。",
        "The disc {disc} does not hold the image that was written; this CD-R cannot be used.",
    ),
    "load.disc.file_missing": (
        "ディスク {disc} に {name} がありません。",
        "The disc {disc} does not hold {name}.",
    ),
    # --- screens --------------------------------------------------------------------------
    "cmd.send_without_medium": ("メール・書留で送付", "Send by e-mail / registered mail"),
    "cmd.send_without_medium.help": (
        "媒体なしの送付（パスワード付きファイルのメール送付・書留郵送）を始めます。",
        "Start a transfer without a medium (a password-protected file by e-mail, or registered mail).",
    ),
    "transfer.start_title": (
        "媒体を使わない受け渡し（メール・書留郵便）",
        "Transfer without a medium (e-mail, registered mail)",
    ),
    "transfer.field.channel": ("送付方法", "Sent by"),
    "transfer.field.recipient": ("送信先アドレス", "Recipient's address"),
    "transfer.outbox": (
        "送付用フォルダ（メールソフトはここからファイルを添付します）",
        "Outbox folder (the mail client attaches the file from here)",
    ),
    "transfer.returned_file": (
        "メールで返却されたファイル（保存した場所）",
        "File returned by e-mail (where it was saved)",
    ),
    "transfer.no_contract": (
        "メール・書留郵便での受け渡しを認める実施中の契約がありません。",
        "No running contract allows e-mail or registered mail.",
    ),
    "transfer.intake_hint": (
        "媒体の返却データは台帳（F3）で媒体を選んで k で受け入れます。",
        "Data returned on a medium is taken in from the register (F3), k on the medium.",
    ),
    "transfer.confirm_sent.out": (
        "受け渡し票 {number}：{method}（{detail}）を送付しましたか？ y で送付済みとして確定し、印刷します。",
        "Slip {number}: was the {method} ({detail}) sent? y confirms it as sent and prints it.",
    ),
    "transfer.confirm_sent.back": (
        "受け渡し票 {number}：{method}（{detail}）で返却を受領しましたか？ y で受領として確定し、印刷します。",
        "Slip {number}: did the return by {method} ({detail}) arrive? y confirms it and prints it.",
    ),
    # --- password-lock sticks ---------------------------------------------------------------
    "lock_kind.none": ("なし", "none"),
    "lock_kind.keypad": ("キーパッド式（本体でPIN入力）", "keypad (PIN typed on the stick)"),
    "lock_kind.software": (
        "ソフトウェア式（専用ツールで解除）",
        "software (the vendor's unlock tool)",
    ),
    "cli.opt.lock_kind": (
        "ロックの種類（none: なし、keypad: キーパッド式、software: ソフトウェア式）",
        "lock kind (none, keypad: PIN on the stick, software: the vendor's unlock tool)",
    ),
    "cli.field.lock_kind": ("ロックの種類", "Lock kind"),
    "error.medium.lock_kind": (
        "ロックの種類が正しくありません（USBメモリのみ: none / keypad / software）。",
        "Unknown lock kind (USB sticks only: none, keypad or software).",
    ),
    "certificate.vendor_key_reset.done": (
        "製品の初期化（暗号鍵リセット）：実施（操作者の申告による。区分は上書き消去の Clear のまま）",
        "Vendor initialisation (key reset): performed (as attested by the operator; the category stays Clear)",
    ),
    "certificate.vendor_key_reset.not_done": (
        "製品の初期化（暗号鍵リセット）：実施せず（操作者の申告）",
        "Vendor initialisation (key reset): not performed (as attested by the operator)",
    ),
    "cli.opt.vendor_key_reset": (
        "パスワードロック付きUSBメモリ：製品の初期化（暗号鍵リセット）も実施したか（yes / no、操作者の申告として記録）",
        "hardware-lock stick: was the vendor's initialisation (key reset) also performed (yes / no; recorded as attested)",
    ),
}
