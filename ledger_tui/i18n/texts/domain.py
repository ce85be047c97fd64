"""Messages of domain errors and names of domain values."""

TEXTS: dict[str, tuple[str, str]] = {
    # generic field errors
    "error.field.required": ("必須項目です。", "This field is required."),
    "error.field.date": ("日付は YYYY-MM-DD で入力してください。", "Enter the date as YYYY-MM-DD."),
    "error.field.integer": (
        "0以上 {limit:,} 以下の整数を入力してください。",
        "Enter a whole number from 0 to {limit:,}.",
    ),
    "error.field.too_long": (
        "{limit}文字以内で入力してください。",
        "Use at most {limit} characters.",
    ),
    "error.period.end_before_start": (
        "終了日が開始日より前です。",
        "The end date is before the start date.",
    ),
    # media
    "error.medium.illegal_transition": (
        "媒体 {control_number} は「{current}」から「{target}」へ移せません。",
        "Medium {control_number} cannot move from '{current}' to '{target}'.",
    ),
    "error.settings.integer": (
        "環境変数 {env} の値「{value}」は使えません（{low}〜{high}の整数）。",
        "{env}={value} is not valid (a whole number from {low} to {high}).",
    ),
    "error.settings.paper_lang": (
        "環境変数 {env} の値「{value}」は使えません（ja または en）。",
        "{env}={value} is not valid (ja or en).",
    ),
    "error.settings.time_zone": (
        "環境変数 {env} の値「{value}」はタイムゾーン名ではありません（例: Asia/Tokyo）。",
        "{env}={value} is not a time zone name (e.g. Asia/Tokyo).",
    ),
    "error.medium.not_manual": (
        "媒体 {control_number} は台帳から手作業で「{target}」にはできません（貸出・格納・消去の手続きで移ります）。",
        "Medium {control_number} cannot be moved to '{target}' by hand (lending, loading and wiping do that).",
    ),
    "error.medium.control_number_format": (
        "管理番号は空白を含まない40文字以内で入力してください。",
        "The control number must be at most 40 characters without spaces.",
    ),
    "error.medium.usb_id_format": (
        "USB ID は 0781:5583 の形式で入力してください。",
        "Enter the USB id as vendor:product, e.g. 0781:5583.",
    ),
    "error.medium.duplicate": (
        "管理番号 {control_number} は既に登録されています。",
        "Control number {control_number} is already registered.",
    ),
    "error.medium.serial_taken": (
        "シリアル {serial} は既に媒体 {control_number} に登録されています。",
        "Serial {serial} is already registered to medium {control_number}.",
    ),
    "error.medium.not_found": (
        "管理番号 {control_number} の媒体は台帳にありません。",
        "No medium with control number {control_number} is in the register.",
    ),
    "error.medium.seal_required": (
        "鍵付きケースには封印番号が必要です。",
        "A locked case needs its seal number.",
    ),
    "error.medium.concurrent_edit": (
        "媒体 {control_number} は他の端末で更新されました。開き直してください。",
        "Medium {control_number} was changed at another desk. Reopen it and try again.",
    ),
    "error.medium.kind": (
        "媒体の種類は usb / cdr / paper_case のいずれかです。",
        "The medium kind is one of usb, cdr, paper_case.",
    ),
    # operators and login
    "error.operator.password_short": (
        "パスワードは{minimum}文字以上にしてください。",
        "The password needs at least {minimum} characters.",
    ),
    "error.operator.login_format": (
        "ログイン名は英数字と . _ - の40文字以内です。",
        "The login is up to 40 letters, digits, '.', '_' or '-'.",
    ),
    "error.operator.duplicate": (
        "ログイン名 {login} は既に使われています。",
        "Login {login} is already taken.",
    ),
    "error.operator.not_found": (
        "職員 {login} は登録されていません。",
        "No operator with login {login}.",
    ),
    "error.operator.role": (
        "権限は admin または operator です。",
        "The role is admin or operator.",
    ),
    "error.auth.bad_credentials": (
        "ログイン名またはパスワードが違います。",
        "Wrong login or password.",
    ),
    "error.auth.locked": (
        "アカウントはロックされています（{until} まで）。",
        "The account is locked until {until}.",
    ),
    "error.auth.inactive": ("このアカウントは無効です。", "This account is disabled."),
    "error.auth.admin_only": (
        "この操作は管理者のみ行えます。",
        "Only an administrator may do this.",
    ),
    "error.auth.first_run_done": (
        "管理者は既に登録されています。",
        "An administrator already exists.",
    ),
    "error.auth.last_admin": (
        "最後の有効な管理者は無効にできません。",
        "The last active administrator cannot be disabled or demoted.",
    ),
    # organisation
    "error.section.duplicate": (
        "課コード {code} は既に登録されています。",
        "Section code {code} already exists.",
    ),
    "error.section.not_found": ("課 {code} はありません。", "No section {code}."),
    "error.contractor.duplicate": (
        "委託先 {name} は既に登録されています。",
        "Contractor {name} already exists.",
    ),
    "error.contractor.not_found": ("委託先 {name} はありません。", "No contractor {name}."),
    "error.contract.not_found": ("委託契約 {ref} はありません。", "No contract {ref}."),
    "error.contract.media_kind": (
        "媒体の種類 {value} は不明です。",
        "Unknown medium kind {value}.",
    ),
    "error.contract.transfer_method": (
        "受け渡し方法 {value} は不明です。",
        "Unknown transfer method {value}.",
    ),
    "error.handler.not_found": (
        "取扱者番号 {handler} の取扱責任者・取扱者はいません。",
        "There is no designated handler no. {handler}.",
    ),
    "error.handler.role": (
        "役割は responsible（取扱責任者）または handler（取扱者）です。",
        "The role is responsible or handler.",
    ),
    "error.handler.code_format": (
        "取扱者コードは英数字4〜20文字です。",
        "The handler code is 4 to 20 letters or digits.",
    ),
    # audit trail
    "audit.ok": (
        "監査証跡は正常です（{entries}件）。",
        "The audit trail is intact ({entries} entries).",
    ),
    "audit.bad.hash": (
        "監査証跡の {seq} 番が改ざんされています（ハッシュ不一致）。",
        "Audit entry {seq} was altered (hash mismatch).",
    ),
    "audit.bad.link": (
        "監査証跡の {seq} 番の前後関係が壊れています（挿入・削除・並べ替え）。",
        "Audit entry {seq} does not link to its predecessor (insertion, deletion or reordering).",
    ),
    "audit.bad.gap": ("監査証跡の {seq} 番が欠けています。", "Audit entry {seq} is missing."),
    "audit.bad.head": (
        "監査証跡の末尾が署名済みヘッド（{seq}番）と一致しません（切り詰めまたは書き換え）。",
        "The trail's end does not match the signed head at entry {seq} (truncated or rewritten).",
    ),
    "audit.bad.signature": (
        "監査証跡ヘッドの署名が無効です（鍵が違うか改ざん）。",
        "The audit head's signature is invalid (wrong key or tampering).",
    ),
    "audit.bad.no_head": ("監査証跡のヘッドがありません。", "The audit head is missing."),
    "error.audit.key_missing": (
        "台帳の秘密鍵 {path} がありません。この台帳を作成した端末（またはそのバックアップ）から"
        "鍵ファイルをコピーしてください。",
        "The ledger secret {path} is missing. Copy the file from the desk that created "
        "this ledger (or from its backup).",
    ),
    # state names
    "state.registered": ("登録済（未確認）", "registered"),
    "state.wipe_pending": ("消去待ち", "wipe pending"),
    "state.blank": ("空（確認済）", "blank"),
    "state.loaded": ("格納済", "loaded"),
    "state.lent": ("貸出中", "lent"),
    "state.returned": ("返却済", "returned"),
    "state.destroyed": ("廃棄済", "destroyed"),
    "state.lost": ("紛失", "lost"),
    "state.retired": ("除籍", "retired"),
    "kind.usb": ("USBメモリ", "USB stick"),
    "kind.cdr": ("CD-R", "CD-R"),
    "kind.paper_case": ("紙（鍵付きケース）", "paper in locked case"),
    # the same, short enough for a list column
    "kind.short.usb": ("USBメモリ", "USB stick"),
    "kind.short.cdr": ("CD-R", "CD-R"),
    "kind.short.paper_case": ("紙・鍵付ケース", "locked case"),
    "role.admin": ("管理者", "administrator"),
    "role.operator": ("担当者", "operator"),
    "handler_role.responsible": ("取扱責任者", "responsible person"),
    "handler_role.handler": ("取扱者", "handler"),
    "transfer.hand": ("手渡し", "hand delivery"),
    "transfer.registered_mail": ("書留郵便", "registered mail"),
    "transfer.locked_case": ("鍵付きケース", "locked case"),
    "transfer.email": ("メール（パスワード付きファイル）", "e-mail (password-protected file)"),
}
