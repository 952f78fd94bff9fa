import pytest


@pytest.fixture
def client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_user("curator", password="a-long-passphrase")
    client.force_login(user)
    return client
