"""Texts printed on paper forms (kept here so screens and paper share one catalogue),
and the messages of printing errors."""

TEXTS: dict[str, tuple[str, str]] = {
    "era.reiwa": ("令和", "Reiwa"),
    "era.heisei": ("平成", "Heisei"),
    "era.first_year": ("元", "1"),
    # dates on paper: `wareki` is 令和7年6月1日 in Japanese and "Reiwa 7" in English
    "form.date": ("{wareki}（{iso}）", "{iso} ({wareki})"),
    "form.date_cell": ("{wareki}\n（{iso}）", "{iso}\n({wareki})"),
    "form.fiscal_year": ("{text}", "FY{text}"),
    "form.time": ("{hour}時{minute}分", "{hour}:{minute}"),
    "form.datetime": ("{date} {time}", "{date} {time}"),
    "form.era_year": ("{era}{year}年", "{era} {year}"),
    # the frame every form shares
    "form.copy.ward": ("区控", "Ward copy"),
    "form.copy.contractor": ("委託先控", "Contractor copy"),
    "form.copy.extra": ("控{n}", "Copy {n}"),
    "form.number": ("No. {number}", "No. {number}"),
    "form.issued_on": ("発行日 {date}", "Issued {date}"),
    "form.page": ("{page} / {pages}", "{page} / {pages}"),
    "form.issuer": ("発行", "Issued by"),
    "form.audit_hash": ("監査記録ハッシュ", "Audit entry hash"),
    "form.cancelled_mark": ("取消", "CANCELLED"),
    "form.reprint_mark": ("再印刷", "REPRINT"),
    "form.empty": ("なし", "none"),
    "form.count": ("{count}件", "{count} records"),
    "form.list_separator": ("、", ", "),
    "form.continued": ("（続き）", "(continued)"),
    # 個人情報受け渡し票 (handover slip)
    "slip.title.out": ("個人情報受け渡し票（提供）", "Personal Data Handover Slip (Out)"),
    "slip.title.back": ("個人情報受け渡し票（返却）", "Personal Data Handover Slip (Return)"),
    "slip.title.cancelling": ("取消票", "Cancellation"),
    "slip.lead.out": (
        "下記のとおり個人情報を記録した媒体を委託先に提供します。",
        "The ward hands the medium holding the personal data below to the contractor.",
    ),
    "slip.lead.back": (
        "下記のとおり個人情報を記録した媒体の返却を受けました。",
        "The ward has received back the medium holding the personal data below.",
    ),
    "slip.lead.cancelling": (
        "下記のとおり受け渡し票 {number} を取り消します。",
        "This slip cancels handover slip {number} as set out below.",
    ),
    "slip.field.number": ("票番号", "Slip no."),
    "slip.field.datetime": ("受け渡し日時", "Date and time"),
    "slip.group.contract": ("委託契約", "Contract"),
    "slip.field.contract_title": ("件名", "Title"),
    "slip.field.section": ("担当課", "Section"),
    "slip.group.contractor": ("委託先", "Contractor"),
    "slip.field.contractor_name": ("名称", "Name"),
    "slip.field.contractor_handler": ("取扱者", "Handler"),
    "slip.group.ward": ("区", "Ward"),
    "slip.field.ward_handler": ("担当者", "Handler"),
    "slip.group.medium": ("媒体", "Medium"),
    "slip.field.control_number": ("管理番号", "Control no."),
    "slip.field.kind": ("種類", "Kind"),
    "slip.field.serial": ("シリアル番号", "Serial no."),
    "slip.field.content": ("情報の内容", "Information content"),
    "slip.field.count": ("件数", "Record count"),
    "slip.field.transfer": ("受け渡し方法", "Transfer method"),
    "slip.transfer.tracking": ("追跡番号 {value}", "tracking no. {value}"),
    "slip.transfer.seal": ("封印番号 {value}", "seal no. {value}"),
    "slip.transfer.detail": ("{method}（{detail}）", "{method} ({detail})"),
    "slip.field.expected_return": ("返却予定日", "Expected return"),
    "slip.group.reconciliation": ("件数照合", "Count check"),
    "slip.field.out_slip": ("提供時の票番号", "Out-slip no."),
    "slip.field.out_count": ("提供件数", "Count handed out"),
    "slip.field.result": ("照合結果", "Result"),
    "slip.reconciliation.match": ("一致", "counts match"),
    "slip.reconciliation.differ": (
        "不一致（差 {difference}件）",
        "counts differ (difference {difference})",
    ),
    "slip.field.explanation": ("差異の説明", "Explanation"),
    "slip.field.notes": ("備考", "Notes"),
    "slip.group.cancellation": ("取消", "Cancellation"),
    "slip.field.cancels": ("取消対象票番号", "Cancels slip no."),
    "slip.field.cancelled_by": ("取消票番号", "Cancelled by slip no."),
    "slip.field.cancel_reason": ("取消理由", "Reason"),
    "slip.stamp.ward_handler": ("区 担当者印", "Ward handler"),
    "slip.stamp.ward_checker": ("区 確認者印", "Ward checker"),
    "slip.stamp.contractor_handler": ("委託先 取扱者印", "Contractor handler"),
    # パスワード通知書 (password notice)
    "notice.title": ("パスワード通知書", "Password Notice"),
    "notice.lead": (
        "下記の媒体に格納したファイルのパスワードを通知します。",
        "This notice gives the password of the files stored on the medium below.",
    ),
    "notice.field.related_slip": ("受け渡し票番号", "Handover slip no."),
    "notice.field.archives": ("ファイル名", "Archive file(s)"),
    "notice.field.password": ("パスワード", "Password"),
    "notice.password_hint": (
        "ハイフン（-）もパスワードの一部です（行末のハイフンも入力し、改行は入力しません）。"
        "表示のとおりに入力してください。",
        "The hyphens are part of the password (the one ending a line too; the line break "
        "is not): type it exactly as shown.",
    ),
    "notice.warning": (
        "この通知書は媒体と別に送付・保管してください。",
        "Send and keep this notice separately from the medium.",
    ),
    "notice.field.issued_by": ("通知者", "Notified by"),
    # データ消去証明書 (erasure certificate)
    "erasure.title": ("データ消去証明書", "Data Erasure Certificate"),
    "erasure.lead": (
        "下記の媒体に記録されていたデータを、復元できないよう消去したことを証明します。",
        (
            "This certifies that the data recorded on the medium below was erased so that "
            "it cannot be restored."
        ),
    ),
    "erasure.field.number": ("証明書番号", "Certificate no."),
    "erasure.field.issuer_section": ("発行課", "Issuing section"),
    "erasure.field.make": ("メーカー", "Make"),
    "erasure.field.model": ("型番", "Model"),
    "erasure.field.capacity": ("容量", "Capacity"),
    "erasure.group.use": ("使用経緯", "Used for"),
    "erasure.field.loan": ("貸出（票番号）", "Loan (slip nos.)"),
    "erasure.group.method": ("消去方法", "Method"),
    "erasure.field.method": ("方式", "Method"),
    "erasure.field.category": ("消去区分", "Category"),
    "erasure.category": ("NIST SP 800-88 {category}", "NIST SP 800-88 {category}"),
    "erasure.field.passes": ("回数・パターン", "Passes and pattern"),
    "erasure.passes": ("{passes}回（{pattern}）", "{passes} pass(es) ({pattern})"),
    "erasure.field.tool": ("ツール・版", "Tool and version"),
    "erasure.group.verification": ("検証", "Verification"),
    "erasure.field.verification": ("検証方法・結果", "Method and result"),
    "erasure.verified_ok": ("全領域読み戻し検証：合格", "full read-back: passed"),
    "erasure.verified_failed": ("全領域読み戻し検証：不合格", "full read-back: FAILED"),
    "erasure.not_verified": ("検証なし", "not verified"),
    "erasure.field.bytes": ("書込量／検証量", "Bytes written / verified"),
    "erasure.bytes": ("{written} ／ {verified} バイト", "{written} / {verified} bytes"),
    "erasure.field.errors": ("エラー", "Errors"),
    "erasure.group.time": ("実施時間", "Timing"),
    "erasure.field.started": ("開始", "Started"),
    "erasure.field.finished": ("終了", "Finished"),
    "erasure.field.duration": ("所要時間・平均速度", "Duration and throughput"),
    "erasure.duration": ("{duration}（{rate} MB/秒）", "{duration} ({rate} MB/s)"),
    "erasure.group.people": ("実施体制", "People"),
    "erasure.field.operator": ("実施者", "Performed by"),
    "erasure.field.witness": ("立会者", "Witnessed by"),
    "erasure.category.clear": ("Clear（上書き消去）", "Clear (overwrite)"),
    "erasure.category.purge": ("Purge（暗号消去）", "Purge (cryptographic erase)"),
    "erasure.category.destroy": ("Destroy（物理破壊）", "Destroy (physical destruction)"),
    "erasure.stamp.operator": ("実施者印", "Operator"),
    "erasure.stamp.witness": ("立会者印", "Witness"),
    "erasure.stamp.checker": ("確認者印", "Checker"),
    # USBメモリ管理台帳 (register sheet)
    "register.title": ("USBメモリ管理台帳", "Media Register"),
    "register.field.printed_at": ("作成日時", "Prepared at"),
    "register.field.summary": ("登録媒体", "Media registered"),
    "register.summary": ("{fiscal_year}　{count}", "{fiscal_year} · {count}"),
    "register.field.prepared_by": ("作成者", "Prepared by"),
    "register.stamp.prepared_by": ("作成者印", "Preparer"),
    "register.stamp.checker": ("確認者印", "Checker"),
    "register.col.control_number": ("管理番号", "Control no."),
    "register.col.kind": ("種類", "Kind"),
    "register.col.make_model": ("メーカー・型番", "Make / model"),
    "register.col.serial": ("シリアル番号", "Serial no."),
    "register.col.registered": ("登録日", "Registered"),
    "register.col.location": ("保管場所", "Location"),
    "register.col.state": ("状態", "State"),
    "register.col.loan": (
        "貸出状況（契約／委託先、貸出日 → 返却予定日）",
        "Current loan (contract / contractor, since → due)",
    ),
    "register.loan": (
        "{contract}／{contractor}\n{since} → {due}",
        "{contract} / {contractor}\n{since} → {due}",
    ),
    # 点検記録 (inspection record)
    "inspection.title": ("USBメモリ等点検記録", "Media Inspection Record"),
    "inspection.field.date": ("点検日", "Inspection date"),
    "inspection.field.inspector": ("点検者", "Inspector"),
    "inspection.field.summary": ("点検結果", "Summary"),
    "inspection.summary": (
        "所在確認 {found}件　貸出中 {on_loan}件　所在不明 {missing}件　台帳外 {unexpected}件"
        "　台帳不一致 {anomaly}件",
        "found {found} · on loan {on_loan} · missing {missing} · not in register {unexpected}"
        " · against the register {anomaly}",
    ),
    "inspection.col.no": ("No.", "No."),
    "inspection.col.control_number": ("管理番号", "Control no."),
    "inspection.col.kind": ("種類", "Kind"),
    "inspection.col.register_state": ("台帳上の状態", "State in register"),
    "inspection.col.finding": ("点検結果", "Finding"),
    "inspection.col.note": ("備考", "Note"),
    "inspection.finding.found": ("所在確認", "found"),
    "inspection.finding.missing": ("所在不明", "MISSING"),
    "inspection.finding.on_loan": ("貸出中", "out on loan"),
    "inspection.finding.unexpected": ("台帳外", "not in register"),
    "inspection.finding.anomaly": ("台帳不一致", "AGAINST REGISTER"),
    "inspection.flag_mark": (" ※", " *"),
    "inspection.stamp.inspector": ("点検者印", "Inspector"),
    "inspection.stamp.checker": ("確認者印", "Checker"),
    # printing and PDF errors
    "error.print.font_missing": (
        (
            "日本語フォント（IPAexゴシック）が見つかりません。Debian パッケージ "
            "fonts-ipaexfont-gothic をインストールするか、環境変数 LEDGER_TUI_FONT に "
            "TrueType フォント（.ttf）のパスを指定してください。探した場所：{paths}"
        ),
        (
            "The Japanese font (IPAexGothic) was not found. Install the Debian package "
            "fonts-ipaexfont-gothic or set LEDGER_TUI_FONT to a TrueType (.ttf) font file. "
            "Looked in: {paths}"
        ),
    ),
    "error.print.font_unusable": (
        "フォント {path} は使えません（TrueType の .ttf が必要です）：{detail}",
        "The font {path} cannot be used (a TrueType .ttf is needed): {detail}",
    ),
    "error.print.lp_missing": (
        "印刷コマンド lp がありません。Debian パッケージ cups-client をインストールしてください。",
        "The lp command is missing. Install the Debian package cups-client.",
    ),
    "error.print.cups_down": (
        "印刷サービス（CUPS）に接続できません：{detail}",
        "Cannot reach the print service (CUPS): {detail}",
    ),
    "error.print.no_printer": (
        "プリンタ「{printer}」は CUPS に登録されていません。",
        "The printer '{printer}' does not exist in CUPS.",
    ),
    "error.print.no_default": (
        (
            "プリンタが決まっていません。環境変数 LEDGER_TUI_PRINTER を設定するか、"
            "CUPS の既定のプリンタを設定してください。"
        ),
        "No printer is configured. Set LEDGER_TUI_PRINTER or a CUPS default printer.",
    ),
    "error.print.lp_failed": (
        "印刷を受け付けられませんでした（lp）：{detail}",
        "The print job was refused (lp): {detail}",
    ),
    "error.print.timeout": (
        "印刷ジョブ {job} が {seconds} 秒以内に終わりませんでした。プリンタの状態：{status}",
        "Print job {job} did not finish within {seconds} s. Printer status: {status}",
    ),
    "error.print.write_failed": (
        "PDF を {path} に書き込めません：{detail}",
        "Cannot write the PDF to {path}: {detail}",
    ),
    "error.print.copies": (
        "部数は1〜{maximum}の整数です。",
        "The number of copies is a whole number from 1 to {maximum}.",
    ),
    # printer states shown with the printer's own message
    "printer.state.idle": ("待機中", "idle"),
    "printer.state.printing": ("印刷中", "printing"),
    "printer.state.disabled": ("停止中", "disabled"),
    "printer.state.unknown": ("不明", "unknown"),
}
