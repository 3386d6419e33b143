"""Officers' updates stored straight into a test app's database with a given review status."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from knowledge.models import ProgressUpdate, Project
from knowledge.thai import FiscalQuarter
from knowledge.updates import NewUpdate, store_update

#: The quarter the updates are filed under (the seed report's).
QUARTER = FiscalQuarter(2566, 2)


def store_update_with_status(app: Any, text: str, status: str, *, message_id: str = "m1",
                             amount_baht: Decimal | None = None,
                             quarter: FiscalQuarter = QUARTER,
                             decided_by: str | None = None) -> tuple[int, int]:
    """An update of the first project, stored with ``status``: (update id, its document id).

    ``decided_by``: the manager who approved or rejected it; None for an update that
    waited for nobody (approved at once where no approval applies).
    """
    with app.db.write() as s:
        project_id = s.scalars(select(Project.id).order_by(Project.id)).first()
        assert project_id is not None
        stored = store_update(s, NewUpdate(
            project_id=project_id, platform="console", platform_message_id=message_id,
            text=text, quarter=quarter, amount_baht=amount_baht), open_from=quarter)
        row = s.get(ProgressUpdate, stored.update_id)
        assert row is not None and row.document_id is not None
        row.status = status
        row.decided_by = decided_by
        return row.id, row.document_id


def set_update_status(app: Any, update_id: int, status: str) -> None:
    """Change a stored update's review status."""
    with app.db.write() as s:
        row = s.get(ProgressUpdate, update_id)
        assert row is not None
        row.status = status
