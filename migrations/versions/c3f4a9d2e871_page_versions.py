"""page versions: the version of each scope a kept page depends on (webapp/page_versions.py)

Revision ID: c3f4a9d2e871
Revises: b7d2e5a1c903
Create Date: 2026-11-25 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c3f4a9d2e871'
down_revision = 'b7d2e5a1c903'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'page_version',
        sa.Column('scope', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('scope', name=op.f('pk_page_version')),
    )


def downgrade():
    op.drop_table('page_version')
