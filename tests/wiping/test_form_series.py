"""Every kind of numbered paper has its own series (domain/form_series.py): a slip, a
certificate, an incident report and an inspection made on one day never share a number,
and migration 0018 gave numbers issued before the prefixes theirs (a bare number from
older paper still finds its form). SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from alembic import command

from ledger_tui.db.migrate import alembic_config, upgrade_to_head
from ledger_tui.domain.compliance import IncidentKind
from ledger_tui.domain.form_series import SERIES
from ledger_tui.services.inspection.views import show_inspection
from ledger_tui.services.inspection.walk import start_inspection
from ledger_tui.services.lending.slip_views import find_slip
from ledger_tui.services.oversight import incidents
from ledger_tui.services.oversight.incident_views import show_incident
from ledger_tui.services.register import media
from ledger_tui.services.wiping import certificates, disposals
from tests.integration.lending_world import World, tokyo
from tests.wiping.helpers import lent_and_returned


def _papers_of_one_day(world: World) -> dict[str, str]:
    loan = lent_and_returned(world, "税-CD-001")
    cert = disposals.destroy_medium(
        world.ledger, world.actor, "税-CD-001", method="shred", witness="山田 太郎",
        day=date(2025, 6, 1),
    )  # fmt: skip
    incident = incidents.report_incident(
        world.ledger,
        world.actor,
        incidents.IncidentForm(
            contract_id=world.contract_id,
            kind=IncidentKind.OTHER,
            discovered_at=tokyo(2025, 6, 1, 9),
            description="受け渡し票の控えを誤って廃棄した",
        ),
    )
    inspection = start_inspection(world.ledger, world.actor)
    out_slip = find_slip(world.ledger, "SLIP-R7-0001")
    assert out_slip.loan_id == loan.id
    return {
        "slip": out_slip.number,
        "certificate": cert.number,
        "incident": incident.number,
        "inspection": inspection.number,
    }


def test_papers_of_different_kinds_made_the_same_day_never_share_a_number(
    world: World,
) -> None:
    numbers = _papers_of_one_day(world)
    assert numbers == {
        "slip": "SLIP-R7-0001",
        "certificate": "CERT-R7-0001",
        "incident": "INC-R7-0001",
        "inspection": "INSP-R7-0001",
    }
    assert len(set(numbers.values())) == len(numbers)
    # each series is its own: prefixes and counters are unique
    assert len({s.prefix for s in SERIES}) == len({s.counter for s in SERIES}) == len(SERIES)


def test_migration_0018_prefixes_the_numbers_issued_before(world: World) -> None:
    numbers = _papers_of_one_day(world)
    engine = world.ledger.engine
    command.downgrade(alembic_config(engine), "0015")
    with engine.connect() as conn:
        bare = {
            table: conn.exec_driver_sql(f"SELECT number FROM {table}").scalars().all()
            for table in ("handover_slips", "erasure_certificates", "incidents", "inspections")
        }
    assert bare["handover_slips"] == ["R7-0001", "R7-0002"]
    assert bare["erasure_certificates"] == bare["incidents"] == bare["inspections"] == ["R7-0001"]
    upgrade_to_head(engine)
    ledger = world.ledger
    assert find_slip(ledger, numbers["slip"]).number == "SLIP-R7-0001"
    assert find_slip(ledger, "R7-0002").number == "SLIP-R7-0002"  # a bare number, older paper
    assert certificates.find_certificate(ledger, "R7-0001").number == "CERT-R7-0001"
    assert show_incident(ledger, "r7-1").number == "INC-R7-0001"
    assert show_inspection(ledger, "R7-0001").number == "INSP-R7-0001"
    # media got their section: the lent CD-R its contract's
    assert media.show_medium(ledger, "税-CD-001").section_name == "税務課"
