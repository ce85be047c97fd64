"""Texts about password-lock sticks as the workstation sees them (locked, unlocked, the
unlock tool's CD-ROM unit) and about sticks that lie about their capacity."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- locked sticks --------------------------------------------------------------------
    "error.stick.locked": (
        "ロック中：USBメモリのロックを解除してください（{device} はパスワードまたはPINを"
        "入力するまで中身を見せません）。解除すれば挿し直さずに続けられます。",
        "Locked: unlock the USB stick first ({device} shows no contents until its password "
        "or PIN is entered). Once it is unlocked, carry on without re-inserting it.",
    ),
    "error.stick.unlock_unit": (
        "{device} はUSBメモリのロック解除ツール（CD-ROM部）です。登録・書込み・消去の対象には"
        "できません。同じUSBメモリのディスク部を使ってください。",
        "{device} is the stick's unlock tool (its CD-ROM unit): it is never registered, "
        "loaded or wiped. Use the stick's disk unit.",
    ),
    "devices.strip.locked": (
        "🔒ロック中：USBメモリのロックを解除してください {name}",
        "🔒locked: unlock the USB stick {name}",
    ),
    "devices.notify.locked": (
        "ロック中のUSBメモリが挿入されました（{name}）。パスワードを入力してロックを解除してください。"
        "解除されると自動で表示が変わります。",
        "A locked USB stick was inserted ({name}). Enter its password to unlock it; the "
        "desk notices the unlock by itself.",
    ),
    "devices.pick.locked": ("🔒ロック中", "🔒locked"),
    # --- counterfeit capacity -------------------------------------------------------------
    "error.wipe.counterfeit_wrapped": (
        "容量偽装の疑い：このUSBメモリは {reported_gb} GB と表示しますが、実際には約 {real_gb} GB"
        "（{real:,} バイト）しか保持しません。それより後ろに書いたデータが先頭に戻って上書きしていました"
        "（{phase}、最初の不一致は位置 {offset:,} バイト）。消去は完了していません。"
        "この媒体は使用中止とし、貸出・書込みには使えません。破砕処分してください。",
        "Suspected counterfeit capacity: this stick reports {reported_gb} GB but keeps only "
        "about {real_gb} GB ({real:,} bytes); what was written beyond that wrapped round and "
        "overwrote the start ({phase}, first mismatch at byte {offset:,}). The wipe is not "
        "complete. The medium is taken out of service (never lent or loaded): destroy it.",
    ),
    "error.wipe.counterfeit_short": (
        "容量偽装の疑い：このUSBメモリは {reported_gb} GB と表示しますが、位置 {offset:,} バイト"
        "（約 {real_gb} GB）から後ろに書いたデータを保持していません（{phase}）。消去は完了していません。"
        "この媒体は使用中止とし、貸出・書込みには使えません。破砕処分してください。",
        "Suspected counterfeit capacity: this stick reports {reported_gb} GB but keeps "
        "nothing written from byte {offset:,} (about {real_gb} GB) on ({phase}). The wipe is "
        "not complete. The medium is taken out of service (never lent or loaded): destroy it.",
    ),
    "error.medium.out_of_service.counterfeit_capacity": (
        "媒体 {control_number} は使用中止です（容量偽装の疑い：消去の読み戻しで、表示容量より"
        "少ない量しか保持しないことが分かりました）。貸出・書込みには使えません。破砕処分してください。",
        "Medium {control_number} is out of service (suspected counterfeit capacity: its wipe's "
        "read-back found it keeps less than it reports). It is never lent or loaded: destroy it.",
    ),
    "medium.field.out_of_service": ("使用中止", "Out of service"),
    "medium.out_of_service.counterfeit_capacity": (
        "容量偽装の疑い（消去の読み戻しで判明）。貸出・書込み不可、破砕処分",
        "suspected counterfeit capacity (found by the wipe's read-back); never lent or loaded: destroy",
    ),
    # --- the key-reset question on the wipe screen ------------------------------------------
    "wipe.key_reset": (
        "パスワードロック付きUSBメモリ：製品の初期化（暗号鍵リセット）も実施しましたか"
        "（操作者の申告として記録。未回答なら証明書に記載しません）",
        "Hardware-lock stick: was the vendor's initialisation (key reset) also performed? "
        "(Recorded as the operator's attestation; left unanswered, the certificate omits it.)",
    ),
    "wipe.key_reset.yes": ("実施した", "performed"),
    "wipe.key_reset.no": ("実施していない", "not performed"),
}
