"""Texts of the encrypted-load and intake screens."""

TEXTS: dict[str, tuple[str, str]] = {
    "load.title": ("暗号化して格納: {control_number}", "Encrypted load: {control_number}"),
    "load.files": (
        "格納するファイル（パスをスペース区切り）",
        "Files to load (paths, space-separated)",
    ),
    "load.split": ("調査員毎に分割する列（任意）", "Split by column (optional, one archive each)"),
    "load.plan": ("件数の確認", "Record counts to confirm"),
    "load.plan.line": (
        "{archive}: {records}件（{files}）",
        "{archive}: {records} records ({files})",
    ),
    "load.plan.total": (
        "合計 {records}件。Enter で格納を開始します。",
        "Total {records} records. Press Enter to load.",
    ),
    "load.running": (
        "{phase} {archive}（{index}/{archives}） {done} / {total}  {rate}/s",
        "{phase} {archive} ({index}/{archives}) {done} / {total}  {rate}/s",
    ),
    "load.done": (
        "格納と読み戻し検証が完了しました（{records}件）。パスワードは一度だけ表示します。",
        "Loaded and verified ({records} records). The password is shown once only.",
    ),
    "load.password": ("{archive} のパスワード", "Password of {archive}"),
    "load.reading": ("読み上げ: {aid}", "Read aloud: {aid}"),
    "load.next": (
        "n: パスワード通知書をPDF保存  l: この件数で貸出へ",
        "n: save the password notice PDF  l: lend with this count",
    ),
    "load.failed": ("格納は完了していません: {message}", "The load did not complete: {message}"),
    "load.notice_saved": (
        "パスワード通知書を保存しました: {path}",
        "Password notice saved: {path}",
    ),
    "cmd.load": ("暗号化して格納", "Encrypted load"),
    "cmd.load.help": (
        "貸出準備中の媒体へファイルを暗号化して書き込む",
        "Encrypt files onto a stick prepared for a loan",
    ),
    "cmd.intake": ("返却データの受入", "Intake of returned data"),
    "cmd.intake.help": (
        "返却された媒体のアーカイブを検証し件数を数える",
        "Verify and count the archives on a returned stick",
    ),
    "intake.title": ("返却データの受入: {control_number}", "Intake: {control_number}"),
    "intake.dest": (
        "復号したファイルの保存先（空欄なら検証と件数のみ）",
        "Folder for the decrypted files (empty: verify and count only)",
    ),
    "intake.password": (
        "委託先のパスワード（空欄なら貸出時のもの）",
        "Contractor's password (empty: the loan's own)",
    ),
    "intake.done": (
        "受入完了: {records}件。{compare}",
        "Intake done: {records} records. {compare}",
    ),
    "intake.match": ("返却票の件数と一致しています。", "Matches the back-slip count."),
    "intake.mismatch": (
        "返却票の件数（{count}件）と一致しません。",
        "Differs from the back-slip count ({count}).",
    ),
    "intake.no_slip": ("返却票はまだありません。", "No back-slip yet."),
    "intake.failed": (
        "受入は完了していません: {message}",
        "The intake did not complete: {message}",
    ),
    "load.notice": ("パスワード通知書", "Password notice"),
    "job.device": ("デバイス", "Device"),
    "job.start_hint": (
        "Enter で次の欄へ。最後の欄の Enter（または Ctrl+S）で開始、Ctrl+X で中止",
        "Enter goes to the next field; Enter on the last one (or Ctrl+S) starts, Ctrl+X stops",
    ),
    "job.start": ("開始", "Start"),
}
