"""Texts of the live USB stick detection (status line, inserted-devices panel, errors)."""

TEXTS: dict[str, tuple[str, str]] = {
    # which device source runs, for the status line
    "devices.source.udev": ("USB検出: udev", "USB detection: udev"),
    # (short: the device strip ends with it at 80 columns)
    "devices.source.kernel": ("USB検出: カーネル uevent", "USB detection: kernel uevents"),
    "devices.source.fake": ("USB検出: 模擬", "USB detection: simulated"),
    # what happened to a stick
    "devices.action.add": ("{node} が差し込まれました", "{node} was inserted"),
    "devices.action.remove": ("{node} が取り外されました", "{node} was removed"),
    "devices.action.change": ("{node} の状態が変わりました", "{node} changed"),
    "devices.none": ("USBメモリは差し込まれていません", "No USB stick is inserted"),
    "devices.mounted": ("マウント中: {mountpoints}", "Mounted at {mountpoints}"),
    "devices.loop": ("試験用ループデバイス", "Test loop device"),
    "devices.weak_identity": (
        "シリアル番号が空か共通の値のため、このUSBメモリを個体として確実に識別できません。",
        (
            "This stick's serial number is empty or shared by many sticks, so it cannot be"
            " told apart reliably."
        ),
    ),
    # monitor problems
    "error.devices.event": (
        "USBメモリの検出で問題が発生しました ({detail})。監視は続けています。",
        "A problem occurred while detecting USB sticks ({detail}). Monitoring goes on.",
    ),
    "error.devices.stopped": (
        "USBメモリの検出が停止しました ({detail})。画面の一覧は最新ではありません。",
        ("USB stick detection has stopped ({detail}). The list on screen is no longer current."),
    ),
}
