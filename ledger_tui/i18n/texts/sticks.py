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
}
