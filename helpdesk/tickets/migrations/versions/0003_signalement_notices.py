"""Notices of teachers' signalements for the RUPNs of their establishment, and who received them.

- ``signalement_notices``: one row per signalement, written with it (outbox pattern).
- ``signalement_deliveries``: one row per (notice, channel, recipient) reached.

Revision ID: 0003_signalement_notices
Revises: 0002_declarations
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_signalement_notices"
down_revision = "0002_declarations"
branch_labels = None
depends_on = None


def _ts():
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "signalement_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("uai", sa.String(8), nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_signalement_notices_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signalement_notices")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_signalement_notices_ticket_id")),
    )
    op.create_index(op.f("ix_signalement_notices_uai"), "signalement_notices", ["uai"])
    op.create_table(
        "signalement_deliveries",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient_id", sa.String(128), nullable=False),
        sa.Column("delivered_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["signalement_notices.id"],
                                name=op.f("fk_signalement_deliveries_notice_id_signalement_notices")),
        sa.PrimaryKeyConstraint("notice_id", "channel", "recipient_id", name=op.f("pk_signalement_deliveries")),
    )


def downgrade() -> None:
    op.drop_table("signalement_deliveries")
    op.drop_index(op.f("ix_signalement_notices_uai"), table_name="signalement_notices")
    op.drop_table("signalement_notices")
