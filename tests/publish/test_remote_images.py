"""Remote (CDN) images: the page keeps the URL, the book embeds a downloaded copy or the text.

Every download here goes to an HTTP server on 127.0.0.1 started by the test; nothing touches
the network.
"""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from build_helpers import run_cli, run_epubcheck
from lxml import etree

from l10nflow.publish.remote import ImageFetcher, RemoteImage

PNG = (Path(__file__).parent / "data/project/source/images/defectors.png").read_bytes()
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


class _Handler(BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared log of the paths asked for

    def do_GET(self) -> None:
        _Handler.requests.append(self.path)
        if self.path == "/photo.png":
            self._send(200, "image/png", PNG)
        elif self.path == "/slow.png":
            time.sleep(2)
            self._send(200, "image/png", PNG)
        elif self.path == "/big.png":
            self._send(200, "image/png", b"\x89PNG" + b"\0" * 200_000)
        elif self.path == "/page.png":
            self._send(200, "text/html", b"<html>not an image</html>")
        elif self.path == "/to-ftp.png":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/photo.png")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (time limit)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _use_remote_images(project: Path, base: str) -> None:
    source = project / "source/defectors.html"
    text = source.read_text("utf-8").replace(
        'src="images/defectors.png"', f'src="{base}/photo.png"'
    )
    text = text.replace(
        "</figure>",
        f'</figure>\n<figure><img src="{base}/gone.png" alt="A burned village">'
        "<figcaption>Kani township, September.</figcaption></figure>",
    )
    source.write_text(text, "utf-8")
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + "remote_timeout = 1\n", "utf-8")


def test_page_keeps_the_url_and_the_book_embeds_a_copy_or_the_text(
    project: Path, server: str, java: str
) -> None:
    _use_remote_images(project, server)
    result = run_cli(project, "--locale", "my", "--threshold", "50")
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(project / "build/html/defectors/my/index.html")).getroot()
    assert [img.get("src") for img in page.iter("img")] == [
        f"{server}/photo.png",
        f"{server}/gone.png",
    ]
    book = project / "build/epub/defectors.my.epub"
    with zipfile.ZipFile(book) as archive:
        content = etree.fromstring(archive.read("EPUB/content.xhtml"))
        images = [img.get("src") for img in content.iterfind(".//x:img", XHTML)]
        assert len(images) == 1 and images[0].startswith("images/remote/")
        assert archive.read(f"EPUB/{images[0]}") == PNG
        opf = archive.read("EPUB/package.opf").decode("utf-8")
    assert f'href="{images[0]}" media-type="image/png"' in opf
    # The image that could not be fetched: its alternative text and caption are in the book.
    text = "".join(content.itertext())
    assert "A burned village" in text and "Kani township, September." in text
    assert f"image {server}/gone.png" in result.output
    assert "HTTP 404 Not Found" in result.output
    errors, warnings, output = run_epubcheck(java, [book])[str(book)]
    assert (errors, warnings) == (0, 0), output


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/slow.png", "timed out"),
        ("/big.png", "larger than the 100000-byte limit"),
        ("/page.png", "not an image EPUB readers support (text/html)"),
        ("/to-ftp.png", "non-http(s) URL"),
        ("/missing.png", "HTTP 404 Not Found"),
    ],
)
def test_limits_give_a_reason_not_an_error(
    server: str, tmp_path: Path, path: str, reason: str
) -> None:
    fetcher = ImageFetcher(tmp_path / "cache", timeout=0.5, max_bytes=100_000)
    found = fetcher.fetch(server + path)
    assert isinstance(found, str) and reason in found, found
    assert not list((tmp_path / "cache").glob("*.bin"))  # a failure is never cached


def test_only_http_and_https_are_fetched(tmp_path: Path) -> None:
    target = tmp_path / "secret.png"
    target.write_bytes(PNG)
    fetcher = ImageFetcher(tmp_path / "cache")
    for url in (target.as_uri(), "ftp://127.0.0.1/photo.png"):
        found = fetcher.fetch(url)
        assert found == "only http and https images are downloaded"


def test_the_cache_serves_a_second_build_without_the_server(server: str, tmp_path: Path) -> None:
    url = f"{server}/photo.png"
    first = ImageFetcher(tmp_path / "cache").fetch(url)
    assert isinstance(first, RemoteImage) and first.data == PNG
    asked = len(_Handler.requests)
    again = ImageFetcher(tmp_path / "cache").fetch(url)
    assert again == first
    assert len(_Handler.requests) == asked  # no second download


def test_downloads_can_be_switched_off(server: str, tmp_path: Path) -> None:
    found = ImageFetcher(tmp_path / "cache", enabled=False).fetch(f"{server}/photo.png")
    assert isinstance(found, str) and "off" in found
