"""The API docs work offline: /docs and /redoc load their assets from the service, no other host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from summarizer.service.config import ServiceConfig
from summarizer.settings import Settings
from tests.fakes import FakeOpenAI
from tests.service_helpers import TOKEN_A, RunningService

URL_ATTRIBUTES = {"src", "href", "action", "data", "poster", "srcset"}


class Links(HTMLParser):
    """Every URL the page names: tag attributes and string literals in its inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        self.urls += [v for k, v in attrs if k in URL_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.urls += re.findall(r"""(?:url|Url)\s*:\s*['"]([^'"]+)['"]""", data)
            self.urls += re.findall(r"""['"]((?:https?:)?//[^'"]+)['"]""", data)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[RunningService]:
    with FakeOpenAI() as fake:
        settings = Settings.resolve(env={}, base_url=fake.base_url, api_key="sk-test")
        config = ServiceConfig(tokens=(TOKEN_A,), data_dir=tmp_path)
        with RunningService(config, settings) as svc:
            yield svc


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_page_loads_nothing_from_another_host(service: RunningService, page: str) -> None:
    with service.client(None) as http:  # the docs need no token
        r = http.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        links = Links()
        links.feed(r.text)
        assert links.urls, "expected the page to name its scripts"
        for url in links.urls:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{page} loads {url}"
            asset = http.get(urljoin(page, url))
            assert asset.status_code == 200, url
            assert asset.content, url
            if url.endswith(".css"):  # a stylesheet must not pull fonts or images from afar
                assert not re.search(r"url\(\s*['\"]?(https?:)?//", asset.text), url
    if page == "/docs":
        assert '"validatorUrl": null' in r.text  # no validity badge from validator.swagger.io
        assert any(u.endswith(".js") for u in links.urls)
        assert any(u.endswith(".css") for u in links.urls)
