"""Texts of the wipe service, erasure certificates, disposals and contractor erasures,
and of their commands (`wipe`, `certificate`, `certificates`, `destroy`,
`contractor-erasure`). The engine's and the device guards' texts are in texts/wipe.py.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- register guards ------------------------------------------------------------------
    "error.wiping.not_in_register": (
        "管理番号 {control_number} は台帳に登録されていません。台帳に登録された媒体だけを消去できます。",
        "Control number {control_number} is not in the register. Only registered media can be wiped.",
    ),
    "error.wiping.not_a_stick": (
        "{control_number} はUSBメモリではありません（種類: {kind}）。CD-R・紙ケースは「破棄・返却」で記録してください。",
        "{control_number} is not a USB stick (kind: {kind}). Record a CD-R or paper case as destroyed or returned to file instead.",
    ),
    "error.wiping.loan_out": (
        "{control_number} は委託先に貸し出されたままです。返却の受け渡し票を確認してから消去してください。",
        "{control_number} is still out with the contractor. Confirm its back-slip before wiping it.",
    ),
    "error.wiping.state": (
        "{control_number} は状態「{state}」のため消去できません（返却済・消去待ち・新規登録のUSBメモリだけが対象です）。",
        "{control_number} cannot be wiped in state {state} (only returned, wipe-pending or newly registered sticks can).",
    ),
    "error.wiping.already_running": (
        "{control_number} は別の消去が実行中です。終わるまで待ってください。",
        "Another wipe of {control_number} is running. Wait until it ends.",
    ),
    "error.wiping.run_not_found": (
        "消去記録 {ref} は見つかりません。",
        "Wipe run {ref} was not found.",
    ),
    "error.wiping.method": (
        "消去方式 {method} は使えません（{choices} のいずれか）。",
        "Wipe method {method} is not supported (choose one of {choices}).",
    ),
    "error.wiping.run_not_running": (
        "{control_number} の消去は実行中ではなくなっています（他の端末が中断として記録しました）。媒体は消去待ちのままです。最初からやり直してください。",
        "The wipe of {control_number} is no longer running (another desk recorded it as interrupted). The medium stays wipe pending; start the wipe again.",
    ),
    "error.wiping.interrupted_by_operator": (
        "消去を中断しました。媒体は消去待ちのままです。最初からやり直してください。",
        "The wipe was interrupted. The medium stays wipe pending; start the wipe again.",
    ),
    "error.wiping.unexpected": (
        "消去中に予期しないエラー（{kind}）が起きました。媒体は消去待ちのままです。",
        "An unexpected error ({kind}) stopped the wipe. The medium stays wipe pending.",
    ),
    "error.wiping.illegal_transition": (
        "{control_number} の消去の記録は「{current}」から「{target}」へ移せません。",
        "The wipe of {control_number} cannot move from '{current}' to '{target}'.",
    ),
    "error.wiping.interrupted": (
        "消去が途中で止まりました（端末の停止またはUSBメモリの抜去。最後の記録: {phase}、{offset:,} バイト）。媒体は消去待ちのままです。最初からやり直してください。",
        "The wipe stopped part-way (the workstation stopped or the stick was pulled; last checkpoint: {phase}, {offset:,} bytes). The medium stays wipe pending; start the wipe again.",
    ),
    "error.wiping.blank_needs_verified_wipe": (
        "USBメモリ {control_number} は、全領域の消去と検証が完了したときにだけ「空（確認済）」になります。台帳から手作業で変更することはできません。消去を実行してください。",
        "USB stick {control_number} becomes blank only through a complete, verified wipe, never by hand from the register. Run the wipe.",
    ),
    "wipe.phase.mkfs": ("初期化", "initialisation"),
    # --- states and stages for screens and the command line -------------------------------
    "wipe_state.in_progress": ("実行中", "in progress"),
    "wipe_state.verified": ("完了（検証済）", "verified"),
    "wipe_state.failed": ("失敗", "failed"),
    "wipe_state.interrupted": ("中断（異常終了）", "interrupted"),
    "wipe_state.cancelled": ("中止", "cancelled"),
    "wiping.stage.checking": ("確認中", "checking"),
    "wiping.stage.wiping": ("消去中", "wiping"),
    "wiping.stage.initialising": ("初期化中", "initialising"),
    "wiping.stage.recording": ("記録中", "recording"),
    "wiping.stage.done": ("完了", "done"),
    "certificate_kind.wipe": ("消去", "wipe"),
    "certificate_kind.destroy": ("物理破壊", "destruction"),
    "certificate_kind.return_to_file": ("原課返却", "return to file"),
    "disposal.method.shred": (
        "シュレッダーによる裁断（物理破壊）",
        "shredding (physical destruction)",
    ),
    "disposal.method.return_to_file": (
        "書類を原課の簿冊に返却",
        "papers returned to the section's files",
    ),
    # --- certificates -----------------------------------------------------------------------
    "error.certificate.not_found": (
        "証明書 {ref} は見つかりません。",
        "Certificate {ref} was not found.",
    ),
    "error.certificate.print_cancelled": (
        "証明書の印刷を取り消しました（ジョブ {job}）。",
        "Printing the certificate was cancelled (job {job}).",
    ),
    "certificate.section_unset": ("（課名未設定）", "(section not set)"),
    "certificate.method": (
        "全領域上書き、{verification}、{filesystem}",
        "whole device overwritten; {verification}; {filesystem}",
    ),
    "certificate.filesystem": (
        "{filesystem} 初期化（ラベル {label}）",
        "initialised {filesystem} (label {label})",
    ),
    "certificate.no_filesystem": ("初期化なし", "not initialised"),
    "certificate.verification.gmac": (
        "全数読み戻し検証（AES-256-GMAC 照合）",
        "every byte read back (AES-256-GMAC match)",
    ),
    "certificate.verification.bytes": (
        "全数読み戻し検証（1バイトずつ照合）",
        "every byte read back (byte-by-byte compare)",
    ),
    "certificate.pattern.1": ("AES-256-CTR 擬似乱数", "AES-256-CTR pseudo-random"),
    "certificate.pattern.2": (
        "AES-256-CTR 擬似乱数、続いてゼロ",
        "AES-256-CTR pseudo-random, then zeros",
    ),
    "certificate.error": (
        "{phase} {offset} バイト目 エラー {errno}",
        "{phase} at byte {offset}: error {errno}",
    ),
    "certificate.error.recovered": (
        "{phase} {offset} バイト目 エラー {errno}（再試行で回復、検証済）",
        "{phase} at byte {offset}: error {errno} (recovered on retry, verified)",
    ),
    "certificate.category.none": (
        "対象外（消去ではなく原課への返却）",
        "not applicable (returned to file, not sanitised)",
    ),
    "certificate.field.performed_on": ("実施日", "Performed on"),
    "certificate.field.notes": ("備考", "Notes"),
    "certificate.destroy.lead": (
        "下記の媒体を物理的に破壊し、記録された情報を復元できない状態にしたことを証明します。",
        "We certify that the medium below was physically destroyed so that the information on it cannot be recovered.",
    ),
    "certificate.return.title": ("媒体返却記録（原課保管）", "Return-to-File Record"),
    "certificate.return.group": ("返却", "Return"),
    "certificate.return.where": ("返却先（原課）", "Returned to"),
    "certificate.return.returned_on": ("返却日", "Returned on"),
    "certificate.destroy.title": ("媒体破壊証明書", "Media Destruction Certificate"),
    "certificate.destroy.group": ("破壊", "Destruction"),
    "certificate.destroy.method": ("破壊方法", "Method"),
    "certificate.destroy.performed_on": ("破壊日", "Destroyed on"),
    "certificate.tool": (
        "ledger_tui 消去機能 {version}（AES-256-CTR 擬似乱数による上書き、"
        "cryptography {crypto}、O_DIRECT、全バイト読み戻し照合）",
        "ledger_tui wipe {version} (AES-256-CTR keystream overwrite, "
        "cryptography {crypto}, O_DIRECT, every byte read back)",
    ),
    "certificate.tool_and_maker": ("{tool}／初期化：{maker}", "{tool} / formatted with {maker}"),
    "certificate.return.lead": (
        "下記の媒体に収めた書類を、委託先から返却を受けた後、原課の簿冊に戻したことを記録します。",
        "We record that the papers in the medium below, returned by the contractor, were put back into the section's files.",
    ),
    # --- disposals and contractor erasures --------------------------------------------------
    "error.disposal.method": (
        "方法 {method} は使えません（{choices} のいずれか）。",
        "Method {method} is not supported (choose one of {choices}).",
    ),
    "error.disposal.future_date": (
        "日付 {day} は未来の日付です。",
        "The date {day} lies in the future.",
    ),
    "error.disposal.not_for_kind": (
        "{control_number}（種類: {kind}）は方法 {method} で処分できません。原課への返却は紙ケースだけ、USBメモリは通常は消去してください。",
        "{control_number} (kind: {kind}) cannot be disposed of by {method}. Only paper cases are returned to file; USB sticks are normally wiped.",
    ),
    "error.disposal.loan_open": (
        "{control_number} の貸出（状態: {state}）が開いたままです。貸出を取り下げるか、返却を受けてから処分してください。",
        "{control_number} still has its loan open (state: {state}). Withdraw the loan or take the medium back before disposing of it.",
    ),
    "error.disposal.state": (
        "{control_number} は状態「{state}」のため処分を記録できません（返却済・消去待ちの媒体が対象です）。",
        "{control_number} cannot be disposed of in state {state} (only returned or wipe-pending media).",
    ),
    "error.contractor_erasure.before_contract": (
        "消去日が委託期間の開始（{start}）より前です。",
        "The erasure date lies before the contract started ({start}).",
    ),
    "error.contractor_erasure.witness": (
        "立会職員 {login} は登録された有効な操作者ではありません。",
        "The witnessing staff member {login} is not an active operator.",
    ),
    "error.contractor_erasure.duplicate": (
        "委託 {contract} の消去証明書 {number} は既に記録されています。",
        "Erasure certificate {number} of contract {contract} is already recorded.",
    ),
    "error.contractor_erasure.not_found": (
        "委託先の消去記録 {erasure} はありません。",
        "There is no contractor erasure record {erasure}.",
    ),
    "error.contractor_erasure.device_kind": (
        "機器の種類 {kind} は選べません（{choices}）。",
        "Device kind {kind} is not one of {choices}.",
    ),
    "error.contractor_erasure.check": (
        "消去後の状況確認 {check} は選べません（{choices}）。",
        "The check after erasure {check} is not one of {choices}.",
    ),
    "error.contractor_erasure.check_note": (
        "データが残っていた場合は、その内容と対応を記入してください。",
        "When data was found left, write what was found and what was done.",
    ),
    "error.contractor_erasure.future": (
        "消去日時 {moment} は未来の日時です。",
        "The erasure time {moment} lies in the future.",
    ),
    # 委託先の機器と消去後の状況確認
    "contractor_device.pc": ("パソコン", "PC"),
    "contractor_device.tablet": ("タブレット", "Tablet"),
    "contractor_device.other": ("その他の電磁的媒体", "Other medium"),
    "erasure_check.confirmed": ("復元できないことを確認", "Confirmed: nothing restorable"),
    "erasure_check.data_left": ("データ残存（再消去要）", "Data left (erase again)"),
    "cmd.add_erased_device": ("消去機器の追加", "Erased device"),
    "cmd.add_erased_device.help": (
        "選んだ契約の最新の委託先消去に、立会いのもと消去した機器を1台追加",
        "Add a device the contractor erased under the ward's witness to the highlighted "
        "contract's latest contractor erasure",
    ),
    "ui.erased_device.title": (
        "立会いのもと消去した機器（{number}、委託先証明書 {certificate}）",
        "Device erased under witness ({number}, contractor certificate {certificate})",
    ),
    "ui.erased_device.kind": ("機器の種類", "Kind of device"),
    "ui.erased_device.maker_model": ("メーカー・型番", "Make and model"),
    "ui.erased_device.serial": ("シリアル番号", "Serial number"),
    "ui.erased_device.erased_data": ("消去したデータ", "Data erased"),
    "ui.erased_device.method": ("消去方法・ツール", "Method / tool"),
    "ui.erased_device.erased_at": ("消去日時 (YYYY-MM-DD HH:MM)", "Erased at (YYYY-MM-DD HH:MM)"),
    "ui.erased_device.person": ("委託先の実施者", "Contractor's person"),
    "ui.erased_device.witness": ("区の立会者（ログイン名）", "Ward witness (login)"),
    "ui.erased_device.check": ("消去後の状況確認", "Check after erasure"),
    "ui.erased_device.check_note": (
        "確認の内容（残存時は必須）",
        "What the check found (required if data was left)",
    ),
    "ui.erased_device.added": (
        "機器 {position} を記録しました。",
        "Device {position} recorded.",
    ),
    "cmd.erasure_paper": ("消去立会確認書", "Erasure record"),
    "cmd.erasure_paper.help": (
        "選んだ契約の最新の委託先消去の消去立会確認書をPDFに保存",
        "Save the witnessed erasure record of the highlighted contract's latest contractor erasure as PDF",
    ),
    "ui.erasure_paper.none": (
        "この契約には委託先の消去記録がありません（ledger-tui contractor-erasure add）。",
        "This contract has no contractor erasure yet (ledger-tui contractor-erasure add).",
    ),
    # 消去立会確認書 (paper)
    "witness.paper.title": ("電磁的媒体の消去立会確認書", "Witnessed Erasure Record"),
    "witness.paper.lead": (
        "委託先の電磁的媒体（パソコン及びタブレット）に保管した個人情報について、受託業務の終了後、"
        "区職員立会のもとに復元できないよう消去され、消去後の状況を確認したことを記録します。",
        "The personal data kept on the contractor's devices (PCs and tablets) was erased "
        "after the work in the presence of ward staff so that it cannot be restored, and "
        "the state after the erasure was checked, as recorded below.",
    ),
    "witness.paper.field.contract": ("件名", "Contract"),
    "witness.paper.field.contractor": ("委託先", "Contractor"),
    "witness.paper.field.period": ("契約期間", "Contract period"),
    "witness.paper.period": ("{start} 〜 {end}", "{start} to {end}"),
    "witness.paper.field.certificate": (
        "委託先の消去証明書番号",
        "Contractor's certificate no.",
    ),
    "witness.paper.field.erased_on": ("消去日", "Erased on"),
    "witness.paper.field.witness": ("区の立会者", "Ward witness"),
    "witness.paper.field.result": ("消去後の状況確認", "Check after erasure"),
    "witness.paper.summary": (
        "{devices}台　うち確認済 {confirmed}台　データ残存 {left}台",
        "{devices} devices: {confirmed} confirmed, {left} with data left",
    ),
    "witness.paper.field.notes": ("備考", "Notes"),
    "witness.paper.no_devices": (
        "機器ごとの消去はまだ記録されていません。",
        "No device has been recorded for this erasure yet.",
    ),
    "witness.paper.col.no": ("No.", "No."),
    "witness.paper.col.device": (
        "種類\nメーカー・型番\nシリアル番号",
        "Kind\nmake / model\nserial",
    ),
    "witness.paper.col.erased_data": ("消去したデータ", "Data erased"),
    "witness.paper.col.method": ("消去方法・ツール", "Method / tool"),
    "witness.paper.col.when_who": (
        "消去日時\n委託先実施者\n区立会者",
        "When\ncontractor's person\nward witness",
    ),
    "witness.paper.col.check": ("消去後の状況確認", "Check after erasure"),
    "witness.paper.when_who": (
        "{when}\n実施：{person}\n立会：{witness}",
        "{when}\nby {person}\nwitness {witness}",
    ),
    "witness.paper.stamp.contractor_person": ("委託先 実施者印", "Contractor: erased by"),
    "witness.paper.stamp.contractor_responsible": (
        "委託先 責任者印",
        "Contractor: responsible",
    ),
    "witness.paper.stamp.witness": ("区 立会者印", "Ward: witness"),
    "witness.paper.stamp.checker": ("区 確認者印", "Ward: checker"),
    "cli.cmd.contractor_erasure_device": (
        "委託先の消去記録に、立会いのもと消去した機器を1台追加する",
        "add one device erased under the ward's witness to a contractor erasure",
    ),
    "cli.cmd.contractor_erasure_print": (
        "消去立会確認書を印刷する",
        "print the witnessed erasure record",
    ),
    "cli.opt.erasure_id": ("委託先の消去記録のID", "id of the contractor erasure record"),
    "cli.opt.device_kind": ("機器の種類", "kind of device"),
    "cli.opt.maker_model": ("メーカー・型番", "make and model"),
    "cli.opt.device_serial": ("シリアル番号", "serial number"),
    "cli.opt.erased_data": ("消去したデータ", "what was erased"),
    "cli.opt.erase_method": ("消去方法・ツール", "method and tool"),
    "cli.opt.erased_at": (
        "消去日時 YYYY-MM-DDTHH:MM",
        "when it was erased, YYYY-MM-DDTHH:MM",
    ),
    "cli.opt.erased_by": ("消去した委託先の担当者", "the contractor's person who erased it"),
    "cli.opt.erasure_check": ("消去後の状況確認の結果", "the ward's check after the erasure"),
    "cli.opt.check_note": (
        "確認の内容（データ残存時は必須）",
        "what the check found (required when data was left)",
    ),
    "cli.contractor_erasure.device_recorded": (
        "消去記録 {erasure} に機器 {position} を記録しました（{check}）。",
        "Device {position} recorded on erasure {erasure} ({check}).",
    ),
    "cli.contractor_erasure.saved": (
        "消去立会確認書 {number} を {path} に保存しました。",
        "Witnessed erasure record {number} saved to {path}.",
    ),
    "cli.contractor_erasure.printed": (
        "消去立会確認書 {number} を {printer} に送りました（ジョブ {job}）。",
        "Witnessed erasure record {number} sent to {printer} (job {job}).",
    ),
    # --- command line: help -----------------------------------------------------------------
    "cli.cmd.wipe": (
        "返却されたUSBメモリを消去・検証して初期化し、消去証明書を発行する",
        "wipe a returned USB stick, verify every byte, initialise it and issue its erasure certificate",
    ),
    "cli.opt.wipe_device": (
        "USBメモリ全体の装置ファイル（例: /dev/sdb）",
        "the whole stick's device node (e.g. /dev/sdb)",
    ),
    "cli.opt.wipe_witness": ("立会者の氏名", "name of the witness"),
    "cli.opt.wipe_method": ("消去方式", "wipe method"),
    "cli.opt.wipe_fs": (
        "初期化するファイルシステム（auto: 32GiB以下は FAT32、超えると exFAT）",
        "file system to initialise (auto: FAT32 up to 32 GiB, exFAT above)",
    ),
    "cli.opt.wipe_verify": (
        "読み戻しの照合方法: bytes = 再生成した乱数列と1バイトずつ（既定）、gmac = チャンクごとの"
        "AES-256-GMAC（CPU負荷が小さく、USB SSDなど高速な媒体向け）",
        "how the read-back is checked: bytes = against the regenerated keystream, byte by "
        "byte (default); gmac = AES-256-GMAC per chunk (less CPU, for fast media such as "
        "USB SSDs)",
    ),
    "cli.opt.wipe_no_mkfs": (
        "消去後にファイルシステムを作らない",
        "make no file system after the wipe",
    ),
    "cli.cmd.certificate": ("消去証明書", "erasure certificates"),
    "cli.cmd.certificate_show": ("消去証明書の詳細", "show one erasure certificate"),
    "cli.cmd.certificate_print": (
        "消去証明書を印刷する（--pdf でファイルに書き出す）",
        "print an erasure certificate (--pdf writes the file instead)",
    ),
    "cli.opt.certificate_number": (
        "証明書番号（例: CERT-R7-0001）",
        "certificate number (e.g. CERT-R7-0001)",
    ),
    "cli.cmd.certificates": ("消去証明書の一覧", "the erasure certificates"),
    "cli.cmd.certificates_list": (
        "消去証明書の一覧（新しい順）",
        "list erasure certificates (newest first)",
    ),
    "cli.cmd.destroy": (
        "CD-R・紙ケースの破棄（シュレッダー）または原課への返却を記録し、証明書を発行する",
        "record the shredding or return to file of a CD-R or paper case and issue its certificate",
    ),
    "cli.opt.disposal_method": (
        "shred: シュレッダーによる物理破壊、return_to_file: 書類を原課の簿冊に返却",
        "shred: physical destruction; return_to_file: papers back into the section's files",
    ),
    "cli.opt.disposal_date": ("実施日（既定: 今日）", "day it was done (default: today)"),
    "cli.cmd.contractor_erasure": ("委託先による消去", "the contractor's own erasures"),
    "cli.cmd.contractor_erasure_add": (
        "委託先がPC・タブレットのデータを職員立会のもとで消去したことを、委託先の消去証明書とともに記録する",
        "record the contractor's erasure of its PC/tablet copies, witnessed by ward staff, with its certificate",
    ),
    "cli.cmd.contractor_erasure_list": (
        "委託先による消去の記録の一覧",
        "list the contractor erasure records",
    ),
    "cli.opt.contractor_certificate": (
        "委託先の消去証明書の番号",
        "number of the contractor's erasure certificate",
    ),
    "cli.opt.contractor_erased_on": ("消去した日", "day of the erasure"),
    "cli.opt.contractor_devices": (
        "消去した機器（例: 調査用タブレット3台、事務所PC1台）",
        "devices erased (e.g. three survey tablets, one office PC)",
    ),
    "cli.opt.contractor_witness": (
        "立ち会った職員のログイン名",
        "login of the witnessing staff member",
    ),
    # --- command line: output ---------------------------------------------------------------
    "cli.wipe.loop_banner": (
        "!!! 試験モード: ループデバイスをUSBメモリとして扱っています（{env}=1）。本番では使わないでください。 !!!",
        "!!! TEST MODE: loop devices stand in for USB sticks ({env}=1). Never use this in production. !!!",
    ),
    "cli.wipe.stage": ("[{stage}]", "[{stage}]"),
    "cli.wipe.progress": (
        "{phase}（{number}/{passes}）{percent}% {done}/{total} MiB {rate} MB/秒 残り {eta} 秒",
        "{phase} ({number}/{passes}) {percent}% {done}/{total} MiB {rate} MB/s, {eta} s left",
    ),
    "cli.wipe.done": (
        "{control_number} を消去しました: 全 {bytes} バイトを書き込み、読み戻して検証しました（{seconds} 秒、{rate} MB/秒）。",
        "{control_number} wiped: all {bytes} bytes written, read back and verified ({seconds} s, {rate} MB/s).",
    ),
    "cli.wipe.filesystem": (
        "ファイルシステム {filesystem}（ラベル {label}）で初期化しました。",
        "Initialised with {filesystem} (label {label}).",
    ),
    "cli.wipe.loan_closed": ("貸出 {loan} を終了しました。", "Loan {loan} closed."),
    "cli.wipe.certificate": (
        "消去証明書 {number} を発行しました（印刷: certificate print {number}）。",
        "Erasure certificate {number} issued (print it: certificate print {number}).",
    ),
    "cli.wipe.rate": ("{rate} MB/秒", "{rate} MB/s"),
    "cli.certificate.saved": (
        "証明書 {number} の PDF を {path} に書き出しました。",
        "Wrote the PDF of certificate {number} to {path}.",
    ),
    "cli.certificate.printed": (
        "証明書 {number} を {printer} で印刷しました（ジョブ {job}、{copy}回目）。{answer}",
        "Certificate {number} printed on {printer} (job {job}, copy {copy}). {answer}",
    ),
    "cli.certificate.value.printed": (
        "{moment} {printer}（{count}回）",
        "{moment} on {printer} ({count} time(s))",
    ),
    "cli.destroy.done": (
        "{control_number} の{method}を記録し、証明書 {number} を発行しました。",
        "Recorded {method} of {control_number}; certificate {number} issued.",
    ),
    "cli.contractor_erasure.recorded": (
        "委託 {contract} の委託先消去証明書 {number}（{day}、立会 {witness}）を消去記録 {id} として記録しました。",
        "Recorded contractor erasure certificate {number} of contract {contract} ({day}, witnessed by {witness}) as erasure record {id}.",
    ),
    "cli.certificate_field.number": ("証明書番号", "Number"),
    "cli.certificate_field.erasure": ("消去記録", "Erasure"),
    "cli.certificate_field.kind": ("種別", "Kind"),
    "cli.certificate_field.category": ("消去区分", "Category"),
    "cli.certificate_field.issued_at": ("発行", "Issued"),
    "cli.certificate_field.medium": ("媒体", "Medium"),
    "cli.certificate_field.contract": ("委託", "Contract"),
    "cli.certificate_field.slips": ("受け渡し票", "Slips"),
    "cli.certificate_field.operator": ("実施者", "Performed by"),
    "cli.certificate_field.witness": ("立会者", "Witness"),
    "cli.certificate_field.method": ("方法", "Method"),
    "cli.certificate_field.verification": ("検証", "Verification"),
    "cli.certificate_field.bytes": ("書込量／検証量", "Written / verified"),
    "cli.certificate_field.errors": ("エラー数", "Errors"),
    "cli.certificate_field.period": ("実施時間", "Period"),
    "cli.certificate_field.throughput": ("平均速度", "Throughput"),
    "cli.certificate_field.filesystem": ("初期化", "File system"),
    "cli.certificate_field.tool": ("ツール", "Tool"),
    "cli.certificate_field.performed_on": ("実施日", "Performed on"),
    "cli.certificate_field.notes": ("備考", "Notes"),
    "cli.certificate_field.printed": ("印刷", "Printed"),
    "cli.certificate_field.entry_hash": ("記録のハッシュ", "Trail entry hash"),
    "cli.certificate_field.contractor_certificate": ("委託先証明書", "Contractor certificate"),
    "cli.certificate_field.erased_on": ("消去日", "Erased on"),
    "cli.certificate_field.devices": ("機器", "Devices"),
}
