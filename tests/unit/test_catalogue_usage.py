"""Every catalogue key the code uses exists, in Japanese and in English.

Three nets, each catching what the others cannot:
- a scan of the sources for keys written out: the first argument of `t()`, of a domain
  error and of a `Binding` (its description), any argument or attribute named `key` or
  `*_key` of the project's own functions and classes; and for a key built from a
  literal prefix (`t(f"state.{...}")`, `t("kind." + ...)`), at least one key under it;
- for the families built from an enumeration, a text for every member;
- under tests `t()` raises on a missing key (`tests/conftest.py` turns strict mode on),
  so a key built at run time that a test reaches cannot go missing either, while the
  product shows the key and carries on.
"""

from __future__ import annotations

import ast
import enum
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest

import ledger_tui
from ledger_tui import i18n
from ledger_tui.db.models.inspections import InspectionState, LineResult, SeenHow
from ledger_tui.db.models.loads import LoadState
from ledger_tui.db.models.wipes import CertificateKind, DisposalMethod, ErasureCategory
from ledger_tui.domain.compliance import (
    AuditKind,
    CheckStatus,
    Duty,
    IncidentKind,
    IncidentState,
    SheetTemplate,
)
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.operators import Role
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.i18n import CATALOGUE, MissingText, t
from ledger_tui.services.oversight.audits import AuditStatus
from ledger_tui.services.wiping.wipe import WipeStage
from ledger_tui.system.pdf.layout import Copy
from ledger_tui.system.printing import PrinterState
from ledger_tui.system.stick.wipe import Phase, Verification, WipeMethod

PACKAGE = Path(ledger_tui.__file__).parent
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
#: Names ending in "key" that hold something else than a catalogue key.
NOT_TEXT_KEYS = {"primary_key", "split_key", "aes_key", "hmac_key", "audit_key", "sort_key"}


def _is_text_name(name: str) -> bool:
    name = name.lstrip("_")
    return (name == "key" or name.endswith("_key")) and name not in NOT_TEXT_KEYS


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _text_parameters(defs: list[ast.FunctionDef | ast.AsyncFunctionDef]) -> set[tuple[int, str]]:
    """(position, name) of the parameters holding a key, agreed by every definition of
    the name (position -1: keyword-only)."""
    agreed: set[tuple[int, str]] | None = None
    for definition in defs:
        names = [a.arg for a in definition.args.posonlyargs + definition.args.args]
        if names and names[0] in ("self", "cls"):
            names = names[1:]
        mine = {(i, n) for i, n in enumerate(names) if _is_text_name(n)}
        mine |= {(-1, a.arg) for a in definition.args.kwonlyargs if _is_text_name(a.arg)}
        agreed = mine if agreed is None else agreed & mine
    return agreed or set()


