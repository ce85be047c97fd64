"""Form numbers (SLIP-R7-0042): one counter per series (handover slip, certificate,
inspection, incident, password notice; see domain/form_series.py), restarting every
fiscal year on 1 April."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ledger_tui.db.models import FormCounter
from ledger_tui.db.uow import UnitOfWork
from ledger_tui.domain.form_series import FormSeries
from ledger_tui.domain.wareki import fiscal_year


def next_form_number(uow: UnitOfWork, series: FormSeries, day: date) -> tuple[str, int, int]:
    """(number, fiscal year, sequence) for a form dated `day`; the sequence restarts on
    1 April. The counter row is created once per fiscal year (a concurrent creator is
    ignored) and incremented under its row lock, so two desks never get one number."""
    year, form = fiscal_year(day), series.counter
    insert = pg_insert if uow.dialect == "postgresql" else sqlite_insert
    uow.session.execute(
        insert(FormCounter)
        .values(form=form, fiscal_year=year, last_sequence=0)
        .on_conflict_do_nothing()
    )
    sequence = uow.session.execute(
        update(FormCounter)
        .where(FormCounter.form == form, FormCounter.fiscal_year == year)
        .values(last_sequence=FormCounter.last_sequence + 1)
        .returning(FormCounter.last_sequence)
    ).scalar_one()
    return series.number(day, sequence), year, sequence
