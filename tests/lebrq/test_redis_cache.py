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


def redis_backend_or_skip():
    cache = backend()
    try:
        cache.delete("probe")
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return cache


def test_set_many_stores_each_value_with_its_expiry():
    cache = redis_backend_or_skip()
    client = cache._cache.get_client(write=True)

    cache.set_many({"first": [1.5, 2.5], "second": "two"}, timeout=30)

    assert cache.get_many(["first", "second"]) == {"first": [1.5, 2.5], "second": "two"}
    assert 0 < client.ttl(cache.make_key("first")) <= 30 and 0 < client.ttl(cache.make_key("second")) <= 30
    cache.set_many({"forever": 1}, timeout=None)
    assert client.ttl(cache.make_key("forever")) == -1  # no expiry, as Django's None means
    cache.delete_many(["first", "second", "forever"])


def test_set_many_with_a_timeout_of_zero_expires_the_keys_at_once():
    cache = redis_backend_or_skip()
    cache.set("stale", "old", 30)

    cache.set_many({"stale": "new"}, timeout=0)

    assert cache.get("stale") is None
