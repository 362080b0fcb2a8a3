"""Django's Redis cache backend, keeping one redis.Redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call; its constructor
copies redis-py's table of response callbacks (about 170 entries), which cost more than the
round trip itself (measured: 0.4-0.6 ms per get instead of 0.1 ms). A client only wraps its
pool, and redis-py clients are thread-safe, so one per pool is enough.

`set_many` sends one `SET ... EX` per key in a plain pipeline. Django's is a MULTI/EXEC
transaction with an MSET and an EXPIRE per key (five commands and replies for the two throttle
histories each throttled request writes); a cache needs no atomicity across its keys.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def set_many(self, data, timeout):
        if timeout == 0:  # Django's meaning: expire at once
            self.get_client(None, write=True).delete(*data)
            return
        pipeline = self.get_client(None, write=True).pipeline(transaction=False)
        for key, value in data.items():
            pipeline.set(key, self._serializer.dumps(value), ex=timeout)
        pipeline.execute()


class PooledClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
