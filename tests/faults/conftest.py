import pytest

from .harness import worker_env


@pytest.fixture
def env_for_workers(database_url, real_redis, instance_dir):
    return worker_env(database_url, real_redis[1], instance_dir)
