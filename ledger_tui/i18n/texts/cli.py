"""Texts of the command line, and of the demo ledger, export and backup services it drives.

Keys start with `cli.`, `demo.`, `export.` or `backup.` so they never clash with the
screens' texts.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "cli.ok": ("完了しました。", "Done."),
    # --- help: the program and its global options --------------------------------------
    "cli.description": (
        (
            "個人情報を記録した媒体（USBメモリ・CD-R・鍵付きケース）の管理台帳。\n"
            "サブコマンドを付けずに起動すると画面（TUI）が開きます。"
        ),
        (
            "Custody ledger for personal-data media (USB sticks, CD-Rs, locked cases).\n"
            "Without a command it starts the full-screen desk application (TUI)."
        ),
    ),
    "cli.epilog": (
        (
            "共通オプションはコマンドの前（ledger-tui --json media list）にも、\n"
            "コマンドの後（ledger-tui media list --json）にも書けます。\n"
            "パスワードは --password-stdin で標準入力から1行ずつ読みます:\n"
            "  1行目 = --operator の職員のパスワード（init --admin では新しい管理者のもの）\n"
            "  2行目 = operator add で登録する職員の新しいパスワード\n"
            "終了コード: 0 成功 / 1 監査証跡の異常 / 2 使い方の誤り / 3 拒否（入力・状態）/\n"
            "  4 認証・権限 / 70 予期しないエラー（詳細はログファイル）"
        ),
        (
            "Global options go before the command (ledger-tui --json media list) or after\n"
            "it (ledger-tui media list --json).\n"
            "--password-stdin reads passwords from standard input, one per line:\n"
            "  line 1 = the password of the --operator (for init --admin: the new admin's)\n"
            "  line 2 = the new operator's password for operator add\n"
            "Exit codes: 0 ok / 1 audit trail damaged / 2 usage error / 3 refused (input or\n"
            "  state) / 4 authentication or permission / 70 unexpected error (see the log file)"
        ),
    ),
    "cli.group.global": ("共通オプション", "global options"),
    "cli.group.commands": ("サブコマンド", "commands"),
    "cli.opt.db": (
        "台帳のデータベースURL（既定: 環境変数 LEDGER_TUI_DB、なければ内蔵SQLite）",
        "ledger database URL (default: $LEDGER_TUI_DB, else the embedded SQLite file)",
    ),
    "cli.opt.demo": (
        "デモ用の別台帳を使う（なければデモデータ入りで作成）",
        "use the separate demo ledger (created with demo data if it does not exist)",
    ),
    "cli.opt.lang": ("表示言語（既定: ja）", "language of messages (default: ja)"),
    "cli.opt.json": ("結果をJSONで出力する", "print results as JSON"),
    "cli.opt.operator": (
        "操作する職員のログイン名（audit verify 以外で台帳を読み書きする操作に必須。証跡に記録。"
        "backup は管理者のみ）",
        (
            "login of the acting operator (needed by every command that reads or writes the "
            "ledger except audit verify; the trail records it; backup: administrators only)"
        ),
    ),
    "cli.opt.password_stdin": (
        "パスワードを標準入力から読む（1行に1つ）",
        "read passwords from standard input, one per line",
    ),
    # --- help: commands ---------------------------------------------------------------
    "cli.cmd.init": (
        "台帳を作成・更新する（--admin で最初の管理者を登録）",
        "create or upgrade the ledger (--admin registers the first administrator)",
    ),
    "cli.opt.init_admin": ("最初の管理者のログイン名", "login of the first administrator"),
    "cli.opt.init_name": ("最初の管理者の氏名", "name of the first administrator"),
    "cli.cmd.demo": (
        "デモ台帳を作成する（既定のデモ用パスか --db）",
        "create the demo ledger (at the demo path, or --db)",
    ),
    "cli.opt.demo_reset": ("既存のデモ台帳を作り直す", "recreate an existing demo ledger"),
    "cli.cmd.operator": ("職員アカウント", "operator accounts"),
    "cli.cmd.operator_add": (
        "職員を登録する（管理者。標準入力: 1行目 管理者のパスワード、2行目 新しいパスワード）",
        "add an operator (admin; stdin line 1: your password, line 2: the new password)",
    ),
    "cli.cmd.operator_list": ("職員の一覧", "list operators"),
    "cli.opt.name": ("氏名・名称", "name"),
    "cli.opt.role": ("権限（既定: operator）", "role (default: operator)"),
    "cli.opt.section": ("所属課のコード", "code of the section"),
    "cli.cmd.section": ("保有課", "sections"),
    "cli.cmd.section_add": ("保有課を登録する（管理者）", "add a section (admin)"),
    "cli.cmd.section_list": ("保有課の一覧", "list sections"),
    "cli.cmd.contractor": ("委託先", "contractors"),
    "cli.cmd.contractor_add": ("委託先を登録する（管理者）", "add a contractor (admin)"),
    "cli.cmd.contractor_list": ("委託先の一覧", "list contractors"),
    "cli.opt.address": ("所在地", "address"),
    "cli.opt.phone": ("電話番号", "phone number"),
    "cli.cmd.contract": ("委託契約", "contracts"),
    "cli.cmd.contract_add": ("委託契約を登録する（管理者）", "add a contract (admin)"),
    "cli.cmd.contract_list": ("委託契約の一覧", "list contracts"),
    "cli.cmd.contract_show": ("委託契約の詳細", "show one contract"),
    "cli.opt.title": ("件名", "title"),
    "cli.opt.contractor": ("委託先の名称", "name of the contractor"),
    "cli.opt.start": ("委託期間の開始日", "first day of the contract period"),
    "cli.opt.end": ("委託期間の終了日", "last day of the contract period"),
    "cli.opt.purpose": ("目的", "purpose"),
    "cli.opt.provided": (
        "委託先に提供する項目（カンマ区切り）",
        "items provided to the contractor (comma list)",
    ),
    "cli.opt.collected": (
        "委託先に収集させる項目（カンマ区切り）",
        "items the contractor collects (comma list)",
    ),
    "cli.opt.media": (
        "使用できる媒体（usb,cdr,paper_case。既定: usb）",
        "allowed media kinds (usb,cdr,paper_case; default: usb)",
    ),
    "cli.opt.methods": (
        "受け渡し方法（hand,registered_mail,locked_case,email。既定: hand）",
        "transfer methods (hand,registered_mail,locked_case,email; default: hand)",
    ),
    "cli.opt.planned": ("予定件数", "planned record count"),
    "cli.cmd.handler": ("取扱責任者・取扱者", "designated handlers"),
    "cli.cmd.handler_add": (
        "取扱責任者・取扱者を登録する（管理者）",
        "designate a contractor's handler (admin)",
    ),
    "cli.opt.contract_id": ("委託契約の番号", "contract number"),
    "cli.opt.handler_name": ("氏名", "person's name"),
    "cli.opt.handler_role": (
        "役割（responsible = 取扱責任者、handler = 取扱者）",
        "role (responsible = person in charge, handler = staff)",
    ),
    "cli.opt.handler_code": (
        "本人が決めた窓口確認コード（英数字4〜20文字）。省略すると新しいコードを作って一度だけ表示します",
        "the counter code the person chose (4-20 letters or digits); without it a new code is made and shown once",
    ),
    "cli.cmd.handler_reset_code": (
        "取扱者の窓口確認コードを新しくする（管理者。新しいコードは一度だけ表示）",
        "give a handler a new counter code (admin; the new code is shown once)",
    ),
    "cli.opt.handler_number": (
        "取扱者番号（contract show に表示）",
        "handler number (see contract show)",
    ),
    "cli.opt.from": ("指定の開始日", "designated from"),
    "cli.opt.to": ("指定の終了日（省略可）", "designated until (optional)"),
    "cli.opt.reported": ("区に報告された日", "date reported to the ward"),
    "cli.cmd.media": ("媒体（USBメモリ管理台帳）", "media register"),
    "cli.cmd.media_add": ("媒体を登録する", "register a medium"),
    "cli.cmd.media_list": ("媒体の一覧（管理番号順）", "list media (by control number)"),
    "cli.cmd.media_show": ("媒体の詳細", "show one medium"),
    "cli.cmd.media_print": (
        "USBメモリ管理台帳（全媒体と貸出履歴）を印刷する",
        "print the media register (every medium and its loans)",
    ),
    "cli.opt.register_section": (
        "この課が保有する媒体だけ（省略時は区全体）",
        "only the media this section owns (default: the whole ward)",
    ),
    "cli.register.printed": (
        "USBメモリ管理台帳 {number}（{media}件）を {printer} に送りました（ジョブ {job}）。",
        "Media register {number} ({media} media) sent to {printer} (job {job}).",
    ),
    "cli.register.saved": (
        "USBメモリ管理台帳 {number}（{media}件）を {path} に保存しました。",
        "Media register {number} ({media} media) saved to {path}.",
    ),
    "cli.cmd.media_edit": (
        "媒体の保有課・保管場所を変更する",
        "change a medium's owning section or location",
    ),
    "cli.opt.medium_section": (
        "保有課のコード（省略時: 登録する職員の所属課、課が一つならその課）",
        "owning section's code (default: the operator's section, or the only section)",
    ),
    "cli.opt.control_number": ("管理番号（例: 税-USB-003）", "control number (e.g. 税-USB-003)"),
    "cli.opt.kind": ("種類（既定: usb）", "kind (default: usb)"),
    "cli.opt.vendor": ("メーカー", "vendor"),
    "cli.opt.model": ("型番", "model"),
    "cli.opt.serial": ("シリアル番号", "serial number"),
    "cli.opt.usb_id": ("USB ID（例: 0781:5583）", "USB id (e.g. 0781:5583)"),
    "cli.opt.capacity": ("容量（バイト）", "capacity in bytes"),
    "cli.opt.hardware_lock": ("パスワードロック機能付き", "has a hardware password lock"),
    "cli.opt.seal": ("封印番号（鍵付きケース）", "seal number (locked case)"),
    "cli.opt.location": ("保管場所", "storage location"),
    "cli.opt.notes": ("備考", "notes"),
    "cli.opt.filter": ("絞り込む文字列", "text to filter by"),
    "cli.opt.limit": ("最大件数", "at most this many rows"),
    "cli.cmd.audit": ("監査証跡", "audit trail"),
    "cli.cmd.audit_verify": (
        "監査証跡のハッシュ連鎖と署名を検証する",
        "verify the audit trail's hash chain and head",
    ),
    "cli.cmd.export": (
        "媒体台帳・監査証跡・受け渡し票の台帳を書き出す（CSV/JSON）",
        "export the media register, the audit trail or the slip ledger (CSV/JSON)",
    ),
    "cli.opt.export_what": ("書き出す対象", "what to export"),
    "cli.opt.format": ("形式（既定: csv）", "format (default: csv)"),
    "cli.opt.output": (
        "出力ファイル（権限0600で作成。省略時は標準出力）",
        "output file (created mode 0600; default: standard output)",
    ),
    "cli.opt.bom": (
        "CSVの先頭にBOMを付ける（Excelで開く場合）",
        "start the CSV with a byte order mark (for Excel)",
    ),
    "cli.cmd.backup": (
        "台帳をバックアップする（管理者のみ。SQLite: 複製と整合性検査、PostgreSQL: pg_dump）",
        (
            "back up the ledger (administrators only; SQLite: online copy and integrity "
            "check; PostgreSQL: pg_dump)"
        ),
    ),
    "cli.opt.backup_dest": (
        "バックアップ先のファイル（フォルダなら自動命名）",
        "destination file (a folder gets a generated file name)",
    ),
    # --- results ----------------------------------------------------------------------
    "cli.init.done": (
        "台帳を準備しました: {url}（{dialect}、台帳ID {ledger_id}）",
        "The ledger is ready: {url} ({dialect}, ledger id {ledger_id})",
    ),
    "cli.init.admin": ("管理者 {login} を登録しました。", "Administrator {login} registered."),
    "cli.init.no_admin_yet": (
        "管理者が未登録です。init --admin LOGIN --name 氏名 --password-stdin で登録してください。",
        "No administrator yet: run init --admin LOGIN --name NAME --password-stdin.",
    ),
    "cli.key_reminder": (
        (
            "台帳の秘密鍵ファイル {path} は台帳とは別にバックアップし、この台帳を使う"
            "すべての端末に同じファイルをコピーしてください（鍵がないと監査証跡の検証も、"
            "保管されたパスワードの取り出しもできません）。"
        ),
        (
            "Back up the ledger secret {path} separately from the ledger, and copy this one "
            "file to every desk of this ledger (without it the audit trail cannot be "
            "verified nor sealed archive passwords opened)."
        ),
    ),
    "cli.demo.done": ("デモ台帳を作成しました: {url}", "The demo ledger is ready: {url}"),
    "cli.demo.login": (
        "  ログイン {login} / パスワード {password}（{role}）",
        "  login {login} / password {password} ({role})",
    ),
    "cli.demo.summary": (
        "  保有課 {sections}、委託先 {contractors}、委託契約 {contracts}、媒体 {media}",
        ("  {sections} sections, {contractors} contractors, {contracts} contracts, {media} media"),
    ),
    "cli.demo.start_hint": (
        "画面で見るには: ledger-tui --demo",
        "To look at it: ledger-tui --demo",
    ),
    "cli.operator.added": (
        "職員 {login}（{name}、{role}）を登録しました。",
        "Operator {login} ({name}, {role}) added.",
    ),
    "cli.section.added": ("保有課 {code} {name} を登録しました。", "Section {code} {name} added."),
    "cli.contractor.added": (
        "委託先 {name} を登録しました（番号 {id}）。",
        "Contractor {name} added (number {id}).",
    ),
    "cli.contract.added": (
        "委託契約 {id}「{title}」を登録しました。",
        "Contract {id} '{title}' added.",
    ),
    "cli.handler.added": (
        "委託契約 {contract} に{role} {name}（取扱者番号 {number}）を登録しました。",
        "Designated {name} as {role} (handler no. {number}) for contract {contract}.",
    ),
    "cli.handler.code_once": (
        "窓口確認コード: {code}\n（本人に渡してください。ここ以外では二度と表示されません。記録は照合用の値だけです。）",
        "Counter code: {code}\n(Hand it to the person; it is never shown again. Only a value to check it against is kept.)",
    ),
    "cli.handler.code_reset": (
        "取扱者番号 {number}（{name}）の窓口確認コードを新しくしました。前のコードは使えません。",
        "Handler no. {number} ({name}) has a new counter code; the old one no longer works.",
    ),
    "cli.medium.edited": (
        "媒体 {control_number} を変更しました。",
        "Medium {control_number} changed.",
    ),
    "cli.medium.added": (
        "媒体 {control_number} を登録しました（状態: {state}）。",
        "Medium {control_number} registered (state: {state}).",
    ),
    "cli.list.empty": ("該当するものはありません。", "Nothing found."),
    "cli.list.more": (
        "（{limit}件まで表示しました。続きは --limit を増やしてください）",
        "(showing the first {limit}; raise --limit to see more)",
    ),
    "cli.audit.entry": (
        "  {seq}番: {time} {actor} {action} {subject}",
        "  entry {seq}: {time} {actor} {action} {subject}",
    ),
    "cli.export.done": ("{rows}件を {path} に書き出しました。", "Wrote {rows} rows to {path}."),
    "cli.backup.done": (
        "バックアップを作成しました: {path}（{size}バイト、検査: {check}）",
        "Backup written: {path} ({size} bytes, check: {check})",
    ),
    # --- field labels -----------------------------------------------------------------
    "cli.field.id": ("番号", "No."),
    "cli.field.login": ("ログイン名", "Login"),
    "cli.field.name": ("氏名・名称", "Name"),
    "cli.field.role": ("権限", "Role"),
    "cli.field.active": ("有効", "Active"),
    "cli.field.code": ("コード", "Code"),
    "cli.field.section": ("保有課", "Section"),
    "cli.field.contractor": ("委託先", "Contractor"),
    "cli.field.address": ("所在地", "Address"),
    "cli.field.phone": ("電話番号", "Phone"),
    "cli.field.title": ("件名", "Title"),
    "cli.field.purpose": ("目的", "Purpose"),
    "cli.field.period": ("委託期間", "Period"),
    "cli.field.provided": ("提供する項目", "Provided items"),
    "cli.field.collected": ("収集させる項目", "Collected items"),
    "cli.field.media_kinds": ("使用する媒体", "Media kinds"),
    "cli.field.methods": ("受け渡し方法", "Transfer methods"),
    "cli.field.planned": ("予定件数", "Planned records"),
    "cli.field.handlers": ("取扱責任者・取扱者", "Designated handlers"),
    "cli.field.control_number": ("管理番号", "Control no."),
    "cli.field.kind": ("種類", "Kind"),
    "cli.field.state": ("状態", "State"),
    "cli.field.vendor": ("メーカー", "Vendor"),
    "cli.field.model": ("型番", "Model"),
    "cli.field.serial": ("シリアル", "Serial"),
    "cli.field.usb_id": ("USB ID", "USB id"),
    "cli.field.capacity": ("容量", "Capacity"),
    "cli.field.hardware_lock": ("パスワードロック", "Hardware lock"),
    "cli.field.seal_number": ("封印番号", "Seal number"),
    "cli.field.location": ("保管場所", "Location"),
    "cli.field.notes": ("備考", "Notes"),
    "cli.field.registered_at": ("登録日時", "Registered"),
    "cli.field.updated_at": ("更新日時", "Updated"),
    "cli.yes": ("あり", "yes"),
    "cli.no": ("なし", "no"),
    "cli.period": ("{start} 〜 {end}", "{start} to {end}"),
    "cli.capacity": ("{gb} GB（{bytes} バイト）", "{gb} GB ({bytes} bytes)"),
    "cli.handler_line": (
        "No.{number} {role} {name}（{valid}、報告日 {reported}）",
        "No.{number} {role} {name} ({valid}, reported {reported})",
    ),
    "cli.list_sep": ("、", ", "),
    "cli.section_ref": ("{name}（{code}）", "{name} ({code})"),
    "cli.valid_open": ("{start} から", "from {start}"),
    # --- errors -----------------------------------------------------------------------
    "cli.error.operator_to_read": (
        "台帳を読むには係員のログインが必要です（画面と同じ）。--operator LOGIN と --password-stdin を付け、"
        "パスワードを標準入力の1行目に渡してください（誰でも実行できるのは audit verify だけです）。",
        "Reading the ledger needs an operator, as on the desk: add --operator LOGIN and "
        "--password-stdin with the password on the first line of standard input (only "
        "audit verify is open to anyone).",
    ),
    "cli.error.operator_required": (
        "この操作には --operator LOGIN と --password-stdin が必要です。",
        "This command needs --operator LOGIN and --password-stdin.",
    ),
    "cli.error.password_stdin_required": (
        "パスワードは --password-stdin を付けて標準入力から渡してください。",
        "Pass the password on standard input with --password-stdin.",
    ),
    "cli.error.no_password": (
        "標準入力にパスワード（{which}）がありません。",
        "Standard input has no password ({which}).",
    ),
    "cli.password.operator": ("{login} のパスワード", "password of {login}"),
    "cli.password.new": ("新しいパスワード", "the new password"),
    "cli.error.admin_needs_name": ("--admin には --name が必要です。", "--admin needs --name."),
    "cli.error.unexpected": (
        "予期しないエラーが発生しました（{kind}）。詳細はログ {log} を見てください。",
        "An unexpected error occurred ({kind}). See the log {log} for details.",
    ),
    "cli.error.no_log": (
        "ログファイル {path} に書けないため、ログなしで続けます（{reason}）。",
        "Cannot write the log file {path}; going on without a log ({reason}).",
    ),
    "cli.error.interrupted": ("中断しました。", "Interrupted."),
    # --- demo ledger ------------------------------------------------------------------
    "demo.error.not_empty": (
        "台帳は空ではないため、デモデータを入れられません（作り直すには demo --reset）。",
        "The ledger is not empty, so no demo data was added (use demo --reset to recreate).",
    ),
    "demo.error.not_demo": (
        "この台帳はデモ台帳ではないため、作り直せません。",
        "This ledger is not a demo ledger, so it will not be recreated.",
    ),
    # --- export and backup ------------------------------------------------------------
    "export.error.format": ("形式は csv または json です。", "The format is csv or json."),
    "export.error.target": (
        "書き出せるのは media、audit または slips です。",
        "Export media, audit or slips.",
    ),
    "export.error.file": (
        "{path} に書き込めません（{reason}）。",
        "Cannot write {path} ({reason}).",
    ),
    "backup.error.exists": (
        "{path} は既にあります。別の名前を指定してください。",
        "{path} already exists; choose another name.",
    ),
    "backup.error.no_dir": ("フォルダ {path} がありません。", "The folder {path} does not exist."),
    "backup.error.memory": (
        "メモリ上の台帳はバックアップできません。",
        "An in-memory ledger cannot be backed up.",
    ),
    "backup.error.no_pg_dump": (
        (
            "pg_dump が見つかりません。PostgreSQL のクライアント（postgresql-client）を"
            "インストールし、PATH に入れてください。"
        ),
        (
            "pg_dump was not found. Install the PostgreSQL client (postgresql-client) and put "
            "it on PATH."
        ),
    ),
    "backup.error.pg_dump_failed": ("pg_dump が失敗しました: {detail}", "pg_dump failed: {detail}"),
    "backup.error.integrity": (
        "バックアップの検査で異常が見つかりました: {detail}",
        "The backup failed its check: {detail}",
    ),
    "backup.error.dialect": (
        "{dialect} の台帳はバックアップできません。",
        "Cannot back up a {dialect} ledger.",
    ),
}
