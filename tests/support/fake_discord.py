"""A stand-in for Discord's HTTP API that refuses every token (401), counting the logins it saw.
The bot's login (`GET /users/@me`) is its first request, so each count is one bot trying."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeDiscord:
    def __init__(self) -> None:
        self.logins = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.endswith("/users/@me"):
                    with fake._lock:
                        fake.logins += 1
                body = json.dumps({"message": "401: Unauthorized", "code": 0}).encode()
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v10"

    def settings_env(self) -> dict[str, str]:
        return {
            "DISCORD_BOT_TOKEN": "fake-token-" + "x" * 40,
            "DISCORD_GUILD_ID": "123456789012345678",
            "DISCORD_API_URL": self.api_url,
        }

    def start(self) -> FakeDiscord:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
