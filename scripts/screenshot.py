"""Take screenshots of a running CIM in headless Chromium, logged in as a
given user, for the README.

    python3 scripts/screenshot.py --login manager.acme --password manager.acme \
        /odoo/action-cim_customer.res_partner_action_end_customer=docs/screenshots/x.png

Each PATH=FILE pair is one page and where to save it. Chromium is driven
through its DevTools protocol with websocket-client, which Odoo's tours
need anyway: no extra browser driver.
"""

import argparse
import base64
import itertools
import json
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time

import requests
import websocket

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def login(base_url, user, password):
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    reply = session.post(
        f"{base_url}/web/login",
        data={"login": user, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    if reply.status_code not in (302, 303) or "session_id" not in session.cookies:
        raise SystemExit(f"could not log in as {user}")
    return session.cookies["session_id"]


class Chromium:
    def __init__(self, width, height):
        binary = next(
            (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
             if shutil.which(name)),
            None,
        )  # fmt: skip
        if not binary:
            raise SystemExit("Chromium is not installed (apt-get install chromium).")
        self.profile = tempfile.mkdtemp(prefix="cim-shot-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(self._page_ws_url(port), timeout=60)
        self._ids = itertools.count(1)

    @staticmethod
    def _page_ws_url(port):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
                pages = [t for t in targets if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise SystemExit("Chromium did not start")

    def send(self, method, **params):
        message_id = next(self._ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_idle(self, selector_absent=".o_loading_indicator, .o_blockUI", settle=1.5):
        """Wait until the page is loaded and Odoo shows no loading indicator."""
        deadline = time.monotonic() + 30
        script = (
            f"document.readyState === 'complete' && !document.querySelector('{selector_absent}')"
        )
        while time.monotonic() < deadline:
            if self.send("Runtime.evaluate", expression=script)["result"].get("value"):
                break
            time.sleep(0.2)
        time.sleep(settle)

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("shots", nargs="+", metavar="PATH=FILE")
    args = parser.parse_args()

    session_id = login(args.url, args.login, args.password)
    browser = Chromium(args.width, args.height)
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie", name="session_id", value=session_id, url=args.url, httpOnly=True
        )
        for shot in args.shots:
            path, _, target = shot.partition("=")
            browser.send("Page.navigate", url=args.url + path)
            browser.wait_idle()
            png = base64.b64decode(browser.send("Page.captureScreenshot", format="png")["data"])
            target = pathlib.Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
            print(f"{path} -> {target}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
