"""List endpoints: pagination shape and bounds, filters, cached totals, fixed query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from model_bakery import baker

from bookings.models import Booking
from tests.bookings.conftest import book, book_confirmed, booking_payload

pytestmark = pytest.mark.django_db


def make_bookings(user, venue, count, status=Booking.Status.CONFIRMED, first_day=1):
    base = timezone.now().replace(microsecond=0) + timedelta(days=first_day)
    starts = [base + timedelta(hours=3 * n) for n in range(count)]
    return baker.make(
        Booking, _quantity=count, _bulk_create=True, user=user, venue=venue, status=status, title="Bulk",
        start_datetime=iter(starts), end_datetime=iter(start + timedelta(hours=2) for start in starts),
    )  # fmt: skip


def test_page_shape_and_links(alice_client, alice, hall):
    make_bookings(alice, hall, 7)

    body = alice_client.get("/api/bookings/?page=2&page_size=3").json()

    assert len(body["items"]) == 3
    pagination = body["pagination"]
    assert {key: pagination[key] for key in ("page", "page_size", "total", "pages")} == {
        "page": 2, "page_size": 3, "total": 7, "pages": 3
    }  # fmt: skip
    assert pagination["next"].endswith("/api/bookings/?page=3&page_size=3")
    assert pagination["previous"].endswith("/api/bookings/?page_size=3")
    assert set(body["items"][0]) == {
        "id", "venue", "venue_name", "kind", "title", "start_datetime", "end_datetime", "status", "is_public", "total",
        "created_at",
    }  # fmt: skip


def test_rows_come_latest_start_first_across_pages(alice_client, alice, hall):
    make_bookings(alice, hall, 5)

    pages = [alice_client.get(f"/api/bookings/?page={n}&page_size=2").json()["items"] for n in (1, 2, 3)]
    starts = [row["start_datetime"] for page in pages for row in page]

    assert len(starts) == 5
    assert starts == sorted(starts, reverse=True)


def test_page_size_is_capped_at_100(staff_client, alice, hall):
    make_bookings(alice, hall, 120)

    pagination = staff_client.get("/api/admin/bookings/?page_size=500").json()["pagination"]

    assert (pagination["page_size"], pagination["pages"]) == (100, 2)


@pytest.mark.parametrize("page", ["3", "0", "-1", "x"])
def test_pages_past_the_end_or_not_numbers_are_404(alice_client, alice, hall, page):
    make_bookings(alice, hall, 3)

    response = alice_client.get(f"/api/bookings/?page={page}&page_size=2")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_an_empty_list_is_one_empty_page(alice_client):
    body = alice_client.get("/api/bookings/").json()

    assert body["items"] == []
    assert (body["pagination"]["total"], body["pagination"]["pages"]) == (0, 1)


def test_total_follows_writes_through_the_count_cache(alice_client, alice, hall):
    assert alice_client.get("/api/bookings/").json()["pagination"]["total"] == 0

    created = alice_client.post("/api/bookings/", booking_payload(hall), format="json").json()
    assert alice_client.get("/api/bookings/").json()["pagination"]["total"] == 1
    assert alice_client.get("/api/bookings/?status=cancelled").json()["pagination"]["total"] == 0

    alice_client.post(f"/api/bookings/{created['id']}/cancel/", format="json")
    assert alice_client.get("/api/bookings/?status=cancelled").json()["pagination"]["total"] == 1


def test_filters_by_status_venue_kind_and_local_date_range(staff_client, alice, bob, hall, studio):
    first = book_confirmed(alice, hall, days=3, hour=23, hours=1)  # 23:00 local: a UTC date would be the day before
    book_confirmed(bob, studio, days=4, hour=10)
    program = book(bob, hall, days=5, hour=10, kind="program")
    day3 = timezone.localtime(first.start_datetime).date()

    def ids(query):
        response = staff_client.get(f"/api/admin/bookings/?{query}")
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["items"]}

    assert ids("status=pending") == {program.pk}
    assert ids(f"venue={hall.pk}") == {first.pk, program.pk}
    assert ids("kind=program") == {program.pk}
    assert ids(f"date_from={day3}&date_to={day3}") == {first.pk}
    assert ids(f"date_from={day3 + timedelta(days=1)}") == {program.pk} | ids(f"venue={studio.pk}")
    assert staff_client.get("/api/admin/bookings/?status=lost").status_code == 400
    assert staff_client.get("/api/admin/bookings/?date_from=yesterday").status_code == 400


def test_admin_list_shows_the_customer(staff_client, alice, hall):
    booking = book(alice, hall)

    row = staff_client.get("/api/admin/bookings/").json()["items"][0]

    assert (row["id"], row["user"], row["user_email"]) == (booking.pk, alice.pk, "alice@example.com")


@pytest.fixture
def at_23_40_in_india():
    """Frozen before the clients' tokens are made, so they are issued at the frozen time too."""
    with time_machine.travel(datetime(2026, 12, 1, 23, 40, tzinfo=ZoneInfo("Asia/Kolkata")), tick=False):
        yield


def test_today_lists_bookings_starting_today(at_23_40_in_india, staff_client, alice, hall):
    now = timezone.localtime()  # 23:40: the 23:30 booking has begun, and the list must not cross midnight
    today = baker.make(
        Booking, user=alice, venue=hall, title="Today", start_datetime=now.replace(hour=23, minute=30),
        end_datetime=now.replace(hour=23, minute=59),
    )  # fmt: skip
    book(alice, hall, days=1)

    assert [row["id"] for row in staff_client.get("/api/admin/bookings/today/").json()["items"]] == [today.pk]


