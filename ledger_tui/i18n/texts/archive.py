"""Texts of encrypted archives, writing to sticks, record counting, passwords and sealing."""

TEXTS: dict[str, tuple[str, str]] = {
    # archives
    "archive.cancelled": ("処理を中止しました。", "The job was cancelled."),
    "archive.error.wrong_password": (
        "パスワードが違います（{archive} の「{entry}」）。",
        "Wrong password ({archive}, file '{entry}').",
    ),
    "archive.error.corrupt": (
        "{archive} の「{entry}」が壊れているか、改ざんされています（{detail}）。",
        "In {archive}, '{entry}' is damaged or has been tampered with ({detail}).",
    ),
    "archive.error.not_archive": (
        "{archive} は ZIP 書庫として読めません（{detail}）。",
        "{archive} cannot be read as a ZIP archive ({detail}).",
    ),
    "archive.error.not_encrypted": (
        (
            "{archive} の「{entry}」は AES で暗号化されていません。"
            "暗号化されていないファイルは受け取れません。"
        ),
        "In {archive}, '{entry}' is not AES encrypted. Unencrypted files are not accepted.",
    ),
    "archive.error.unsupported_method": (
        (
            "{archive} の「{entry}」は対応していない圧縮方式（{method}）です。"
            "無圧縮か Deflate で作り直してもらってください。"
        ),
        (
            "In {archive}, '{entry}' uses an unsupported compression method ({method}). "
            "Ask for it again stored or deflated."
        ),
    ),
    "archive.error.bad_entry_name": (
        "ファイル名「{entry}」は使えません（{reason}）。",
        "The file name '{entry}' cannot be used ({reason}).",
    ),
    "archive.error.source": (
        "ファイル「{entry}」を読めませんでした（{detail}）。",
        "The file '{entry}' could not be read ({detail}).",
    ),
    "archive.error.verify_mismatch": (
        "書き込んだ {archive} の検証に失敗しました（「{entry}」: {detail}）。",
        "Verification of the written {archive} failed ('{entry}': {detail}).",
    ),
    # details filled into the messages above
    "archive.detail.structure": ("ZIP の構造が壊れています", "the ZIP structure is broken"),
    "archive.detail.cut_short": ("途中で切れています", "it is cut short"),
    "archive.detail.overlap": ("ファイルの位置が重なっています", "entries overlap"),
    "archive.detail.strength": ("不明な AES 強度です", "unknown AES key length"),
    "archive.detail.sizes": ("サイズが合いません", "the sizes do not fit"),
    "archive.detail.too_much_data": (
        "記録されたサイズより長いデータです",
        "more data than its recorded size",
    ),
    "archive.detail.deflate": ("圧縮データが壊れています", "the compressed data is broken"),
    "archive.detail.auth_code": (
        "認証コードが一致しません",
        "the authentication code does not match",
    ),
    "archive.detail.size_crc": ("サイズまたは CRC が一致しません", "size or CRC does not match"),
    "archive.detail.archive_hash": (
        "書庫のサイズまたは SHA-256 が一致しません",
        "the archive's size or SHA-256 differs",
    ),
    "archive.detail.file_differs": (
        "ファイルがない、余分、または内容が違います",
        "the file is missing, extra or different",
    ),
    "archive.detail.name_absolute": (
        "空、絶対パス、または長すぎます",
        "empty, absolute or too long",
    ),
    "archive.detail.name_dots": (
        "空の部分、「.」または「..」を含みます",
        "has an empty, '.' or '..' part",
    ),
    "archive.detail.name_chars": (
        '制御文字または < > : " | ? * \\ を含みます',
        'contains a control character or one of < > : " | ? * \\',
    ),
    "archive.detail.name_reserved": (
        "Windows で使えない名前です",
        "a name Windows reserves or cannot keep",
    ),
    "archive.detail.name_long": ("255文字を超える部分があります", "a part is over 255 characters"),
    "archive.detail.name_folder": ("フォルダ名です", "a folder name, not a file"),
    "archive.detail.name_duplicate": (
        "同じ名前（大文字小文字の違いのみを含む）があります",
        "the same name appears twice (ignoring case)",
    ),
    "archive.detail.source_changed": (
        "読み込み中にファイルが変わりました",
        "the file changed while it was being read",
    ),
    "archive.detail.stick_name": ("ファイル名が使えません", "the file name cannot be used"),
    "archive.detail.csv_quote": ("引用符が閉じていません", "a quote is never closed"),
    "archive.detail.csv_stray_quote": (
        '引用符（"）が項目の始まりでも終わりでもない位置にあります',
        'a quote (") that neither opens nor closes a field',
    ),
    "archive.detail.csv_short_row": (
        "分割に使う列の値がありません",
        "no value in the split column",
    ),
    # sticks (FAT32 / exFAT)
    "archive.stick.disk_full": (
        "{device} の空き容量が足りません。",
        "There is not enough free space on {device}.",
    ),
    "archive.stick.read_only": (
        "{device} は書き込み禁止です（ロックスイッチや読み取り専用の設定を確認してください）。",
        "{device} is read-only (check its lock switch or read-only setting).",
    ),
    "archive.stick.io_error": (
        "{device} で入出力エラーが発生しました。媒体が故障している可能性があります。"
        "この媒体は消去待ちとし、別の媒体を使ってください。",
        "{device} reported an I/O error: the medium may be failing. It is left waiting "
        "for a wipe; use another medium.",
    ),
    "archive.stick.vanished": (
        "{device} が見つかりません。抜かれたか、接続が切れました。",
        "{device} is gone: it was removed or disconnected.",
    ),
    "archive.stick.must_mount": (
        (
            "{device} は {fstype} 形式です。この形式はマウントしないと書き込めません。"
            "マウントしてからやり直してください。"
        ),
        (
            "{device} is formatted {fstype}, which can only be written while mounted. "
            "Mount it and try again."
        ),
    ),
    "archive.stick.unknown_filesystem": (
        "{device} に FAT32 / exFAT のファイルシステムが見つかりません。初期化が必要です。",
        "No FAT32 or exFAT filesystem was found on {device}. It needs initialising.",
    ),
    "archive.stick.file_exists": (
        "{device} には既に「{name}」があります。",
        "'{name}' already exists on {device}.",
    ),
    "archive.stick.file_missing": (
        "{device} に「{name}」がありません。",
        "'{name}' is not on {device}.",
    ),
    "archive.stick.tool_failed": (
        "{device} の操作に失敗しました（{detail}）。",
        "The operation on {device} failed ({detail}).",
    ),
    # record counts of CSV files
    "archive.csv.undecodable": (
        "{file} の {line} 行目の文字が UTF-8 でも Shift_JIS でも読めません。",
        "{file} line {line}: the text is neither UTF-8 nor Shift_JIS.",
    ),
    "archive.csv.nul": (
        "{file} の {line} 行目に NUL 文字があります。CSV ではないか、壊れています。",
        "{file} line {line} contains a NUL character: not a CSV file, or damaged.",
    ),
    "archive.csv.malformed": (
        "{file} の {line} 行目で CSV の形式が崩れています（{detail}）。",
        "{file} line {line}: malformed CSV ({detail}).",
    ),
    "archive.csv.no_header": ("{file} に見出し行がありません。", "{file} has no header row."),
    "archive.csv.no_such_column": (
        "{file} に列「{column}」がありません。",
        "{file} has no column '{column}'.",
    ),
    "archive.csv.encoding.utf-8-sig": ("UTF-8（BOM付き）", "UTF-8 with BOM"),
    "archive.csv.encoding.utf-8": ("UTF-8", "UTF-8"),
    "archive.csv.encoding.cp932": ("Shift_JIS", "Shift_JIS"),
    "archive.csv.encoding.euc_jp": ("EUC-JP", "EUC-JP"),
    # sealed passwords
    "archive.seal.key_missing": (
        "パスワード保管用の鍵（{name}）が見つかりません。鍵ファイルを戻してください。",
        "The password sealing key ({name}) is missing. Restore the key file.",
    ),
    "archive.seal.broken": (
        "保管されたパスワードを開けません（鍵が違うか、記録が壊れています）。",
        "The sealed password cannot be opened (wrong key, or the record is damaged).",
    ),
    # reading passwords aloud
    "archive.password.digit": ("数字の {digit}", "digit {digit}"),
    "archive.password.letter": ("{letter}（{word} の {letter}）", "{letter} as in {word}"),
}
