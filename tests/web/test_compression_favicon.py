"""Pages are sent compressed to clients that accept gzip; /favicon.ico is the project's own icon."""
import gzip
import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_html_is_gzip_compressed_when_accepted(client):
    plain = client.get("/accounts/login/")
    packed = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200 and "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "<form" in html and len(packed.content) < len(plain.content) / 2


def test_favicon_is_an_icon_and_pages_link_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon" href="/static/web/favicon.svg"' in page and 'href="/favicon.ico"' in page
    assert client.get("/static/web/favicon.svg").status_code == 200
