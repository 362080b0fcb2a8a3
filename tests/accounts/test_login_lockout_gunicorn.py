"""The login lockout lives in the database: it holds whichever gunicorn worker answers."""

import pytest
import requests

from tests.conftest import PASSWORD, make_user
from tests.e2e.test_foundation_gunicorn import served_by, wait_for

pytestmark = pytest.mark.e2e

TOKEN = "/api/auth/token"


def test_the_lockout_holds_across_two_workers(gunicorn_server):
    alice = make_user("alice@example.com")
    server = gunicorn_server(WEB_CONCURRENCY=2, LOGIN_MAX_FAILURES=10)
    answers = []

    def attempt(password):
        # A fresh connection each time, which either worker may accept.
        answers.append(requests.post(server.url(TOKEN), json={"email": alice.email, "password": password}, timeout=10))
        assert wait_for(lambda: len(served_by(server, "POST", TOKEN)) == len(answers), timeout=5)

    for _ in range(10):
        attempt("wrong")
    # Then the right password, until both workers have answered it at least once.
    while len(answers) < 40 and len(set(served_by(server, "POST", TOKEN)[10:])) < 2:
        attempt(PASSWORD)
    locked = answers[10:]

    assert [answer.status_code for answer in answers[:10]] == [401] * 9 + [429]
    assert len(set(served_by(server, "POST", TOKEN)[10:])) == 2, "one worker accepted every connection"
    assert {answer.status_code for answer in locked} == {429}
    assert all(answer.json()["code"] == "login_locked_out" for answer in locked)
    assert all(0 < int(answer.headers["Retry-After"]) <= 15 * 60 for answer in locked)
