"""Commands for operators, sections, contractors, contracts and designated handlers."""

from __future__ import annotations

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.domain.operators import Role
from ledger_tui.i18n import t
from ledger_tui.services import auth, organisation
from ledger_tui.services.organisation import ContractView, HandlerView

EXIT_OK = 0


# --- operators ----------------------------------------------------------------------------


def operator_add(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()  # stdin line 1: the acting administrator's password
    password = ctx.secret(t("cli.password.new"))  # line 2: the new operator's password
    view = auth.add_operator(
        ctx.ledger, actor, args.login, args.name, password, Role(args.role), args.section
    )
    ctx.result(
        view,
        "cli.operator.added",
        login=view.login,
        name=view.name,
        role=t(f"role.{view.role.value}"),
    )
    return EXIT_OK


def operator_list(ctx: Context) -> int:
    rows = auth.list_operators(ctx.ledger)
    headers = [t(f"cli.field.{k}") for k in ("login", "name", "role", "section", "active")]
    cells = [
        [r.login, r.name, t(f"role.{r.role.value}"), r.section, output.yes_no(r.active)]
        for r in rows
    ]
    ctx.listing(rows, headers, cells)
    return EXIT_OK


# --- sections and contractors ---------------------------------------------------------------


def section_add(ctx: Context) -> int:
    view = organisation.add_section(ctx.ledger, ctx.actor(), ctx.args.code, ctx.args.name)
    ctx.result(view, "cli.section.added", code=view.code, name=view.name)
    return EXIT_OK


def section_list(ctx: Context) -> int:
    rows = organisation.list_sections(ctx.ledger)
    headers = [t("cli.field.code"), t("cli.field.name")]
    ctx.listing(rows, headers, [[r.code, r.name] for r in rows])
    return EXIT_OK


def contractor_add(ctx: Context) -> int:
    args = ctx.args
    view = organisation.add_contractor(ctx.ledger, ctx.actor(), args.name, args.address, args.phone)
    ctx.result(view, "cli.contractor.added", name=view.name, id=view.id)
    return EXIT_OK


def contractor_list(ctx: Context) -> int:
    rows = organisation.list_contractors(ctx.ledger)
    headers = [t(f"cli.field.{k}") for k in ("id", "name", "address", "phone")]
    cells = [[str(r.id), r.name, r.address, r.phone] for r in rows]
    ctx.listing(rows, headers, cells)
    return EXIT_OK


# --- contracts and handlers -----------------------------------------------------------------


def contract_add(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    view = organisation.add_contract(
        ctx.ledger,
        actor,
        organisation.ContractForm(
            title=args.title,
            section_code=args.section,
            contractor_name=args.contractor,
            period_start=args.start,
            period_end=args.end,
            purpose=args.purpose,
            provided_items=args.provided,
            collected_items=args.collected,
            allowed_media_kinds=args.media,
            allowed_transfer_methods=args.methods,
            planned_record_count=args.planned,
            **({} if args.terms is None else {"special_terms": args.terms}),
        ),
    )
    ctx.result(view, "cli.contract.added", id=view.id, title=view.title)
    return EXIT_OK


def contract_list(ctx: Context) -> int:
    rows = organisation.list_contracts(ctx.ledger)
    headers = [t(f"cli.field.{k}") for k in ("id", "period", "section", "contractor", "title")]
    cells = [[str(r.id), _period(r), r.section_name, r.contractor_name, r.title] for r in rows]
    ctx.listing(rows, headers, cells)
    return EXIT_OK


def contract_show(ctx: Context) -> int:
    view = organisation.show_contract(ctx.ledger, ctx.args.id)
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    sep = t("cli.list_sep")
    output.fields(
        ctx.out,
        [
            (t("cli.field.id"), str(view.id)),
            (t("cli.field.title"), view.title),
            (
                t("cli.field.section"),
                t("cli.section_ref", name=view.section_name, code=view.section_code),
            ),
            (t("cli.field.contractor"), view.contractor_name),
            (t("cli.field.period"), _period(view)),
            (t("cli.field.purpose"), view.purpose),
            (t("cli.field.provided"), sep.join(view.provided_items)),
            (t("cli.field.collected"), sep.join(view.collected_items)),
            (t("cli.field.media_kinds"), output.names("kind", view.allowed_media_kinds)),
            (t("cli.field.methods"), output.names("transfer", view.allowed_transfer_methods)),
            (t("cli.field.planned"), f"{view.planned_record_count:,}"),
            (t("cli.field.handlers"), ""),
        ],
    )
    for handler in view.handlers:
        ctx.out.write(f"  {_handler_line(handler)}\n")
    return EXIT_OK


def handler_add(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    made = organisation.add_handler(
        ctx.ledger,
        actor,
        args.contract,
        args.name,
        args.role,
        args.code,
        args.valid_from,
        args.valid_to,
        args.reported,
    )
    view = made.handler
    ctx.result(
        made if made.made else view,  # a code the person chose is not echoed back
        "cli.handler.added",
        contract=args.contract,
        name=view.person_name,
        role=t(f"handler_role.{view.role.value}"),
        number=view.id,
    )
    if not ctx.json and made.made:
        ctx.say("cli.handler.code_once", code=made.code)
    return EXIT_OK


def handler_reset_code(ctx: Context) -> int:
    args = ctx.args
    made = organisation.reset_handler_code(ctx.ledger, ctx.actor(), args.number, args.code)
    ctx.result(
        made if made.made else made.handler,
        "cli.handler.code_reset",
        number=made.handler.id,
        name=made.handler.person_name,
    )
    if not ctx.json and made.made:
        ctx.say("cli.handler.code_once", code=made.code)
    return EXIT_OK


def _period(view: ContractView) -> str:
    return t("cli.period", start=view.period_start.isoformat(), end=view.period_end.isoformat())


def _handler_line(h: HandlerView) -> str:
    if h.valid_to is None:
        valid = t("cli.valid_open", start=h.valid_from.isoformat())
    else:
        valid = t("cli.period", start=h.valid_from.isoformat(), end=h.valid_to.isoformat())
    return t(
        "cli.handler_line",
        number=h.id,
        role=t(f"handler_role.{h.role.value}"),
        name=h.person_name,
        valid=valid,
        reported=h.reported_on.isoformat(),
    )
