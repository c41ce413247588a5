"""activities: why one was turned down or called off

Revision ID: 5d0e7c2a9b41
Revises: 16b9db5281ea
Create Date: 2026-12-06 05:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d0e7c2a9b41'
down_revision = '16b9db5281ea'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=200), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('cancel_reason')