class Usage:
    """Keys written out (`keys`) and key prefixes (`prefixes`), each with where."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.keys: dict[str, list[str]] = defaultdict(list)
        self.prefixes: dict[str, list[str]] = defaultdict(list)
        trees = {where: ast.parse(text) for where, text in sources.items()}
        self._errors = self._error_classes(trees.values())
        self._callables: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = defaultdict(list)
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    for item in node.body:
                        if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                            self._callables[node.name].append(item)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    if node.name != "__init__":
                        self._callables[node.name].append(node)
        for where, tree in trees.items():
            self._scan(where, tree)

    @staticmethod
    def _error_classes(trees: Iterable[ast.AST]) -> set[str]:
        """DomainError and every class deriving from it, by name."""
        bases: dict[str, set[str]] = {}
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    bases[node.name] = {n for b in node.bases if (n := _name(b))}
        errors = {"DomainError"}
        while True:
            more = {name for name, of in bases.items() if of & errors} - errors
            if not more:
                return errors
            errors |= more

    def _note(self, node: ast.AST | None, where: str, shaped: bool = False) -> None:
        if isinstance(node, ast.IfExp):  # "a.key" if ... else "b.key"
            self._note(node.body, where, shaped)
            self._note(node.orelse, where, shaped)
            return
        value = _literal(node)
        if value is not None:
            if value and (not shaped or KEY_SHAPE.match(value)):
                self.keys[value].append(where)
            return
        prefix = None
        if isinstance(node, ast.JoinedStr) and node.values:
            prefix = _literal(node.values[0])
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            prefix = _literal(node.left)
        if prefix and "." in prefix:
            self.prefixes[prefix].append(where)

    def _scan(self, file: str, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            where = f"{file}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                self._scan_call(node, where)
            elif isinstance(node, ast.FunctionDef) and _is_text_name(node.name):
                for inner in ast.walk(node):  # a function named *_key returns a key
                    if isinstance(inner, ast.Return):
                        self._note(inner.value, f"{file}:{inner.lineno}")
            elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    name = _name(target)
                    if name and _is_text_name(name):
                        self._note(node.value, where, shaped=True)

    def _scan_call(self, node: ast.Call, where: str) -> None:
        name = _name(node.func)
        if name is None:
            return
        if name == "t" or name in self._errors:
            if node.args:
                self._note(node.args[0], where)
            return
        if name == "Binding":
            described = [k.value for k in node.keywords if k.arg == "description"]
            self._note(node.args[2] if len(node.args) > 2 else next(iter(described), None), where)
            return
        for position, parameter in _text_parameters(self._callables.get(name, [])):
            if 0 <= position < len(node.args):
                self._note(node.args[position], where, shaped=True)
            for keyword in node.keywords:
                if keyword.arg == parameter:
                    self._note(keyword.value, where, shaped=True)


def _sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE.parent)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if "i18n/texts" not in path.as_posix() and "db/migrations" not in path.as_posix()
    }


@pytest.fixture(scope="module")
def usage() -> Usage:
    return Usage(_sources())


def test_every_key_written_in_the_code_is_in_the_catalogue(usage: Usage) -> None:
    assert len(usage.keys) > 500  # the scan sees the code's keys at all
    missing = {key: where[:3] for key, where in usage.keys.items() if key not in CATALOGUE}
    assert not missing, missing


def test_every_key_prefix_in_the_code_has_keys_under_it(usage: Usage) -> None:
    assert len(usage.prefixes) > 30
    empty = {
        prefix: where[:3]
        for prefix, where in usage.prefixes.items()
        if not any(key.startswith(prefix) for key in CATALOGUE)
    }
    assert not empty, empty


def test_the_scan_finds_what_is_missing() -> None:
    found = Usage(
        {
            "x.py": (
                "from textual.binding import Binding\n"
                "class Refused(DomainError):\n    pass\n"
                "class Gone(Refused):\n    pass\n"
                "def ask(name, title_key, *, empty_key=''):\n    pass\n"
                "def status_key(done):\n"
                "    return 'x.done_gone' if done else f'xgone3.{done}'\n"
                "def find(reason_key=''):\n    pass\n"
                "find(reason_key='x.reason_gone')\n"
                "find(reason_key='free text, not a key')\n"
                "class Screen:\n    area_title_key = 'x.title_gone'\n"
                "    BINDINGS = [Binding('a', 'add', 'x.binding_gone')]\n"
                "t('x.t_gone')\n"
                "raise Gone('x.error_gone', field='f')\n"
                "ask('name', 'x.param_gone', empty_key='x.keyword_gone')\n"
                "t(f'xgone.{kind}')\n"
                "t('xgone2.' + kind)\n"
                "split_key = 'not.a_text'\n"
            )
        }
    )
    assert set(found.keys) == {
        "x.title_gone",
        "x.binding_gone",
        "x.t_gone",
        "x.error_gone",
        "x.param_gone",
        "x.keyword_gone",
        "x.done_gone",
        "x.reason_gone",
    }
    assert set(found.prefixes) == {"xgone.", "xgone2.", "xgone3."}


#: Texts named after the members of an enumeration: prefix -> enumeration.
ENUMERATED: dict[str, type[enum.Enum]] = {
    "state.": MediumState,
    "state.loan.": LoanState,
    "loan_state.": LoanState,
    "state.slip.": SlipState,
    "slip_state.": SlipState,
    "direction.": SlipDirection,
    "slip_direction.": SlipDirection,
    "counter.title.": SlipDirection,
    "slip.title.": SlipDirection,
    "slip.lead.": SlipDirection,
    "kind.": MediumKind,
    "role.": Role,
    "handler_role.": HandlerRole,
    "transfer.": TransferMethod,
    "audit_kind.": AuditKind,
    "audit.status.": AuditStatus,
    "check_status.": CheckStatus,
    "duty.": Duty,
    "incident_kind.": IncidentKind,
    "incident_state.": IncidentState,
    "sheet_template.": SheetTemplate,
    "insp.state.": InspectionState,
    "insp.how.": SeenHow,
    "insp.filter.": LineResult,
    "insp.status.": LineResult,
    "inspection.finding.": LineResult,
    "load.state.": LoadState,
    "certificate_kind.": CertificateKind,
    "disposal.method.": DisposalMethod,
    "erasure.category.": ErasureCategory,
    "form.copy.": Copy,
    "printer.state.": PrinterState,
    "wipe.method.": WipeMethod,
    "wipe.phase.": Phase,
    "wipe.verification.": Verification,
    "certificate.verification.": Verification,
    "wipe.stage.": WipeStage,
    "wiping.stage.": WipeStage,
}


@pytest.mark.parametrize("prefix", sorted(ENUMERATED))
def test_every_member_of_an_enumerated_family_has_its_text(prefix: str) -> None:
    missing = [
        f"{prefix}{m.value}" for m in ENUMERATED[prefix] if f"{prefix}{m.value}" not in CATALOGUE
    ]
    assert not missing


def test_a_missing_key_raises_in_strict_mode_and_shows_the_key_in_the_product() -> None:
    was = i18n.strict_texts()
    try:
        i18n.set_strict(True)
        with pytest.raises(MissingText, match=r"no\.such\.key"):
            t("no.such.key")
        i18n.set_strict(False)
        assert t("no.such.key") == "no.such.key"
        assert t("state.lent", "en") == "lent"
    finally:
        i18n.set_strict(was)
