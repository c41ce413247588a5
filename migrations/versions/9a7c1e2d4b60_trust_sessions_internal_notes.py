"""trust: a session generation per account; internal notes on a case's timeline

Revision ID: 9a7c1e2d4b60
Revises: 01a9a456571d
Create Date: 2026-11-25 00:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '9a7c1e2d4b60'
down_revision = '01a9a456571d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('internal_note', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_column('internal_note')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
