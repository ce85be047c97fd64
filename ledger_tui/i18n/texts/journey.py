"""Texts of the custody cycle: the next step of a medium, the lend rules it enforces."""

TEXTS: dict[str, tuple[str, str]] = {
    # the next step of a medium (domain.journey.Step)
    "step.first_wipe": ("初回消去", "First wipe"),
    "step.load": ("暗号化格納", "Encrypted load"),
    "step.lend": ("貸出（提供）", "Lend"),
    "step.confirm": ("窓口確認", "Counter confirmation"),
    "step.print": ("受け渡し票の印刷", "Print the slip"),
    "step.stamp": ("押印済の記録", "Record the stamps"),
    "step.take_return": ("返却受入", "Take the return"),
    "step.intake": ("返却データの読取", "Intake of returned data"),
    "step.wipe": ("消去（証明書）", "Wipe (certificate)"),
    "step.destroy": (
        "廃棄または返却（ledger-tui destroy）",
        "Destroy or return to file (ledger-tui destroy)",
    ),
    "step.none": ("（手順なし）", "(nothing to do)"),
    "journey.next": (
        "{control_number}（{state}）次の手順: {step}",
        "{control_number} ({state}) next: {step}",
    ),
    "journey.step_slip": ("{step}（受け渡し票 {number}）", "{step} (slip {number})"),
    "cmd.next_step": ("次の手順", "Next step"),
    "cmd.next_step.help": (
        "選択中（または挿入中）の媒体の次の手順を開く",
        "Open the next step of the selected (or inserted) medium",
    ),
    "journey.nothing": (
        "{control_number} は「{state}」です。これ以上の手順はありません。",
        "{control_number} is '{state}'. There is nothing more to do with it.",
    ),
    "journey.destroy_hint": (
        "{control_number} は廃棄または原課返却します（コマンド: ledger-tui destroy）。",
        "{control_number} is to be destroyed or returned to file (command: ledger-tui destroy).",
    ),
    # lending a stick that was never loaded; the out-slip counts the load
    "error.lending.not_loaded": (
        (
            "{control_number} にはこの契約の提供データが格納されていません。"
            "先に暗号化格納するか、空のまま（回収用）貸し出すことを明示してください。"
        ),
        (
            "{control_number} does not hold this contract's data. Load it first, or say "
            "explicitly that it goes out empty (for collection)."
        ),
    ),
    "error.slip.count_not_loaded": (
        "件数は格納した件数（{loaded}件）です。",
        "The count is the number of records loaded ({loaded}).",
    ),
    "load.error.other_contract": (
        "{control_number} は別の委託契約の貸出（準備中）があります。",
        "{control_number} already has a draft loan under another contract.",
    ),
    "lend.field.without_load": (
        "格納なしで貸出（回収用の空媒体）",
        "Out without a load (empty, for collection)",
    ),
    "lend.loaded_count": ("件数（格納の記録）", "Records (as loaded)"),
    "list.refreshed": ("{time} 更新", "as of {time}"),
    "cli.opt.without_load": (
        "格納なしで貸し出す（回収用の空のUSBメモリ、データは紙で手交など）",
        "lend a stick without a load (empty, for collection; the data handed on paper)",
    ),
    "counter.out_count": ("提供時の件数", "Records handed out"),
    "counter.out_count.value": ("{count}件（{number}）", "{count} ({number})"),
    "counter.difference.none": ("差異なし", "no difference"),
    "counter.difference": ("差異 {difference}件", "difference {difference}"),
    "counter.explanation": ("理由: {text}", "Explanation: {text}"),
    "first_run.password_rule": (
        "{minimum}文字以上（長い文を推奨）",
        "At least {minimum} characters (a long phrase is best)",
    ),
    # the first-run checklist on an empty ledger's dashboard
    "dash.setup": ("はじめに: 最初の貸出までの準備", "Getting started: before the first lend"),
    "setup.section": ("課を登録（F6 → k）", "Add a section (F6 → k)"),
    "setup.contractor": ("委託先を登録（F6 → c）", "Add a contractor (F6 → c)"),
    "setup.contract": ("委託契約を登録（F6 → n）", "Add a contract (F6 → n)"),
    "setup.handler": (
        "委託先の取扱者を指定（F6 → h）",
        "Designate the contractor's handler (F6 → h)",
    ),
    "setup.medium": (
        "媒体を登録（F3 → i 挿入したUSBメモリ、a 手入力）",
        "Register a medium (F3 → i the inserted stick, a by hand)",
    ),
    "setup.first_wipe": ("初回消去で空を確認（F3 → n）", "First wipe, verified empty (F3 → n)"),
    "setup.first_lend": (
        "格納して貸出（F3 → n 次の手順）",
        "Load and lend (F3 → n next step)",
    ),
    "load.field.contract": ("委託契約", "Contract"),
    "devices.strip.known": ("{control_number}（{state}）", "{control_number} ({state})"),
    "devices.pick.title": ("対象の媒体を選んでください", "Choose the stick"),
    "devices.none_registered": (
        "登録済のUSBメモリが挿入されていません。",
        "No registered stick is inserted.",
    ),
}
