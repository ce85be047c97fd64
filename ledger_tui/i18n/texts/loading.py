"""Texts of encrypted loading onto sticks, password retrieval and the intake of returns."""

TEXTS: dict[str, tuple[str, str]] = {
    # states and phases
    "load.state.in_progress": ("格納中", "in progress"),
    "load.state.verified": ("検証済", "verified"),
    "load.state.failed": ("失敗", "failed"),
    "load.state.cancelled": ("中止", "cancelled"),
    "load.phase.write": ("書き込み", "writing"),
    "load.phase.verify": ("検証", "verifying"),
    "load.phase.intake": ("読み取り", "reading"),
    # refusals before the stick is touched
    "load.error.no_loan": (
        "媒体 {control_number} の格納先の委託契約を選んでください。",
        "Choose the contract whose data go onto medium {control_number}.",
    ),
    "load.error.loan_not_draft": (
        "{medium} の貸出は「{state}」です。格納できるのは準備中の貸出だけです。",
        "The loan of {medium} is '{state}'. Only a draft loan can be loaded.",
    ),
    "load.error.medium_not_blank": (
        "媒体 {control_number} は「{state}」です。格納できるのは消去済（空）のUSBメモリだけです。",
        "Medium {control_number} is '{state}'. Only a blank (wiped) stick can be loaded.",
    ),
    "load.error.needs_wipe": (
        "媒体 {control_number} は消去待ちです（前回の格納が終わらなかったなど）。先に消去してください（登録簿で w、または ledger-tui wipe --medium {control_number} --device 装置）。",
        (
            "Medium {control_number} is waiting for its wipe (an earlier load did not finish, "
            "for instance). Wipe it first (w in the register, or "
            "`ledger-tui wipe --medium {control_number} --device PATH`)."
        ),
    ),
    "load.error.running": (
        "{medium} への格納が実行中です。終わるまで待ってください。格納していた端末が止まっている場合は ledger-tui load resolve --load {load} で解消してください。",
        "A load of {medium} is running. Wait for it; if the desk running it stopped, resolve it with `ledger-tui load resolve --load {load}`.",
    ),
    "load.error.no_longer_running_here": (
        "{medium} への格納は別の端末で中断として記録されました。この格納は止めます。USBメモリを消去してから格納し直してください。",
        "The load of {medium} was recorded as interrupted by another desk, so it stops here. Wipe the stick, then load it again.",
    ),
    "load.error.running_concurrent": (
        "別の端末が {medium} への格納を始めたところです。",
        "Another desk has just started loading {medium}.",
    ),
    "load.error.no_key_dir": (
        "鍵の保管フォルダが設定されていません。パスワードを封印できないため格納できません。",
        "No key folder is configured: passwords cannot be sealed, so nothing can be loaded.",
    ),
    "load.error.count_changed": (
        "ファイルの件数が確認時と違います（確認 {expected} 件、現在 {found} 件）。ファイルが変更されていないか確認し、やり直してください。",
        (
            "The record count differs from the one confirmed ({expected} confirmed, {found} "
            "now). Check whether the files changed, then start again."
        ),
    ),
    "load.error.no_longer_running": (
        "{medium} への格納は既に「{state}」として記録されています。",
        "The load of {medium} has already been recorded as '{state}'.",
    ),
    "load.error.unexpected": (
        "予期しないエラーで格納が止まりました（{kind}）。ログを確認してください。",
        "The load stopped on an unexpected error ({kind}). See the log.",
    ),
    "load.error.interrupted": (
        "格納が中断されました（プログラムまたは端末の停止）。USBメモリは消去待ちです。消去してから格納し直してください（登録簿で w）。",
        (
            "The load was interrupted (the program or the workstation stopped). The stick "
            "waits for its wipe; wipe it, then load again (w in the register)."
        ),
    ),
    # the files
    "load.error.no_files": ("格納するファイルを選んでください。", "Choose the files to load."),
    "load.error.not_a_file": ("「{file}」はファイルではありません。", "'{file}' is not a file."),
    "load.error.duplicate_file": (
        "同じ名前のファイル「{file}」が2つあります。",
        "Two files are named '{file}'.",
    ),
    "load.error.csv_too_large": (
        "CSV ファイル「{file}」は {size:,} バイトあり、列で分割できる上限（{limit:,} バイト）を超えています。分割せずに積み込むか、ファイルを分けてください。",
        (
            "The CSV file '{file}' has {size:,} bytes, more than can be split by a column "
            "({limit:,} bytes). Load it without a split column, or split the file."
        ),
    ),
    "load.error.split_needs_csv": (
        "分割できるのは CSV ファイルだけです（「{file}」）。分割しない場合は分割列を指定しないでください。",
        "Only CSV files can be split ('{file}'). To load without splitting, give no column.",
    ),
    "load.error.split_empty": (
        "列「{column}」で分割するデータ行がありません。",
        "There are no data rows to split by the column '{column}'.",
    ),
    "load.error.too_many_parts": (
        "列「{column}」で分割すると {parts} 個になります（上限 {limit}）。分割に使えるのは地区や調査員の列だけです。氏名や住所の列は使えません。",
        (
            "Splitting by '{column}' gives {parts} parts (at most {limit}). Split by an area or "
            "investigator column only, never a name or address column."
        ),
    ),
    "load.error.split_personal_column": (
        "列「{column}」は個人の情報（氏名・住所など）の列のため、分割には使えません。分割に使えるのは地区や調査員の列だけです。",
        (
            "The column '{column}' holds personal data (a name, an address...) and cannot "
            "split a load. Split by an area or investigator column only."
        ),
    ),
    "load.error.split_unique_values": (
        "列「{column}」は行ごとに値が違うため（氏名や住所の列と考えられます）、分割には使えません。分割に使えるのは地区や調査員の列だけです。",
        (
            "The column '{column}' has a different value on every row (it looks like a name "
            "or address column) and cannot split a load. Split by an area or investigator "
            "column only."
        ),
    ),
    # the stick
    "load.stick.missing": (
        "{device} が見つかりません。USBメモリが差し込まれているか確認してください。",
        "{device} was not found. Check that the USB stick is plugged in.",
    ),
    "load.stick.not_block_device": (
        "{device} は記憶装置ではありません。",
        "{device} is not a storage device.",
    ),
    "load.stick.loop_not_allowed": (
        "{device} は試験用のループデバイスです。試験モード（LEDGER_TUI_ALLOW_LOOP_DEVICES=1）でなければ使えません。",
        (
            "{device} is a test loop device. It can only be used in test mode "
            "(LEDGER_TUI_ALLOW_LOOP_DEVICES=1)."
        ),
    ),
    "load.stick.system_disk": (
        "{device} はこの端末のシステムが入っている装置です。使えません。",
        "{device} holds this workstation's system. It cannot be used.",
    ),
    "load.stick.not_usb": (
        "{device} はUSB接続のメモリではありません（接続: {bus}）。",
        "{device} is not a USB stick (bus: {bus}).",
    ),
    "load.stick.no_registered_serial": (
        "媒体 {control_number} には台帳にシリアル番号がありません。差し込まれたUSBメモリと照合できないため使えません。",
        (
            "Medium {control_number} has no serial number in the register, so the inserted "
            "stick cannot be matched to it."
        ),
    ),
    "load.stick.wrong_stick": (
        "差し込まれたUSBメモリ {device} は {control_number} ではありません（シリアル {detected}、台帳 {registered}）。",
        (
            "The stick in {device} is not {control_number} (serial {detected}, register "
            "{registered})."
        ),
    ),
    "load.stick.not_empty": (
        "{control_number} のUSBメモリ（{device}）にファイルが残っています（{files} 個、例: {first}）。台帳では消去済です。消去し直してください。",
        (
            "The stick {control_number} ({device}) still holds files ({files}, e.g. {first}) "
            "though the register says it is blank. Wipe it again."
        ),
    ),
    "load.stick.no_room": (
        "{device} の空き容量が足りません（必要 {needed} バイト、空き {free} バイト）。",
        "Not enough free space on {device} ({needed} bytes needed, {free} free).",
    ),
    # records and passwords
    "load.error.not_found": (
        "格納 {ref} はありません。",
        "There is no load {ref}.",
    ),
    "load.error.not_verified": (
        "格納 {ref} は「{state}」です。パスワードがあるのは検証済の格納だけです。",
        "Load {ref} is '{state}'. Only a verified load has passwords.",
    ),
    "load.error.archive_required": (
        "格納 {ref} には書庫が複数あります。書庫を指定してください（{archives}）。",
        "Load {ref} has several archives. Name one ({archives}).",
    ),
    "load.error.no_such_archive": (
        "格納 {ref} に書庫「{archive}」はありません。",
        "Load {ref} has no archive '{archive}'.",
    ),
    "load.error.not_running": (
        "格納 {ref} は実行中ではありません（{state}）。",
        "Load {ref} is not running ({state}).",
    ),
    # intake
    "intake.error.no_loan": (
        "媒体 {control_number} には返却を受け付ける貸出がありません。",
        "Medium {control_number} has no loan whose return could be taken in.",
    ),
    "intake.error.loan_not_out": (
        "{medium} の貸出は「{state}」です。読み取れるのは貸出中または返却済の貸出だけです。",
        "The loan of {medium} is '{state}'. Only a loan that is out or back can be taken in.",
    ),
    "intake.error.unexpected_file": (
        "{control_number} に想定外のファイル「{file}」があります。暗号化された ZIP 書庫以外は受け取れません（平文の個人情報の可能性があります）。",
        (
            "{control_number} holds an unexpected file '{file}'. Only encrypted ZIP archives "
            "are accepted (it may be plaintext personal data)."
        ),
    ),
    "intake.error.no_archives": (
        "{control_number} に書庫がありません。",
        "{control_number} holds no archive.",
    ),
    "intake.error.missing_archive": (
        "{control_number} に格納した書庫「{archive}」がありません。",
        "The archive '{archive}' loaded onto {control_number} is missing.",
    ),
    "intake.error.missing_file": (
        "書庫 {archive} に格納したファイル「{file}」がありません。",
        "The file '{file}' loaded into {archive} is missing.",
    ),
    "intake.error.password_needed": (
        "書庫 {archive} を開くパスワードが台帳にありません。委託先のパスワードを入力してください。",
        "The ledger holds no password for {archive}: enter the contractor's password.",
    ),
    "intake.error.dest_not_folder": (
        "保存先「{path}」はフォルダではありません。",
        "The destination '{path}' is not a folder.",
    ),
    "intake.error.dest_exists": (
        "保存先に「{path}」が既にあります。上書きはしません。別のフォルダを選んでください。",
        "'{path}' already exists. Nothing is overwritten: choose another folder.",
    ),
    "intake.error.dest_write": (
        "「{path}」に書き込めません（{detail}）。",
        "Cannot write '{path}' ({detail}).",
    ),
    "intake.error.unsafe_name": (
        "書庫 {archive} のファイル名「{entry}」は保存先の外を指します。",
        "In {archive}, the name '{entry}' points outside the destination.",
    ),
    "intake.warning.plaintext": (
        "注意: 復号したファイルは平文の個人情報です。保存先（{path}）は施錠された端末内の限られたフォルダにし、用が済んだら消去してください。",
        (
            "Caution: the decrypted files are plaintext personal data. Keep the destination "
            "({path}) to a restricted folder on this locked workstation and erase them when "
            "done."
        ),
    ),
    "intake.password_source.loan": ("貸出時のパスワード", "the loan's password"),
    "intake.password_source.given": ("委託先のパスワード", "the contractor's password"),
    # command line
    "cli.cmd.load": (
        "ファイルを暗号化してUSBメモリに格納する（load password / notice / show / resolve も）",
        "encrypt files onto a stick (also: load password / notice / show / resolve)",
    ),
    "cli.cmd.intake": (
        "返却されたUSBメモリの書庫を検証し件数を数える",
        "verify and count the archives on a returned stick",
    ),
    "cli.opt.load_files": (
        "格納するファイル（または password / notice / show / resolve）",
        "files to load (or password / notice / show / resolve)",
    ),
    "cli.opt.device": ("USBメモリの装置（例: /dev/sdb）", "the stick's device (e.g. /dev/sdb)"),
    "cli.opt.split_column": (
        "調査員毎に分割する列（地区や調査員の列。氏名・住所の列は不可）",
        "column to split by, one archive per investigator (an area column, never a name)",
    ),
    "cli.opt.load_contract": (
        "貸出がないとき、この契約で作成する",
        "open the loan under this contract if none",
    ),
    "cli.opt.expect_count": (
        "確認した件数（違えば格納しない）",
        "the confirmed record count (refuse if different)",
    ),
    "cli.opt.load_plan": ("件数を数えるだけ（書き込まない）", "only count (write nothing)"),
    "cli.opt.load_id": ("格納番号", "load id"),
    "cli.opt.archive": ("書庫の名前", "archive name"),
    "cli.opt.notice_pdf": (
        "パスワード通知書を書き出す PDF ファイル",
        "PDF file for the password notice",
    ),
    "cli.opt.intake_dest": (
        "復号したファイルの保存先フォルダ（省略時は検証と件数のみ）",
        "folder for the decrypted files (default: verify and count only)",
    ),
    "cli.opt.contractor_password": (
        "委託先のパスワードを標準入力から読む",
        "read the contractor's password from stdin",
    ),
    "cli.password.contractor": ("委託先の書庫パスワード", "the contractor's archive password"),
    "cli.error.load_needs_medium_device": (
        "--medium と --device を指定してください（件数だけなら --plan）。",
        "Give --medium and --device (or --plan to count only).",
    ),
    "cli.error.load_id_required": ("--load を指定してください。", "Give --load."),
    "cli.error.notice_pdf_required": ("--pdf を指定してください。", "Give --pdf."),
    "cli.load.plan_file": (
        "{name}: {records} 件（{encoding}、{size} バイト）",
        "{name}: {records} records ({encoding}, {size} bytes)",
    ),
    "cli.load.plan_part": ("[{area}] {records} 件", "[{area}] {records} records"),
    "cli.load.plan_total": (
        "合計 {records} 件、書庫 {archives} 個",
        "total {records} records, {archives} archive(s)",
    ),
    "cli.load.progress": (
        "{phase} {index}/{count}: {done}/{total} MB {rate} MB/s 残り {eta} 秒",
        "{phase} {index}/{count}: {done}/{total} MB {rate} MB/s ETA {eta} s",
    ),
    "cli.load.done": (
        "格納 {load}: {control_number} に {records} 件（書庫 {archives} 個）を格納し、検証しました。",
        "Load {load}: {records} records ({archives} archive(s)) on {control_number}, verified.",
    ),
    "cli.load.archive": (
        "  {name}: {records} 件、{size} バイト、SHA-256 {sha256}",
        "  {name}: {records} records, {size} bytes, SHA-256 {sha256}",
    ),
    "cli.load.password": ("  パスワード: {password}", "  password: {password}"),
    "cli.load.password_once": (
        "パスワードはこの一度だけ表示します。後から見るには load password --load {load}（記録されます）。",
        "The password is shown this once. Later: load password --load {load} (logged).",
    ),
    "cli.load.notice_saved": (
        "パスワード通知書を {path} に書き出しました（記録済）。",
        "Password notice written to {path} (logged).",
    ),
    "cli.load.shown": (
        "格納 {load}（{control_number}、{attempt} 回目）: {state}、{records} 件、理由: {reason}",
        "Load {load} ({control_number}, attempt {attempt}): {state}, {records} records, "
        "reason: {reason}",
    ),
    "cli.load.resolved": (
        "中断された格納 {load} を失敗として記録しました。{control_number} は消去待ちです。",
        "Interrupted load {load} recorded as failed; {control_number} waits for a wipe.",
    ),
    "cli.intake.done": (
        "受入 {intake}: {control_number} の書庫 {archives} 個を検証しました。返却件数 {records} 件（貸出: {state}）。",
        (
            "Intake {intake}: {archives} archive(s) on {control_number} verified; {records} "
            "records returned (loan: {state})."
        ),
    ),
    "cli.intake.archive": (
        "  {name}: {records} 件、{files} ファイル（{source}）",
        "  {name}: {records} records, {files} file(s) ({source})",
    ),
    "cli.intake.no_back_slip": ("返却の受け渡し票はまだありません。", "There is no back-slip yet."),
    "cli.intake.count_matches": (
        "受け渡し票 {number} の件数 {count} 件と一致します。",
        "Matches the {count} records of slip {number}.",
    ),
    "cli.intake.count_differs": (
        "受け渡し票 {number} の件数 {count} 件と一致しません（読み取り {records} 件）。",
        "Differs from the {count} records of slip {number} ({records} read).",
    ),
    "cli.intake.written": (
        "復号したファイルを {path} に保存しました（平文の個人情報です）。",
        "Decrypted files saved in {path} (plaintext personal data).",
    ),
}
