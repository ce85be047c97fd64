"""Texts of inspections (点検), of weakly identified sticks, and of the `devices` and
`inspect` commands. The printed form's own texts are `inspection.*` in forms.py."""

TEXTS: dict[str, tuple[str, str]] = {
    # weakly identified sticks
    "error.medium.weak_identity_note": (
        "このUSBメモリはシリアル番号が空か共通の値のため個体を識別できません。見分け方（刻印・シールなど）を備考に記入してください。",
        "This stick's serial number is empty or generic, so it cannot be identified. Write in the notes how the desk tells it apart (an engraving, a sticker).",
    ),
    "error.medium.device_not_usb": (
        "差し込まれた機器から登録できるのはUSBメモリだけです。",
        "Only a USB stick can be registered from an inserted device.",
    ),
    "devices.register.weak_hint": (
        "⚠ 識別が弱いUSBメモリです。見分け方を備考に必ず記入してください。",
        "⚠ Weakly identified stick: the notes must say how to tell it apart.",
    ),
    # refusals
    "insp.error.operator_required": (
        "点検はログインした職員だけが行えます。",
        "Only a logged-in operator can run an inspection.",
    ),
    "insp.error.already_open": (
        "点検 {number} が実施中です。新しい点検はそれを終えてから開始してください。",
        "Inspection {number} is in progress. Finish it before starting a new one.",
    ),
    "insp.error.not_found": ("点検 {ref} は見つかりません。", "Inspection {ref} was not found."),
    "insp.error.finished": (
        "点検 {number} は終了しています。記録できません。",
        "Inspection {number} is finished; nothing more can be recorded.",
    ),
    "insp.error.not_finished": (
        "点検 {number} は実施中です。点検記録は終了後に印刷できます。",
        "Inspection {number} is in progress; its record prints once it is finished.",
    ),
    "insp.error.how": (
        "確認方法は inserted / typed / scanned / seal のいずれかです。",
        "How seen must be inserted, typed, scanned or seal.",
    ),
    "insp.error.nothing_seen": (
        "管理番号、シリアル番号、封印番号のいずれかを入力してください。",
        "Give a control number, a serial number or a seal number.",
    ),
    "insp.error.serial_alone": (
        "シリアル番号は単独で指定してください（管理番号・封印番号と一緒には使えません）。",
        "A serial number is given alone (not with a control number or seal number).",
    ),
    "insp.error.weak_serial": (
        "シリアル番号「{serial}」は空か共通の値で、USBメモリを識別できません。管理番号を入力してください。",
        'The serial number "{serial}" is empty or generic and identifies no stick. Enter the control number.',
    ),
    "insp.error.not_sealed": (
        "{control_number} は封印番号で点検する媒体（CD-R・鍵付きケース）ではありません。",
        "{control_number} is not checked by seal number (only CD-Rs and paper cases are).",
    ),
    "insp.error.seal_required": (
        "{control_number} は封印された媒体です。封印番号を確認して入力してください。",
        "{control_number} is sealed: check its seal number and enter it.",
    ),
    # discrepancies (what was wrong although the medium was seen)
    "insp.discrepancy.seal_mismatch": (
        "封印番号が台帳と不一致",
        "seal number differs from the register",
    ),
    "insp.discrepancy.expected_on_loan": ("台帳上は貸出中", "register says out on loan"),
    "insp.discrepancy.not_in_custody": (
        "台帳上は廃棄・所在不明等",
        "register says destroyed, retired or lost",
    ),
    # how a medium was seen
    "insp.how.inserted": ("挿入", "inserted"),
    "insp.how.typed": ("入力", "typed"),
    "insp.how.scanned": ("スキャン", "scanned"),
    "insp.how.seal": ("封印番号", "seal number"),
    "insp.paper.serial": ("S/N {serial}", "S/N {serial}"),
    "insp.paper.seal": ("封印 {seal}", "seal {seal}"),
    "insp.paper.sep": ("、", "; "),
    # statuses and counts
    "insp.status.found": ("所在確認", "found"),
    "insp.status.pending": ("未確認", "not yet seen"),
    "insp.status.missing": ("所在不明", "MISSING"),
    "insp.status.unexpected": ("台帳外", "unexpected"),
    "insp.status.on_loan": ("貸出中", "on loan"),
    "insp.counts_open": (
        "所在確認 {found}　未確認 {missing}　台帳外 {unexpected}　貸出中 {on_loan}",
        "found {found}   not yet seen {missing}   unexpected {unexpected}   on loan {on_loan}",
    ),
    "insp.counts": (
        "所在確認 {found}　所在不明 {missing}　台帳外 {unexpected}　貸出中 {on_loan}",
        "found {found}   missing {missing}   unexpected {unexpected}   on loan {on_loan}",
    ),
    "insp.state.open": ("実施中", "in progress"),
    "insp.state.finished": ("終了", "finished"),
    "insp.col.control_number": ("管理番号", "Control no."),
    "insp.col.kind": ("種類", "Kind"),
    "insp.col.register_state": ("台帳上の状態", "Ledger state"),
    "insp.col.finding": ("点検結果", "Finding"),
    "insp.col.how": ("確認方法", "Seen by"),
    "insp.col.seen_at": ("時刻", "Time"),
    "insp.col.note": ("備考", "Note"),
    # the inspection screen
    "insp.screen_title": ("点検（USBメモリ管理台帳）", "Inspection (media register)"),
    "insp.loading": ("読み込み中…", "Loading…"),
    "insp.none_open": (
        "実施中の点検はありません。Ctrl+N で点検を開始します。",
        "No inspection is in progress. Ctrl+N starts one.",
    ),
    "insp.header": (
        "点検 {number}（{state}）　開始 {started}　点検者 {inspector}",
        "Inspection {number} ({state})   started {started}   inspector {inspector}",
    ),
    "insp.input.seen": (
        "管理番号またはバーコード（Enter で記録）",
        "Control number or barcode (Enter records)",
    ),
    "insp.input.seal": ("封印番号（CD-R・鍵付きケース）", "Seal number (CD-R, paper case)"),
    "insp.empty": ("表示する媒体はありません", "No media to show"),
    "insp.bind.start": ("点検開始", "Start"),
    "insp.bind.finish": ("点検終了", "Finish"),
    "insp.bind.print": ("印刷", "Print"),
    "insp.bind.pdf": ("PDF保存", "Save PDF"),
    "insp.bind.filter": ("表示切替", "Filter"),
    "insp.recorded": ("{what}: {finding}", "{what}: {finding}"),
    "insp.repeated": ("{what}: 記録済み（{finding}）", "{what}: already recorded ({finding})"),
    "insp.device.mismatch": (
        "{node} は識別不一致のため自動記録しません。現物を確認し管理番号を入力してください。",
        "{node} has an identity mismatch and is not recorded automatically. Check it and enter its control number.",
    ),
    "insp.device.weak": (
        "{node} はシリアル番号で識別できません。管理番号を入力してください。",
        "{node} cannot be identified by its serial number. Enter its control number.",
    ),
    "insp.filter": ("表示: {which}", "Showing: {which}"),
    "insp.filter.all": ("すべて", "all"),
    "insp.filter.missing": ("未確認・所在不明", "not yet seen / missing"),
    "insp.filter.unexpected": ("台帳外", "unexpected"),
    "insp.filter.on_loan": ("貸出中", "on loan"),
    "insp.filter.found": ("所在確認", "found"),
    "insp.started": ("点検 {number} を開始しました。", "Inspection {number} started."),
    "insp.finish_confirm": (
        "点検 {number} を終了しますか？ 未確認の {pending} 件は所在不明として記録されます。",
        "Finish inspection {number}? The {pending} media not yet seen are recorded as missing.",
    ),
    "insp.finished": (
        "点検 {number} を終了しました（所在不明 {missing} 件）。",
        "Inspection {number} finished ({missing} missing).",
    ),
    "insp.printing": ("点検記録を印刷しています…", "Printing the inspection record…"),
    "insp.printed": (
        "点検記録を印刷しました（{printer}、ジョブ {job}）。",
        "Inspection record printed ({printer}, job {job}).",
    ),
    "insp.pdf_saved": ("点検記録を保存しました: {path}", "Inspection record saved: {path}"),
    "insp.pdf.title": ("点検記録 {number} をPDFで保存", "Save inspection record {number} as PDF"),
    "insp.pdf.path": ("保存先", "Save to"),
    # navigation, the command palette and the dashboard (for the lead to wire)
    "nav.inspection": ("点検", "Inspection"),
    "cmd.inspection.help": (
        "USBメモリ管理台帳の点検を開始・継続する（差し込み・入力・スキャン・封印番号で確認）",
        "start or continue an inspection of the register (insert, type, scan, seal number)",
    ),
    "dash.last_inspection": ("最終点検: {date}（{number}）", "Last inspection: {date} ({number})"),
    "dash.last_inspection_none": ("点検の記録はまだありません", "No inspection recorded yet"),
    "dash.not_seen": (
        "前回点検で所在不明: {count} 件 {media}",
        "Not seen at the last inspection: {count} {media}",
    ),
    # the command line
    "cli.cmd.devices": ("差し込まれたUSBメモリ", "inserted USB sticks"),
    "cli.cmd.devices_list": (
        "いま差し込まれているUSBメモリと台帳との照合結果を表示",
        "list the sticks inserted now, matched to the register",
    ),
    "cli.cmd.devices_watch": (
        "USBメモリの抜き差しを JSON 行で表示（Ctrl-C で終了）",
        "print stick insertions and removals as JSON lines until interrupted",
    ),
    "cli.devices.known": ("{control_number}（{state}）", "{control_number} ({state})"),
    "cli.devices.unknown": ("未登録", "not registered"),
    "cli.devices.mismatch": (
        "⚠ 識別不一致 {control_number}: {reason}",
        "⚠ identity mismatch {control_number}: {reason}",
    ),
    "cli.devices.weak": ("(識別弱)", "(weak)"),
    "cli.devices.col.node": ("デバイス", "Device"),
    "cli.devices.col.serial": ("シリアル", "Serial"),
    "cli.devices.col.make": ("メーカー・型番", "Make / model"),
    "cli.devices.col.capacity": ("容量", "Capacity"),
    "cli.devices.col.register": ("台帳", "Register"),
    "cli.cmd.inspect": ("点検（USBメモリ管理台帳）", "inspections of the media register"),
    "cli.cmd.inspect_start": (
        "点検を開始（台帳のスナップショットを作成）",
        "start an inspection (snapshot of the register)",
    ),
    "cli.cmd.inspect_record": ("確認した媒体を記録", "record a medium seen"),
    "cli.cmd.inspect_finish": (
        "点検を終了し、点検記録を保存・印刷",
        "finish the inspection; save or print its record",
    ),
    "cli.cmd.inspect_show": ("点検の内容を表示", "show an inspection"),
    "cli.opt.inspection": (
        "点検の ID または番号（例 INSP-R7-0003）",
        "inspection id or number (e.g. INSP-R7-0003)",
    ),
    "cli.opt.insp_medium": ("確認した媒体の管理番号", "control number of the medium seen"),
    "cli.opt.insp_serial": ("確認したUSBメモリのシリアル番号", "serial number of the stick seen"),
    "cli.opt.insp_seal": (
        "封印番号（CD-R・鍵付きケース。--medium と併用するか単独で）",
        "seal number (CD-R, paper case; with --medium or alone)",
    ),
    "cli.opt.insp_how": (
        "管理番号の確認方法（既定: typed）",
        "how the control number was read (default: typed)",
    ),
    "cli.opt.insp_pdf": (
        "点検記録を PDF ファイルに保存",
        "save the inspection record as a PDF file",
    ),
    "cli.opt.insp_print": ("点検記録を印刷（CUPS）", "print the inspection record (CUPS)"),
    "cli.insp.started": (
        "点検 {number}（id {id}）を開始しました。確認対象 {present} 件、貸出中 {on_loan} 件。",
        "Inspection {number} (id {id}) started: {present} media to see, {on_loan} on loan.",
    ),
    "cli.insp.need_identity": (
        "--medium、--serial、--seal のいずれかを指定してください。",
        "Give --medium, --serial or --seal.",
    ),
    "cli.insp.serial_with_seal": (
        "--serial と --seal は同時に指定できません。",
        "--serial and --seal cannot be given together.",
    ),
    "cli.insp.how_needs_medium": (
        "--how は --medium と一緒に指定します。",
        "--how goes with --medium.",
    ),
    "cli.insp.recorded": ("{what}: {finding}", "{what}: {finding}"),
    "cli.insp.repeated": ("{what}: 記録済み（{finding}）", "{what}: already recorded ({finding})"),
    "cli.insp.finished": (
        "点検 {number} を終了しました。所在確認 {found}、所在不明 {missing}、貸出中 {on_loan}、台帳外 {unexpected}。",
        "Inspection {number} finished: {found} found, {missing} missing, {on_loan} on loan, {unexpected} unexpected.",
    ),
    "cli.insp.missing_media": ("所在不明: {media}", "Missing: {media}"),
    "cli.insp.saved": (
        "点検記録 {number} を保存しました: {path}",
        "Inspection record {number} saved: {path}",
    ),
    "cli.insp.printed": (
        "点検記録 {number} を印刷しました（{printer}、ジョブ {job}）: {answer}",
        "Inspection record {number} printed ({printer}, job {job}): {answer}",
    ),
    "cli.insp.field.number": ("番号", "Number"),
    "cli.insp.field.state": ("状態", "State"),
    "cli.insp.field.inspector": ("点検者", "Inspector"),
    "cli.insp.field.started_at": ("開始", "Started"),
    "cli.insp.field.finished_at": ("終了", "Finished"),
    "cli.insp.field.counts": ("結果", "Results"),
}
