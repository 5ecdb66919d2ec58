"""Idempotent declarations and the four-level impact scale.

- ``tickets.declaration_id``: the id a declaration gets when it starts (nullable: tickets made before, or
  by the admin CLI, have none), unique so that a retried or replayed submit can only ever find the ticket
  it already made, never file a second one.
- ``impact`` gains ``zone`` (several rooms or a floor), between ``salle`` and ``site``.

Revision ID: 0002_declarations
Revises: 0001_initial
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_declarations"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Frozen copies of the vocabulary at this revision and the one before.
IMPACTS = ("site", "zone", "salle", "poste")
PREVIOUS_IMPACTS = ("site", "salle", "poste")


def _one_of(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    # Batch mode: SQLite rebuilds the table (it cannot alter a CHECK constraint in place).
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("declaration_id", sa.String(64), nullable=True))
        batch.create_unique_constraint(op.f("uq_tickets_declaration_id"), ["declaration_id"])
        batch.drop_constraint(op.f("ck_tickets_impact"), type_="check")
        batch.create_check_constraint(op.f("ck_tickets_impact"), _one_of("impact", IMPACTS))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint(op.f("ck_tickets_impact"), type_="check")
        batch.create_check_constraint(op.f("ck_tickets_impact"), _one_of("impact", PREVIOUS_IMPACTS))
        batch.drop_constraint(op.f("uq_tickets_declaration_id"), type_="unique")
        batch.drop_column("declaration_id")
