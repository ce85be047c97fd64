"""Texts of the wipe screen."""

TEXTS: dict[str, tuple[str, str]] = {
    "wipe.title": (
        "媒体の消去・初期化: {control_number}",
        "Wipe and re-initialise: {control_number}",
    ),
    "wipe.device": ("デバイス", "Device"),
    "wipe.checks": ("消去前の確認", "Checks before wiping"),
    "wipe.checks.ok": ("すべての確認を通過しました。", "Every check passed."),
    "wipe.checking": ("確認中…", "Checking…"),
    "wipe.witness": ("立会者（任意）", "Witness (optional)"),
    "wipe.confirm": (
        "消去すると元に戻せません。確認のため管理番号を入力してください",
        "Wiping cannot be undone. Type the control number to confirm",
    ),
    "wipe.confirm_mismatch": ("管理番号が一致しません。", "The control number does not match."),
    "wipe.start": ("消去開始", "Start wipe"),
    "wipe.cancel": ("中止", "Stop"),
    "wipe.stage.checking": ("確認中", "checking"),
    "wipe.stage.wiping": ("上書き・検証中", "overwriting and verifying"),
    "wipe.stage.initialising": ("初期化（ファイルシステム作成）中", "re-initialising"),
    "wipe.stage.recording": ("記録中", "recording"),
    "wipe.stage.done": ("完了", "done"),
    "wipe.progress": (
        "{phase}（{pass_number}/{passes}回目） {done} / {total}  {rate}/s  残り {eta}",
        "{phase} (pass {pass_number}/{passes}) {done} / {total}  {rate}/s  ETA {eta}",
    ),
    "wipe.done": (
        "消去と検証が完了しました。消去証明書 {number} を発行しました。p で印刷、f でPDF保存。",
        "Wiped and verified. Erasure certificate {number} issued. p prints it, f saves a PDF.",
    ),
    "wipe.failed": (
        "消去は完了していません: {message}（媒体は「消去待ち」のままです）",
        "The wipe did not complete: {message} (the medium stays 'wipe pending')",
    ),
    "wipe.no_device": (
        "この媒体は差し込まれていません。デバイスのパスを入力してください。",
        "This medium is not inserted. Enter the device path.",
    ),
    "cmd.wipe": ("媒体を消去（挿入中）", "Wipe a medium (inserted)"),
    "cmd.wipe.help": (
        "返却された媒体を消去・検証・初期化し消去証明書を発行",
        "Wipe, verify and re-initialise a returned stick; issue the certificate",
    ),
    "wipe.cert_printed": (
        "消去証明書を印刷しました（{printer}）。",
        "Certificate printed ({printer}).",
    ),
    "wipe.cert_saved": ("消去証明書を保存しました: {path}", "Certificate saved: {path}"),
}
