"""A tiny OpenAI-compatible chat-completions server on 127.0.0.1 for tests, with failure modes."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = (
    "ok",
    "slow",
    "drop",
    "drop_mid_stream",
    "malformed",
    "no_choices",
    "html",
    "ignore_n",
    "reject_n",
)


def reply_for(body: dict, index: int) -> str:
    """Deterministic answer: candidate index + the last user message, echoed."""
    last = next((m["content"] for m in reversed(body["messages"]) if m["role"] == "user"), "")
    return f"answer {index}: {last}"


class FakeOpenAIServer(ThreadingHTTPServer):
    """`mode` picks the behaviour; `api_key` (if set) is enforced; `requests` records bodies."""

    daemon_threads = True

    def __init__(self, *, models: tuple[str, ...] = ("fake-model",), api_key: str | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.models = models
        self.api_key = api_key
        self.mode = "ok"
        self.delay_s = 2.0
        self.requests: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that time out or hang up are part of the tests

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _json(self, status: int, payload: Any) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": {"message": message, "type": "invalid_request_error"}})

    def _authorised(self) -> bool:
        key = self.server.api_key
        if key and self.headers.get("Authorization") != f"Bearer {key}":
            self._error(401, "Incorrect API key provided")
            return False
        return True

    def _drop(self) -> None:
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def do_GET(self) -> None:
        if not self._authorised():
            return
        if self.path.rstrip("/") != "/v1/models":
            self._error(404, f"no route {self.path}")
            return
        data = [
            {"id": m, "object": "model", "created": 0, "owned_by": "test"}
            for m in self.server.models
        ]
        self._json(200, {"object": "list", "data": data})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append(body)
        if not self._authorised():
            return
        mode = self.server.mode
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._error(404, f"no route {self.path}")
        elif body.get("model") not in self.server.models:
            self._error(404, f"The model `{body.get('model')}` does not exist")
        elif mode == "slow":
            time.sleep(self.server.delay_s)
            self._error(500, "too slow")
        elif mode == "drop":
            self._drop()
        elif mode == "malformed":
            self._json(200, b'{"id": "x", "choices": [ {"message": ')
        elif mode == "html":
            page = b"<html><body>It works!</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
        elif mode == "no_choices":
            self._json(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "m"})
        elif mode == "reject_n" and body.get("n", 1) > 1:
            self._error(400, "n > 1 is not supported")
        elif body.get("stream"):
            self._stream(body)
        else:
            self._complete(body)

    def _complete(self, body: dict) -> None:
        n = 1 if self.server.mode in ("ignore_n", "reject_n") else body.get("n") or 1
        choices = [
            {
                "index": i,
                "message": {"role": "assistant", "content": reply_for(body, i)},
                "finish_reason": "stop",
            }
            for i in range(n)
        ]
        self._json(
            200,
            {
                "id": "c1",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": choices,
            },
        )

    def _stream(self, body: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")  # as uvicorn, Ollama, vLLM send SSE
        self.end_headers()
        text = reply_for(body, 0)
        pieces = [text[i : i + 4] for i in range(0, len(text), 4)]
        for k, piece in enumerate(pieces):
            if self.server.mode == "drop_mid_stream" and k == 2:
                self.wfile.flush()
                self._drop()
                return
            self._send_event(body, {"content": piece}, None)
        self._send_event(body, {}, "stop")
        self._send_chunk(b"data: [DONE]\n\n")
        self._send_chunk(b"")

    def _send_event(self, body: dict, delta: dict, finish: str | None) -> None:
        chunk = {
            "id": "s1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        self._send_chunk(f"data: {json.dumps(chunk)}\n\n".encode())

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()
