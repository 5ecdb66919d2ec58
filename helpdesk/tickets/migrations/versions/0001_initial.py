"""Initial ticket store: counters, tickets, events, outbox, attachments.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the vocabularies at this revision: a later change gets its own migration.
LINES = ("departement", "academie", "canope", "college")
IMPACTS = ("site", "salle", "poste")
STATUSES = ("ouvert", "transmis", "en_cours", "resolu", "annule", "suivi_college")
CHANNELS = ("rest", "web", "telegram")
EVENT_KINDS = ("created", "routed", "commented", "status_changed", "dispatched", "dispatch_failed")


def _one_of(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _ts():
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ticket_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_ticket_counters")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("uai", sa.String(8), nullable=False),
        sa.Column("establishment_name", sa.String(200), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("line", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("impact", sa.String(8), nullable=False),
        sa.Column("contact", sa.String(300), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reporter_channel", sa.String(16), nullable=False),
        sa.Column("reporter_id", sa.String(128), nullable=True),
        sa.Column("conversation_id", sa.String(128), nullable=True),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("updated_at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("number", name=op.f("uq_tickets_number")),
        sa.CheckConstraint(_one_of("line", LINES), name=op.f("ck_tickets_line")),
        sa.CheckConstraint(_one_of("impact", IMPACTS), name=op.f("ck_tickets_impact")),
        sa.CheckConstraint(_one_of("status", STATUSES), name=op.f("ck_tickets_status")),
        sa.CheckConstraint(_one_of("reporter_channel", CHANNELS), name=op.f("ck_tickets_reporter_channel")),
    )
    op.create_index(op.f("ix_tickets_uai"), "tickets", ["uai"])
    op.create_index(op.f("ix_tickets_status"), "tickets", ["status"])
    op.create_index("ix_tickets_uai_category_status", "tickets", ["uai", "category", "status"])

    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("at", _ts(), nullable=False),
        sa.Column("notify_reporter", sa.Boolean(), nullable=False),
        sa.Column("notified_at", _ts(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")),
        sa.CheckConstraint(_one_of("kind", EVENT_KINDS), name=op.f("ck_ticket_events_kind")),
    )
    op.create_index(op.f("ix_ticket_events_ticket_id"), "ticket_events", ["ticket_id"])
    op.create_index("ix_ticket_events_pending", "ticket_events", ["notify_reporter", "notified_at"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("with_attachments", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _ts(), nullable=False),
        sa.Column("claimed_until", _ts(), nullable=True),
        sa.Column("sent_at", _ts(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_outbox_ticket_id_tickets")),
    )
    op.create_index(op.f("ix_outbox_ticket_id"), "outbox", ["ticket_id"])
    op.create_index("ix_outbox_due", "outbox", ["sent_at", "next_attempt_at"])

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.String(128), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_attachments_ticket_id_tickets")),
    )
    op.create_index(op.f("ix_attachments_ticket_id"), "attachments", ["ticket_id"])
    op.create_index(op.f("ix_attachments_conversation_id"), "attachments", ["conversation_id"])


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("outbox")
    op.drop_table("ticket_events")
    op.drop_table("tickets")
    op.drop_table("ticket_counters")
