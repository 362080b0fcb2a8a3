"""Racing helper for tests that need several database connections at the same instant."""

import threading

from django.db import connection


def race(count, attempt):
    """Run `attempt(n)` in `count` threads released together by a barrier.

    Each thread has its own database connection (closed when it finishes). Returns, in thread
    order, what each attempt returned or the exception it raised: the test inspects both.
    """
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(number):
        try:
            barrier.wait()
            outcomes[number] = attempt(number)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
