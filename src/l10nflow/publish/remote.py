"""Remote images (``https://cdn…/photo.jpg``): downloaded once into a cache for the e-books.

An EPUB must carry its images (EPUB 3 allows remote resources only for audio and video), while
a web page can keep the remote URL. The download is limited: http(s) only (also after
redirects), a time limit, a size limit, an image media type EPUB readers must support. Any
failure is a reason, never an exception: the book then shows the image's text instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from l10nflow import __version__

# EPUB 3 core media types for images, with the extension the book's copy gets.
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class RemoteImage:
    url: str
    data: bytes
    media_type: str

    @property
    def href(self) -> str:
        """Where the book keeps it: a name from the URL's hash (stable, no clashes)."""
        name = hashlib.sha256(self.url.encode()).hexdigest()[:16]
        return f"images/remote/{name}{IMAGE_TYPES[self.media_type]}"


class DownloadFailed(Exception):
    """Why an image could not be fetched (the message is shown in the build's warning)."""


def is_remote(src: str) -> bool:
    return urlsplit(src).scheme.lower() in ("http", "https")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise DownloadFailed(f"redirected to a non-http(s) URL {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class ImageFetcher:
    """Downloads remote images with limits; keeps them under ``cache_dir`` by URL."""

    def __init__(
        self,
        cache_dir: Path | None,
        enabled: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.cache_dir = cache_dir
        self.enabled = enabled
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())
        self._done: dict[str, RemoteImage | str] = {}

    def fetch(self, url: str) -> RemoteImage | str:
        """The image, or the reason it is not available (cached per build and on disk)."""
        if url not in self._done:
            try:
                self._done[url] = self._cached(url) or self._download(url)
            except DownloadFailed as exc:
                self._done[url] = str(exc)
        return self._done[url]

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()
        return self.cache_dir / f"{key}.bin", self.cache_dir / f"{key}.json"

    def _cached(self, url: str) -> RemoteImage | None:
        paths = self._paths(url)
        if paths is None or not paths[0].is_file() or not paths[1].is_file():
            return None
        try:
            meta = json.loads(paths[1].read_text(encoding="utf-8"))
            if meta.get("url") != url or meta.get("media_type") not in IMAGE_TYPES:
                return None
            return RemoteImage(url, paths[0].read_bytes(), meta["media_type"])
        except (OSError, ValueError):
            return None

    def _download(self, url: str) -> RemoteImage:
        if not self.enabled:
            raise DownloadFailed("remote image downloads are off ([build] remote_images)")
        if not is_remote(url):
            raise DownloadFailed("only http and https images are downloaded")
        request = urllib.request.Request(url, headers={"User-Agent": f"l10nflow/{__version__}"})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                if media_type not in IMAGE_TYPES:
                    raise DownloadFailed(f"not an image EPUB readers support ({media_type})")
                data = response.read(self.max_bytes + 1)
        except DownloadFailed:
            raise
        except urllib.error.HTTPError as exc:
            raise DownloadFailed(f"download failed: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise DownloadFailed(f"download failed: {reason}") from exc
        if len(data) > self.max_bytes:
            raise DownloadFailed(f"larger than the {self.max_bytes}-byte limit")
        image = RemoteImage(url, data, media_type)
        self._store(image)
        return image

    def _store(self, image: RemoteImage) -> None:
        paths = self._paths(image.url)
        if paths is None:
            return
        try:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            for path, data in (
                (paths[0], image.data),
                (paths[1], json.dumps({"url": image.url, "media_type": image.media_type})),
            ):
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(data.encode() if isinstance(data, str) else data)
                os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs a download next time
