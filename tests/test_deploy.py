"""The sample configs (docs/deploy/nginx.conf, docs/deploy/Caddyfile) serve the output
with the headers `dateline serve` and README promise. Each runs the real server on
loopback; skips without it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from dateline.http_headers import cache_control, media_type
from dateline.pipeline import build_site
from dateline.settings import load_settings

from .conftest import DATA, ROOT

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
CADDY = shutil.which("caddy")
HUB = "https://hub.example.com/"
PATHS = [
    "index.html",
    "articles/blinken-kyiv-may-2024.html",
    "articles/blinken-kyiv-may-2024.jsonld",
    "rss.xml",
    "atom.xml",
    "feed.json",
    "section/world/rss.xml",
    "section/world/feed.json",
    "index.jsonld",
    "events.ics",
    "sitemap.xml",
    "robots.txt",
    "id/kyiv.html",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str) -> None:
    for _ in range(200):
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.05)


def built_site(tmp: Path) -> Path:
    settings = load_settings(DATA / "site" / "dateline.toml").model_copy(
        update={"output_dir": tmp / "site", "hubs": [HUB]}
    )
    assert build_site(settings).ok
    return settings.output_dir


def start_nginx(tmp: Path, root: Path, port: int) -> subprocess.Popen[bytes]:
    if NGINX is None:
        pytest.skip("nginx is not installed")
    server = (ROOT / "docs" / "deploy" / "nginx.conf").read_text()
    server = server.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/dateline;", f"root {root};")
    server = server.replace("<https://news.example.org$uri>", f"<http://127.0.0.1:{port}$uri>")
    server = server.replace(
        "# add_header Link '<https://pubsubhubbub.appspot.com/>", f"add_header Link '<{HUB}>"
    )
    (tmp / "logs").mkdir()
    (tmp / "nginx.conf").write_text(
        # as root, nginx's workers would drop to 'nobody', who cannot read pytest's tmp
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp}/nginx.pid;\nerror_log {tmp}/logs/error.log;\n"
        "events {}\nhttp {\n"
        f"access_log off;\nclient_body_temp_path {tmp}/body;\nproxy_temp_path {tmp}/proxy;\n"
        f"fastcgi_temp_path {tmp}/fcgi;\nuwsgi_temp_path {tmp}/uwsgi;\nscgi_temp_path {tmp}/scgi;\n"
        f"{server}\n}}\n"
    )
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    return subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )


def start_caddy(tmp: Path, root: Path, port: int) -> subprocess.Popen[bytes]:
    if CADDY is None:
        pytest.skip("caddy is not installed")
    site = (ROOT / "docs" / "deploy" / "Caddyfile").read_text()
    site = site.replace("news.example.org {", f"http://127.0.0.1:{port} {{")
    site = site.replace("root * /srv/dateline", f"root * {root}")
    site = site.replace("<https://news.example.org{path}>", f"<http://127.0.0.1:{port}{{path}}>")
    site = site.replace(
        '# header @feeds Link "<https://pubsubhubbub.appspot.com/>', f'header @feeds Link "<{HUB}>'
    )
    (tmp / "Caddyfile").write_text("{\n\tadmin off\n\tauto_https off\n}\n" + site)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "cfg")}
    return subprocess.Popen(
        [CADDY, "run", "--config", str(tmp / "Caddyfile"), "--adapter", "caddyfile"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


@pytest.fixture(scope="module", params=["nginx", "caddy"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The sample config of each web server, serving a built site on loopback."""
    tmp = tmp_path_factory.mktemp(request.param)
    port = free_port()
    start = start_nginx if request.param == "nginx" else start_caddy
    root = built_site(tmp)
    process = start(tmp, root, port)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/", root
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("path", PATHS)
def test_server_sends_the_same_headers(server: tuple[str, Path], path: str) -> None:
    url, root = server
    answer = requests.get(url + path, headers={"Accept-Encoding": "identity"}, timeout=5)
    assert answer.status_code == 200
    assert answer.content == (root / path).read_bytes()
    assert answer.headers["Content-Type"] == media_type(path)
    assert answer.headers["Cache-Control"] == cache_control(path)
    etag = answer.headers["ETag"]
    assert not etag.startswith("W/")
    again = requests.get(url + path, headers={"If-None-Match": etag}, timeout=5)
    assert again.status_code == 304
    by_date = requests.get(
        url + path, headers={"If-Modified-Since": answer.headers["Last-Modified"]}, timeout=5
    )
    assert by_date.status_code == 304
    zipped = requests.get(url + path, headers={"Accept-Encoding": "gzip"}, timeout=5)
    if len(answer.content) >= 256:
        assert zipped.headers.get("Content-Encoding") == "gzip"
        assert zipped.content == answer.content  # requests decoded it
    if path.endswith(("rss.xml", "atom.xml", "feed.json")):
        links = requests.utils.parse_header_links(answer.headers["Link"])
        assert {(link["rel"], link["url"]) for link in links} == {
            ("hub", HUB),
            ("self", url + path),
        }
    else:
        assert "Link" not in answer.headers


def test_server_hides_dot_files_and_dereferences_entity_ids(server: tuple[str, Path]) -> None:
    url, _ = server
    assert requests.get(url + ".dateline-manifest.json", timeout=5).status_code == 404
    entity = requests.get(url + "id/kyiv", timeout=5)
    assert entity.status_code == 200
    assert "<h1>Kyiv</h1>" in entity.text
    assert requests.get(url + "section/world/", timeout=5).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["rss.xml", "atom.xml", "feed.json", "a.html", "a.jsonld", "sitemap.xml", "events.ics"],
)
def test_readme_table_says_what_the_server_sends(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Deploying the output") :]
    table = table[: table.index("\n\n", table.index("| files |"))]
    row = next(
        line
        for line in table.splitlines()
        if f"`{name}`" in line or f"`*{Path(name).suffix}`" in line
    )
    assert f"`{media_type(name)}`" in row
    assert f"`{cache_control(name)}`" in row
