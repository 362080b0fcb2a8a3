"""The site root sends a newcomer to the API docs instead of a JSON 404."""


def test_root_redirects_to_the_api_docs(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"


def test_the_docs_the_root_points_to_are_served(client):
    assert client.get("/", follow=True).status_code == 200
