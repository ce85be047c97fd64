"""The core (domain, db, services, system) never imports Textual, proven two ways:
import-linter contracts, and a fresh interpreter importing every core module."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import ledger_tui

CORE = ("domain", "db", "services", "system", "i18n")
ROOT = Path(__file__).resolve().parents[2]


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(ledger_tui.__path__, "ledger_tui."):
        parts = info.name.split(".")
        if parts[1] in CORE and "migrations" not in parts:
            names.append(info.name)
    return names


def test_core_modules_load_without_textual() -> None:
    modules = _core_modules()
    assert len(modules) > 10
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert f"Contracts: {len(contracts['contracts'])} kept, 0 broken." in result.stdout


def test_the_login_screen_starts_without_the_database_layer() -> None:
    """What runs before the login screen is drawn (the command line, its context, the
    app and the session screens) loads neither SQLAlchemy nor the ledger's models: the
    database layer loads while the operator types (cold start target, issue 2)."""
    code = (
        "import sys\n"
        "import ledger_tui.cli.main, ledger_tui.cli.context\n"
        "import ledger_tui.ui.app, ledger_tui.ui.screens.session\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in ('sqlalchemy', 'reportlab', 'pyudev')\n"
        "               or m.startswith('ledger_tui.db'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_the_front_ends_take_only_the_open_ledger_from_db() -> None:
    """The one import of `db` the front ends keep (an ignore in the import contract) is
    the type of the open ledger they hold and hand to services: nothing else of `db`
    (no unit of work, no models, no errors) is reachable from a screen or a command."""
    import ast

    taken: set[tuple[str, str]] = set()
    for front in ("ui", "cli"):
        for path in (ROOT / "ledger_tui" / front).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "ledger_tui.db"
                ):
                    taken |= {(str(node.module), alias.name) for alias in node.names}
                elif isinstance(node, ast.Import):
                    names = {alias.name for alias in node.names}
                    assert not any(n.startswith("ledger_tui.db") for n in names), path
    assert taken == {("ledger_tui.db.uow", "Ledger")}


def test_no_import_circle_in_the_package() -> None:
    """No module of the package reaches itself through its imports (type-only imports
    count too): a circle (the app and its screens, a package and its parts) makes the
    import order matter and hides which piece builds on which."""
    import grimp

    graph = grimp.build_graph("ledger_tui")
    circles: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(start: str) -> None:  # Tarjan's strongly connected components, iterative
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, imported = work[-1]
            step = next(imported, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert len(graph.modules) > 100
    assert circles == []


def test_the_desk_starts_its_screens_before_the_database_layer_loads(tmp_path: Path) -> None:
    """`ledger-tui` (no command) runs the command line's set-up (settings, log, the
    lock-wait listener) and hands over to the TUI with neither SQLAlchemy nor the models
    loaded: the login screen is drawn first (cold start target, issue 17)."""
    code = (
        "import sys\n"
        "import ledger_tui.ui.app as app\n"
        "def run_tui(settings):\n"
        "    print(sorted(m for m in sys.modules\n"
        "                 if m.split('.')[0] in ('sqlalchemy', 'reportlab', 'pyudev')\n"
        "                 or m.startswith('ledger_tui.db.models')))\n"
        "    return 0\n"
        "app.run_tui = run_tui\n"
        "from ledger_tui.cli.main import main\n"
        f"raise SystemExit(main(['--db', 'sqlite:///{tmp_path / 'ledger.sqlite3'}']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
        env={**os.environ, "LEDGER_TUI_DATA_DIR": str(tmp_path)},
    )
    assert done.stdout.strip() == "[]"


def test_the_load_runs_without_the_heavy_modules() -> None:
    """What a load imports (opening the ledger, the load service) leaves out what the
    load never uses: `cryptography`'s 8 MB native module (the sealing of archive
    passwords runs on pycryptodome, as the archive's AES does), the PDF, the TUI, udev's
    bindings and the migrations (the load's peak memory, issue 17)."""
    code = (
        "import sys\n"
        "from ledger_tui.services.ledger.bootstrap import open_ledger\n"
        "from ledger_tui.services.loading.load import load_medium\n"
        "from ledger_tui.system.secrets.sealing import seal_with, unseal_with\n"
        "token = seal_with(bytes(32), 'pw', 'load:1')\n"
        "assert unseal_with([bytes(32)], token, 'load:1') == 'pw'\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in ('cryptography', 'reportlab', 'textual',\n"
        "                                      'pyudev', 'alembic', 'PIL'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"
