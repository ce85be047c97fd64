"""Texts of the ledger's database: unreachable, refused, closed, locked, another version."""

TEXTS: dict[str, tuple[str, str]] = {
    "db.error.bad_address": (
        "台帳の接続先 {url} は使えません（{reason}）。--db には sqlite:///ファイルのパス または postgresql://ユーザー@ホスト/データベース を指定してください。",
        (
            "The ledger address {url} cannot be used ({reason}). Give --db as "
            "sqlite:///path/to/file or postgresql://user@host/database."
        ),
    ),
    "db.reason.scheme": (
        "対応していない種類です。SQLite と PostgreSQL だけが使えます",
        "unsupported kind: only SQLite and PostgreSQL are supported",
    ),
    "db.reason.directory": ("フォルダーであり、ファイルではありません", "a folder, not a file"),
    "db.reason.unparsable": ("アドレスとして読めません", "not a readable address"),
    "db.reason.not_writable": (
        "ファイルを作成・書き込みできません",
        "the file cannot be created or written",
    ),
    "db.error.unreachable": (
        "台帳のデータベースサーバーに接続できません（接続を拒否されたか、ホストに届きません）。サーバーが動いているか、ネットワークと --db のホスト名・ポートを確認してください。",
        (
            "Cannot reach the ledger's database server (the connection was refused or the "
            "host cannot be reached). Check that the server runs, the network, and the host "
            "and port in --db."
        ),
    ),
    "db.error.auth": (
        "台帳のデータベースがログインを拒否しました（ユーザー名またはパスワードが違うか、この端末からの接続が許可されていません）。管理者に確認してください。",
        (
            "The ledger's database refused the login (wrong user name or password, or this "
            "workstation is not allowed to connect). Ask the administrator."
        ),
    ),
    "db.error.tls": (
        "台帳のデータベースとの暗号化接続（TLS）ができませんでした（サーバーが TLS に対応していないか、証明書を確認できません）。sslmode とサーバー証明書の設定を確認してください。",
        (
            "The encrypted connection (TLS) to the ledger's database failed (the server does "
            "not offer TLS, or its certificate cannot be verified). Check sslmode and the "
            "server certificate."
        ),
    ),
    "db.error.closed": (
        "台帳のデータベースサーバーが接続を切りました（サーバーの停止や再起動など）。保存されていない操作は記録されていません。しばらくしてからやり直してください。",
        (
            "The ledger's database server closed the connection (it was stopped or "
            "restarted). The action was not recorded; try again in a moment."
        ),
    ),
    "db.error.lock_timeout": (
        "別の端末が台帳の同じ記録を使用中のため、待ちきれずに中止しました。操作は記録されていません。しばらくしてからやり直してください。",
        (
            "Another desk held the same ledger records for too long, so this action gave "
            "up waiting. It was not recorded; try again in a moment."
        ),
    ),
    "db.error.statement_timeout": (
        "台帳のデータベースの応答が時間内に返りませんでした（別の端末の処理待ちなど）。操作は記録されていません。しばらくしてからやり直してください。",
        (
            "The ledger's database did not answer in time (waiting for another desk, for "
            "instance). The action was not recorded; try again in a moment."
        ),
    ),
    "db.error.schema_newer": (
        "この台帳は、この端末より新しい版（台帳 {found}、端末 {expected}）で更新されています。この端末の ledger-tui を更新してから開いてください。",
        (
            "This ledger was upgraded by a newer version (ledger {found}, this desk "
            "{expected}). Update ledger-tui on this desk before opening it."
        ),
    ),
    "db.error.schema_older": (
        "この台帳は、この端末より古い版（台帳 {found}、端末 {expected}）です。共有の台帳は自動では更新しません。すべての端末を閉じ、バックアップを取ってから ledger-tui upgrade を実行してください。",
        (
            "This ledger is older than this desk (ledger {found}, this desk {expected}). A "
            "shared ledger is never upgraded silently: close every desk, take a backup, then "
            "run `ledger-tui upgrade`."
        ),
    ),
    "cli.cmd.counter": (
        "窓口確認端末を起動する（委託先に向けた画面で、その窓口の受け渡し票を取扱者コードで確認）",
        "start the counter terminal (a screen facing the contractor: the desk's slip, confirmed with the handler code)",
    ),
    "cli.opt.counter_desk": (
        "窓口の名前（その窓口の LEDGER_TUI_DESK）",
        "the desk's name (its LEDGER_TUI_DESK)",
    ),
    "cli.error.counter_desk": (
        "窓口の名前を --desk で指定してください。",
        "Name the desk with --desk.",
    ),
    "cli.cmd.upgrade": (
        "台帳をこの版のスキーマに更新する（共有の台帳は起動時には更新しません）",
        "upgrade the ledger to this version's schema (a shared ledger is never upgraded at start)",
    ),
    "cli.upgrade.done": (
        "台帳 {url} はスキーマ {schema} です。",
        "The ledger {url} is at schema {schema}.",
    ),
    "db.waiting": (
        "別の端末の処理を待っています…",
        "Waiting for another desk…",
    ),
    "db.retrying": (
        "台帳に接続できません。{seconds} 秒後にもう一度試します…（{attempt} 回目）",
        "Cannot reach the ledger. Trying again in {seconds} s… (attempt {attempt})",
    ),
}
