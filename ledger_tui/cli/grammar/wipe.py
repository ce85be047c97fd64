"""The grammar of the wipe commands: wipe, certificate show|print, certificates list,
destroy, contractor-erasure add|list. Handlers live in `cli.cmd_wipe` and load only
when they run; this module stays light so `--help` starts fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.grammar.args import Command, Family, SubParsers

_WIPE = "ledger_tui.cli.commands.wipe"
#: Values of `system.wipe.WipeMethod`, `db.models_wipes.DisposalMethod` (kept literal
#: here so the grammar does not import the engine or the database layer).
CHOICES_WIPE_METHOD = ("clear_random_verify", "clear_random_zero_verify")
CHOICES_DISPOSAL = ("shred", "return_to_file")
CHOICES_FS = ("auto", "vfat", "exfat")
#: `domain.wipes.ContractorDeviceKind` and `ErasureCheck` values.
CHOICES_DEVICE = ("pc", "tablet", "other")
CHOICES_CHECK = ("confirmed", "data_left")


def register(commands: SubParsers, command: Command, family: Family) -> None:
    from ledger_tui.cli.grammar.args import copies, count, iso_date
    from ledger_tui.cli.grammar.oversight import local_datetime

    wipe = command(commands, "wipe", "cli.cmd.wipe", f"{_WIPE}:wipe")
    wipe.add_argument(
        "--medium", required=True, metavar="CONTROL_NO", help=t("cli.opt.control_number")
    )
    wipe.add_argument("--device", required=True, metavar="PATH", help=t("cli.opt.wipe_device"))
    wipe.add_argument("--witness", default="", metavar="NAME", help=t("cli.opt.wipe_witness"))
    wipe.add_argument(
        "--vendor-key-reset", choices=("yes", "no"), help=t("cli.opt.vendor_key_reset")
    )
    wipe.add_argument(
        "--method",
        choices=CHOICES_WIPE_METHOD,
        default=CHOICES_WIPE_METHOD[0],
        help=t("cli.opt.wipe_method"),
    )
    wipe.add_argument("--fs", choices=CHOICES_FS, default="auto", help=t("cli.opt.wipe_fs"))
    wipe.add_argument("--no-mkfs", action="store_true", help=t("cli.opt.wipe_no_mkfs"))
    wipe.add_argument(
        "--verify", choices=("bytes", "gmac"), default="bytes", help=t("cli.opt.wipe_verify")
    )

    certificate = family("certificate", "cli.cmd.certificate")
    show = command(certificate, "show", "cli.cmd.certificate_show", f"{_WIPE}:certificate_show")
    show.add_argument("number", metavar="NUMBER", help=t("cli.opt.certificate_number"))
    printing = command(
        certificate, "print", "cli.cmd.certificate_print", f"{_WIPE}:certificate_print"
    )
    printing.add_argument("number", metavar="NUMBER", help=t("cli.opt.certificate_number"))
    where = printing.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    printing.add_argument("--copies", type=copies, metavar="N", help=t("cli.opt.copies"))

    listing = command(
        family("certificates", "cli.cmd.certificates"),
        "list",
        "cli.cmd.certificates_list",
        f"{_WIPE}:certificates_list",
    )
    listing.add_argument(
        "--medium", default="", metavar="CONTROL_NO", help=t("cli.opt.control_number")
    )
    listing.add_argument("--limit", type=count, metavar="N", help=t("cli.opt.limit"))

    destroy = command(commands, "destroy", "cli.cmd.destroy", f"{_WIPE}:destroy")
    destroy.add_argument(
        "--medium", required=True, metavar="CONTROL_NO", help=t("cli.opt.control_number")
    )
    destroy.add_argument(
        "--method", required=True, choices=CHOICES_DISPOSAL, help=t("cli.opt.disposal_method")
    )
    destroy.add_argument("--witness", required=True, metavar="NAME", help=t("cli.opt.wipe_witness"))
    destroy.add_argument(
        "--date", dest="day", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.disposal_date")
    )
    destroy.add_argument("--notes", default="", metavar="TEXT", help=t("cli.opt.notes"))

    erasure = family("contractor-erasure", "cli.cmd.contractor_erasure")
    add = command(
        erasure, "add", "cli.cmd.contractor_erasure_add", f"{_WIPE}:contractor_erasure_add"
    )
    add.add_argument(
        "--contract", required=True, type=count, metavar="ID", help=t("cli.opt.contract_id")
    )
    add.add_argument(
        "--certificate", required=True, metavar="NO", help=t("cli.opt.contractor_certificate")
    )
    add.add_argument(
        "--date",
        dest="day",
        required=True,
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=t("cli.opt.contractor_erased_on"),
    )
    add.add_argument("--devices", default="", metavar="TEXT", help=t("cli.opt.contractor_devices"))
    add.add_argument(
        "--witness", required=True, metavar="LOGIN", help=t("cli.opt.contractor_witness")
    )
    add.add_argument("--notes", default="", metavar="TEXT", help=t("cli.opt.notes"))
    device = command(
        erasure, "device", "cli.cmd.contractor_erasure_device", f"{_WIPE}:contractor_erasure_device"
    )
    device.add_argument("erasure", type=count, metavar="ERASURE_ID", help=t("cli.opt.erasure_id"))
    device.add_argument(
        "--kind", required=True, choices=CHOICES_DEVICE, help=t("cli.opt.device_kind")
    )
    device.add_argument("--maker-model", default="", metavar="TEXT", help=t("cli.opt.maker_model"))
    device.add_argument("--serial", default="", metavar="TEXT", help=t("cli.opt.device_serial"))
    device.add_argument("--erased", required=True, metavar="TEXT", help=t("cli.opt.erased_data"))
    device.add_argument("--method", required=True, metavar="TEXT", help=t("cli.opt.erase_method"))
    device.add_argument(
        "--at", required=True, type=local_datetime, metavar="DATETIME", help=t("cli.opt.erased_at")
    )
    device.add_argument("--person", required=True, metavar="NAME", help=t("cli.opt.erased_by"))
    device.add_argument(
        "--witness", required=True, metavar="LOGIN", help=t("cli.opt.contractor_witness")
    )
    device.add_argument(
        "--check", required=True, choices=CHOICES_CHECK, help=t("cli.opt.erasure_check")
    )
    device.add_argument("--check-note", default="", metavar="TEXT", help=t("cli.opt.check_note"))
    paper = command(
        erasure, "print", "cli.cmd.contractor_erasure_print", f"{_WIPE}:contractor_erasure_print"
    )
    paper.add_argument("erasure", type=count, metavar="ERASURE_ID", help=t("cli.opt.erasure_id"))
    where = paper.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    paper.add_argument("--copies", type=copies, metavar="N", help=t("cli.opt.copies"))
    listed = command(
        erasure, "list", "cli.cmd.contractor_erasure_list", f"{_WIPE}:contractor_erasure_list"
    )
    listed.add_argument("--contract", type=count, metavar="ID", help=t("cli.opt.contract_id"))