@pytest.mark.parametrize(
    "path, client_name, permission_queries",
    [
        ("/api/bookings/", "alice_client", 0),
        # Staff routes check model permissions: the user's own and their groups', once per request.
        ("/api/admin/bookings/", "staff_client", 2),
        ("/api/admin/bookings/today/", "staff_client", 2),
    ],
)
def test_list_queries_do_not_grow_with_page_size(
    request, alice, bob, hall, django_assert_max_num_queries, path, client_name, permission_queries
):
    client = request.getfixturevalue(client_name)
    make_bookings(alice, hall, 120, first_day=0)
    make_bookings(bob, hall, 10, first_day=30)

    # auth user + cached-count miss + page keys + page rows; nothing per row.
    for page_size in (5, 100):
        with django_assert_max_num_queries(4 + permission_queries):
            assert client.get(f"{path}?page_size={page_size}").status_code == 200


def test_a_cached_count_saves_the_count_query(alice_client, alice, hall, django_assert_max_num_queries):
    make_bookings(alice, hall, 30)
    alice_client.get("/api/bookings/?page=2&page_size=10")

    with django_assert_max_num_queries(3):
        assert alice_client.get("/api/bookings/?page=3&page_size=10").json()["pagination"]["total"] == 30


def test_detail_queries_do_not_grow_with_items(alice_client, alice, hall, chairs, thali, django_assert_max_num_queries):
    booking = book(alice, hall, items=[{"item": chairs, "quantity": 2}, {"item": thali, "quantity": 3}])

    # The signed-in user, the booking with its venue and customer, its item lines, its refunds.
    with django_assert_max_num_queries(4):
        assert len(alice_client.get(f"/api/bookings/{booking.pk}/").json()["items"]) == 2


def test_list_reads_only_the_columns_it_shows(alice_client, alice, hall, django_assert_max_num_queries):
    make_bookings(alice, hall, 3)

    with django_assert_max_num_queries(4) as captured:
        alice_client.get("/api/bookings/")

    page_sql = captured.captured_queries[-1]["sql"].lower()
    assert "subtotal" not in page_sql and "description" not in page_sql and "venue_hourly_rate" not in page_sql


@pytest.mark.parametrize(
    ("path", "client_name"), [("/api/bookings/", "alice_client"), ("/api/admin/bookings/", "staff_client")]
)
def test_a_page_reads_its_rows_by_key_alone_without_a_join_the_database_could_start_from(
    request, alice, hall, django_assert_max_num_queries, path, client_name
):
    client = request.getfixturevalue(client_name)
    make_bookings(alice, hall, 3)

    with django_assert_max_num_queries(6) as captured:
        body = client.get(path).json()

    page_sql = captured.captured_queries[-1]["sql"].lower()
    assert " join " not in page_sql
    assert {row["venue_name"] for row in body["items"]} == {hall.name}


def test_deep_pages_through_cached_anchors_match_plain_offsets(staff_client, alice, bob, hall, studio, monkeypatch):
    from lebrq.pagination import DeferredJoinPaginator

    monkeypatch.setattr(DeferredJoinPaginator, "anchor_every", 4)
    made = make_bookings(alice, hall, 23) + make_bookings(bob, studio, 9, status=Booking.Status.PENDING)
    # Same start at two venues: the id breaks the tie, across anchors too.
    expected = [booking.pk for booking in sorted(made, key=lambda b: (b.start_datetime, b.pk), reverse=True)]

    def all_pages(query=""):
        ids, number = [], 1
        while (
            response := staff_client.get(f"/api/admin/bookings/?page_size=3&page={number}{query}")
        ).status_code == 200:
            ids += [row["id"] for row in response.json()["items"]]
            number += 1
        assert response.status_code == 404
        return ids

    assert all_pages() == expected
    assert all_pages() == expected  # second pass served from the anchors
    pending = [pk for pk in expected if Booking.objects.get(pk=pk).status == "pending"]
    assert all_pages("&status=pending") == pending

    newest = book(alice, studio, days=300)
    assert all_pages()[:1] == [newest.pk]  # the write moved the version: no stale anchor shifts the rows
    assert all_pages()[1:] == expected[:32]


@pytest.mark.parametrize("route", ["/api/admin/bookings/", "/api/admin/bookings/today/", "/api/admin/bookings/export"])
@pytest.mark.parametrize(
    "query", ["date_to=9999-12-31", "date_from=9999-12-31", "date_from=0001-01-01", "date_to=0001-01-01"]
)
def test_admin_date_filters_at_the_ends_of_the_calendar_are_clamped_not_500(staff_client, alice, hall, route, query):
    booking = book(alice, hall)

    response = staff_client.get(f"{route}?{query}")

    assert response.status_code == 200
    everything = query in ("date_to=9999-12-31", "date_from=0001-01-01")
    if route == "/api/admin/bookings/":
        assert [row["id"] for row in response.json()["items"]] == ([booking.pk] if everything else [])
    if route.endswith("export"):
        rows = b"".join(response.streaming_content).decode().splitlines()[1:]  # the stream ends, and whole
        assert len(rows) == (1 if everything else 0)
