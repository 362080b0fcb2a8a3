"""The public catalogue (venues, items) is cached, carries an ETag, and no write leaves it stale."""

import pytest

from bookings.models import Item, Venue

pytestmark = pytest.mark.django_db


def names(response):
    return [row["name"] for row in response.json()["items"]]


@pytest.mark.parametrize("path", ["/api/venues/", "/api/items/", "/api/venues/?city=Bengaluru&page_size=1"])
def test_a_repeated_anonymous_catalogue_list_costs_no_query(
    anon_client, hall, studio, chairs, path, django_assert_num_queries
):
    first = anon_client.get(path)

    with django_assert_num_queries(0):
        again = anon_client.get(path)

    assert again.status_code == 200
    assert again.json() == first.json() and again.headers["ETag"] == first.headers["ETag"]
    assert "items" in again.json() and "pagination" in again.json()


def test_a_repeated_customer_venue_detail_costs_only_the_token_lookup(alice_client, hall, django_assert_num_queries):
    first = alice_client.get(f"/api/venues/{hall.pk}/")

    with django_assert_num_queries(1):
        again = alice_client.get(f"/api/venues/{hall.pk}/")

    assert again.status_code == 200 and again.json() == first.json()
    assert again.json()["name"] == "Rangoli Hall"


@pytest.mark.parametrize("path", ["/api/venues/", "/api/venues/{hall}/", "/api/items/", "/api/items/{chairs}/"])
def test_a_catalogue_repeat_naming_its_etag_is_304(anon_client, hall, chairs, path):
    path = path.format(hall=hall.pk, chairs=chairs.pk)
    etag = anon_client.get(path).headers["ETag"]

    repeat = anon_client.get(path, headers={"If-None-Match": etag})

    assert repeat.status_code == 304 and repeat.headers["ETag"] == etag
    assert anon_client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_query_parameters_are_part_of_the_cached_answer(anon_client, hall, studio):
    assert names(anon_client.get("/api/venues/?city=Bengaluru")) == ["Rangoli Hall"]
    assert names(anon_client.get("/api/venues/?city=Mumbai")) == ["Yoga Studio"]
    first_page = anon_client.get("/api/venues/?page_size=1").json()
    second_page = anon_client.get("/api/venues/?page_size=1&page=2").json()
    assert first_page["pagination"]["total"] == 2 and first_page["items"] != second_page["items"]


def test_a_staff_patch_is_visible_at_once_to_the_public(anon_client, staff_client, hall):
    etag = anon_client.get(f"/api/venues/{hall.pk}/").headers["ETag"]
    anon_client.get("/api/venues/")

    patch = staff_client.patch(
        f"/api/venues/{hall.pk}/", {"name": "Rangoli Grand", "rules": {"buffer_minutes": 45}}, format="json"
    )

    assert patch.status_code == 200
    detail = anon_client.get(f"/api/venues/{hall.pk}/", headers={"If-None-Match": etag})
    assert detail.status_code == 200 and detail.headers["ETag"] != etag
    assert detail.json()["name"] == "Rangoli Grand" and detail.json()["rules"]["buffer_minutes"] == 45
    assert names(anon_client.get("/api/venues/")) == ["Rangoli Grand"]


def test_a_deactivated_venue_leaves_the_public_catalogue_at_once_but_staff_still_see_it(
    anon_client, alice_client, staff_client, hall, studio
):
    assert sorted(names(anon_client.get("/api/venues/"))) == ["Rangoli Hall", "Yoga Studio"]
    assert anon_client.get(f"/api/venues/{studio.pk}/").status_code == 200
    staff_client.get("/api/venues/")

    assert staff_client.patch(f"/api/venues/{studio.pk}/", {"is_active": False}, format="json").status_code == 200

    assert names(anon_client.get("/api/venues/")) == ["Rangoli Hall"]
    assert names(alice_client.get("/api/venues/")) == ["Rangoli Hall"]
    assert anon_client.get(f"/api/venues/{studio.pk}/").status_code == 404
    assert sorted(names(staff_client.get("/api/venues/"))) == ["Rangoli Hall", "Yoga Studio"]
    assert staff_client.get(f"/api/venues/{studio.pk}/").json()["is_active"] is False


def test_staff_never_get_the_public_answer_nor_the_public_theirs(anon_client, staff_client, hall, studio):
    Venue.objects.filter(pk=studio.pk).update(is_active=False)  # no signal: only the cache key keeps them apart

    assert names(anon_client.get("/api/venues/")) == ["Rangoli Hall"]
    assert sorted(names(staff_client.get("/api/venues/"))) == ["Rangoli Hall", "Yoga Studio"]
    assert names(anon_client.get("/api/venues/")) == ["Rangoli Hall"]


def test_an_item_saved_or_deleted_is_in_the_next_answer(anon_client, chairs):
    assert names(anon_client.get("/api/items/")) == ["Chair"]

    Item.objects.create(name="Projector", unit_price="3000.00", gst_rate="18.00")
    assert sorted(names(anon_client.get("/api/items/"))) == ["Chair", "Projector"]

    chairs.unit_price = "30.00"
    chairs.save()
    assert anon_client.get(f"/api/items/{chairs.pk}/").json()["unit_price"] == "30.00"

    Item.objects.get(name="Projector").delete()
    assert names(anon_client.get("/api/items/")) == ["Chair"]
