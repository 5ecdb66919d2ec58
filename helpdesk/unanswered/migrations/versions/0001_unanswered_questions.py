"""The unanswered-questions log as it was before traces (what ``create_all`` made until issue 11).

A log created by that ``create_all`` has no version table: ``helpdesk.unanswered.schema`` stamps it with
this revision (or the next one if it already has ``trace``) before upgrading.

Revision ID: 0001_unanswered_questions
Revises:
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_unanswered_questions"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Unnamed primary key, as create_all made it: old and new logs have the same schema.
    op.create_table(
        "unanswered_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("intent", sa.String(60), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("answer_kind", sa.String(30), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("unanswered_questions")
