"""The Redis cache backend keeps one client per connection pool instead of one per call."""

import pytest
import redis.exceptions
from django.core.cache.backends.redis import RedisCacheClient

from lebrq.redis_cache import PooledClientRedisCache


def backend():
    return PooledClientRedisCache("redis://127.0.0.1:6379/15", {"OPTIONS": {"socket_connect_timeout": 1}})


def test_every_call_on_one_server_gets_the_same_client():
    cache = backend()

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    assert isinstance(cache._cache, RedisCacheClient)


def test_a_read_replica_gets_its_own_client():
    cache = PooledClientRedisCache("redis://127.0.0.1:6379/15,redis://127.0.0.1:6379/14", {})

    writer, reader = cache._cache.get_client(write=True), cache._cache.get_client()

    assert writer is not reader and reader is cache._cache.get_client()
    assert reader.connection_pool.connection_kwargs["db"] == 14


def test_values_round_trip_through_the_kept_client():
    cache = backend()
    try:
        cache.set("answer", {"content": b"{}"}, 10)
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert cache.get("answer") == {"content": b"{}"} and cache.get_many(["answer", "absent"]) == {
        "answer": {"content": b"{}"}
    }
    cache.delete("answer")
