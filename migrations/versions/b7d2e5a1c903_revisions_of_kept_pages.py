"""revisions: a notice's and a finance period's page change count, so a phone keeping them for
offline reading fetches only those that changed

Revision ID: b7d2e5a1c903
Revises: 9a7c1e2d4b60
Create Date: 2026-11-25 04:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7d2e5a1c903'
down_revision = '9a7c1e2d4b60'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('disclosure', 'finance_period'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    for table in ('finance_period', 'disclosure'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('revision')
