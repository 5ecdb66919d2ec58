"""The trace of the answer (issue 11): the words and records that led to it, one step per line.

Nullable: rows logged before traces were kept have none (NULL), and the store reads NULL as no step.

Revision ID: 0002_unanswered_trace
Revises: 0001_unanswered_questions
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_unanswered_trace"
down_revision = "0001_unanswered_questions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adding a nullable column is a plain ALTER TABLE on SQLite too: no table rebuild, rows untouched.
    op.add_column("unanswered_questions", sa.Column("trace", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unanswered_questions") as batch:
        batch.drop_column("trace")
