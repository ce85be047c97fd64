"""Texts of the slip printing service (services.printing): the issuer placeholder and
its refusals."""

TEXTS: dict[str, tuple[str, str]] = {
    # printed bottom left until an administrator sets the ward's name (ward set NAME)
    "slip_print.ward_unset": ("（区名未設定）", "(ward name not set)"),
    "error.slip_print.cancelled": (
        "印刷を取りやめました（ジョブ {job} は取り消されました）。",
        "Printing was stopped (job {job} was cancelled).",
    ),
}
