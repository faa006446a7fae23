"""A small client for headless Chromium over the DevTools protocol on a pipe, for the browser tests.

Debian's ``chromium`` is started with ``--remote-debugging-pipe``: it reads protocol messages (JSON,
each ended by a NUL byte) on file descriptor 3 and writes replies and events on 4. No port, no
websocket library, no driver binary whose version must match the browser's, nothing downloaded:
the standard library and the browser the machine has. Everything the page does is recorded as it
happens (console messages, exceptions, every request it starts, dialogs), so a test can say that
nothing of the kind happened.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: Where Debian puts the browser (package chromium); CHROMIUM names another.
CANDIDATES = ("chromium", "chromium-browser")
#: The flags the machine's notes give for a headless Chromium on a closed network, as root.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--remote-debugging-pipe",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
)
TIMEOUT = 30.0


def find_chromium() -> str | None:
    """The browser to drive: ``$CHROMIUM``, else the first of :data:`CANDIDATES` on the path."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


class BrowserError(RuntimeError):
    """The browser answered a command with an error, closed the pipe, or took too long."""


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, executable: str, width: int = 1400, height: int = 1000) -> None:
        self.executable, self.width, self.height = executable, width, height
        self.events: list[dict[str, Any]] = []
        self._buffer = b""
        self._next = 0
        self.session = ""

    def __enter__(self) -> Browser:
        self._profile = tempfile.mkdtemp(prefix="chromium-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def pipes_on_3_and_4() -> None:  # in the child, before exec
            a, b = os.dup(to_browser), os.dup(from_browser)  # off 3 and 4 first, then onto them
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
            preexec_fn=pipes_on_3_and_4,
            close_fds=False,
        )
        os.close(to_browser)
        os.close(from_browser)
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                self.call(f"{domain}.enable")
            self.call(
                "Emulation.setDeviceMetricsOverride",
                width=self.width,
                height=self.height,
                deviceScaleFactor=1,
                mobile=False,
            )
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.process.poll() is None:
                self._send("Browser.close", {}, session=False)
                self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired, BrowserError):
            self.process.kill()
            self.process.wait()
        finally:
            for fd in (self._write, self._read):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self.stderr.close()
            shutil.rmtree(self._profile, ignore_errors=True)

    # --- the protocol ---------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any], *, session: bool = True) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        return self._next

    def _receive(self, deadline: float) -> dict[str, Any]:
        """The next message; a dialog the page opens is recorded and dismissed, so nothing blocks."""
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise BrowserError("the browser did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser closed the pipe (exit {self.process.poll()})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        decoded = json.loads(message)
        if decoded.get("method") == "Page.javascriptDialogOpening":
            self._send("Page.handleJavaScriptDialog", {"accept": False})
        return decoded

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command to the page (the browser, for ``Target.*``) and return its result."""
        sent = self._send(method, params, session=not method.startswith(("Target.", "Browser.")))
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == sent:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event named ``method`` (one already received counts), waiting for it."""
        deadline = time.monotonic() + TIMEOUT
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event["params"]
            seen = len(self.events)
            self.events.append(self._receive(deadline))

    # --- what the tests use ---------------------------------------------------------------------

    def open(self, path: Path, *, before: str = "") -> None:
        """Load ``path`` from disk and wait until it and its scripts have run; ``before`` is script to
        run in the page ahead of the page's own (the tests' watchers)."""
        self.events.clear()
        if before:
            self.call("Page.addScriptToEvaluateOnNewDocument", source=before)
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def evaluate(self, expression: str) -> Any:
        """The value of ``expression`` in the page (a promise awaited); a script error is raised."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_text(self, selector: str, text: str) -> None:
        """Focus the element ``selector`` and type ``text`` into it as keyboard input."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", text=text)

    def screenshot(self, full_page: bool = False) -> bytes:
        """The page as a PNG: what the viewport shows, or the whole page."""
        return base64.b64decode(
            self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)["data"]
        )

    def requests(self) -> list[str]:
        """Every URL the page asked for (blocked ones included), in order."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (a CSP violation is one)."""
        found = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(
                    "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(params["exceptionDetails"])[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log ({params['entry']['source']}): {params['entry']['text']}")
        return found

    def dialogs(self) -> list[str]:
        """Messages of every alert, confirm or prompt the page opened."""
        return [
            e["params"]["message"] for e in self.events if e.get("method") == "Page.javascriptDialogOpening"
        ]
