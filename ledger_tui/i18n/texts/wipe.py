"""Texts of the secure wipe, its guards and the re-initialisation (消去・初期化)."""

TEXTS: dict[str, tuple[str, str]] = {
    # device guards: each refusal must tell the desk operator what to do
    "error.wipe.device_missing": (
        "{device} が見つかりません。USBメモリが差し込まれているか確認してください。",
        "{device} was not found. Check that the USB stick is plugged in.",
    ),
    "error.wipe.not_block_device": (
        "{device} は記憶装置ではありません。",
        "{device} is not a storage device.",
    ),
    "error.wipe.loop_not_allowed": (
        "{device} は試験用のループデバイスです。試験モード"
        " (LEDGER_TUI_ALLOW_LOOP_DEVICES=1) でなければ消去できません。",
        "{device} is a test loop device. It can only be wiped in test mode"
        " (LEDGER_TUI_ALLOW_LOOP_DEVICES=1).",
    ),
    "error.wipe.partition": (
        "{device} はパーティションです。USBメモリ全体 ({disk}) を選んでください。",
        "{device} is a partition. Choose the whole USB stick ({disk}).",
    ),
    "error.wipe.not_usb": (
        "{device} はUSB接続のメモリではありません (接続: {bus})。"
        "消去できるのは台帳に登録されたUSBメモリだけです。",
        "{device} is not a USB stick (bus: {bus}). Only USB sticks in the register can be wiped.",
    ),
    "error.wipe.holds_system": (
        "{device} はこの端末のシステム ({mountpoints}) が入っている装置です。消去できません。",
        "{device} holds this workstation's system ({mountpoints}). It must never be wiped.",
    ),
    "error.wipe.mounted": (
        "{device} は使用中です ({mountpoints} にマウント中)。"
        "取り外しの操作をしてから、もう一度選んでください。",
        "{device} is in use (mounted at {mountpoints}). Eject it in the system first,"
        " then choose it again.",
    ),
    "error.wipe.in_use": (
        "{device} は他の装置 ({holders}) から使用中のため消去できません。",
        "{device} is in use by {holders} and cannot be wiped.",
    ),
    "error.wipe.serial_mismatch": (
        "差し込まれたUSBメモリ {device} のシリアル ({detected}) が台帳の登録 ({registered})"
        " と一致しません。別のUSBメモリではないか確認してください。",
        "The serial of the inserted stick {device} ({detected}) does not match the register"
        " ({registered}). Check that this is the right stick.",
    ),
    "error.wipe.busy": (
        "{device} は他のプログラムが使用中のため開けません。",
        "{device} is held by another program and cannot be opened.",
    ),
    "error.wipe.empty_device": (
        "{device} の容量を読み取れません (0バイト)。差し込み直してください。",
        "The capacity of {device} reads as 0 bytes. Plug the stick in again.",
    ),
    # the engine
    "error.wipe.cancelled": (
        "消去を中止しました ({phase}、{offset:,} / {total:,} バイト)。"
        "媒体は消去待ちのままです。最初からやり直してください。",
        "The wipe was cancelled ({phase}, {offset:,} of {total:,} bytes). The medium stays"
        " wipe pending; start the wipe again.",
    ),
    "error.wipe.io": (
        "{phase}中に入出力エラーが起きました (位置 {offset:,} バイト、{errno}: {reason})。"
        "USBメモリが抜けたか故障しています。媒体は消去待ちのままです。",
        "I/O error during {phase} at byte {offset:,} ({errno}: {reason}). The stick was"
        " pulled or is failing; the medium stays wipe pending.",
    ),
    "error.wipe.verify_mismatch": (
        "{phase}で不一致を検出しました (位置 {offset:,} バイト)。消去は完了していません。"
        "媒体は消去待ちのままです。",
        "{phase} found a mismatch at byte {offset:,}. The wipe is not complete; the medium"
        " stays wipe pending.",
    ),
    "wipe.phase.write": ("乱数の書き込み", "random write"),
    "wipe.phase.verify": ("乱数の検証", "random verify"),
    "wipe.phase.zero": ("ゼロの書き込み", "zero write"),
    "wipe.phase.zero_verify": ("ゼロの検証", "zero verify"),
    "wipe.method.clear_random_verify": (
        "消去 (Clear): 乱数で1回上書きし全領域を読み戻して検証",
        "Clear: one random overwrite, every byte read back and verified",
    ),
    "wipe.method.clear_random_zero_verify": (
        "消去 (Clear): 乱数で上書き・検証の後、ゼロで上書き・検証",
        "Clear: random overwrite verified, then zero overwrite verified",
    ),
    "wipe.verification.gmac": (
        "全領域を読み戻して検証 (チャンクごとに AES-256-GMAC を書き込み時の値と照合、"
        "不一致はバイト単位で特定)",
        "every byte read back and verified (AES-256-GMAC of each chunk matched against the"
        " chunk as written; a mismatch is located to the byte)",
    ),
    "wipe.verification.bytes": (
        "全領域を読み戻し、再生成した乱数列と1バイトずつ照合",
        "every byte read back and compared with the regenerated keystream",
    ),
    # re-initialisation
    "error.mkfs.tool_missing": (
        "{tool} が見つかりません。パッケージ {package} を導入してください。",
        "{tool} was not found. Install the package {package}.",
    ),
    "error.mkfs.failed": (
        "ファイルシステムの作成に失敗しました ({tool}: {detail})。",
        "Creating the file system failed ({tool}: {detail}).",
    ),
    "error.mkfs.check_failed": (
        "作成したファイルシステムの検査で問題が見つかりました ({tool}: {detail})。",
        "The check of the new file system found a problem ({tool}: {detail}).",
    ),
    "error.mkfs.label_mismatch": (
        "作成したファイルシステムのラベルが {expected} ではなく {found} です。",
        "The new file system's label reads {found} instead of {expected}.",
    ),
    "error.mkfs.unknown_fs": (
        "ファイルシステム {fs} は使えません (auto、vfat、exfat のいずれか)。",
        "File system {fs} is not supported (choose auto, vfat or exfat).",
    ),
    "mkfs.note.fat16_small_device": (
        "容量が {limit_mib} MiB 未満のため FAT32 ではなく FAT16 で初期化しました。",
        "The device is smaller than {limit_mib} MiB, so it was initialised as FAT16, not FAT32.",
    ),
    "mkfs.note.label_derived": (
        "ボリュームラベルは管理番号 {control_number} から {label} としました"
        " (FATのラベルは英大文字・数字11文字まで)。",
        "The volume label {label} was derived from control number {control_number}"
        " (FAT labels allow 11 uppercase ASCII characters).",
    ),
}
