"""HTTP with a session: keep-alive connection, cookies, CSRF from the page's forms."""

from __future__ import annotations

import http.client
import re
import urllib.parse
import uuid
from html.parser import HTMLParser

from .base import BENCH_PASSWORD


def request(host, port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


class Session:
    """One user's browser-like session: keep-alive connection, cookies, CSRF from forms."""

    def __init__(self, port: int, timeout: float = 10):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _send(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers["Host"] = f"127.0.0.1:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn's sync workers close idle keep-alive connections: reconnect once.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for key, value in resp.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                val = rest.split(";", 1)[0]
                if val in ('""', "") or "Max-Age=0" in value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return resp.status, resp, data

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, fields: list[tuple[str, str]], referer: str | None = None):
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{referer or path}",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        return self._send("POST", path, body=body, headers=headers)

    def post_multipart(self, path, fields, files, referer: str | None = None):
        """A form with file fields: files is [(name, file name, content type, bytes)]."""
        boundary = f"bench{uuid.uuid4().hex}"
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, file_name, content_type, data in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n'
            )
            parts.append(head.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{self.port}{referer or path}",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        return self._send("POST", path, body=body, headers=headers)

    def login(self, username: str, password: str = BENCH_PASSWORD) -> bool:
        status, _, html = self.get("/accounts/login/")
        form = find_form(html.decode(), lambda f: "password" in f.names())
        if status != 200 or form is None:
            return False
        fields = form.values()
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        status, _, _ = self.post(form.action or "/accounts/login/", fields, "/accounts/login/")
        return status == 302 and "sessionid" in self.cookies

    def close(self):
        if self.conn:
            self.conn.close()


class Form:
    def __init__(self, action: str, method: str):
        self.action = action
        self.method = method
        self.fields: list[tuple[str, str, str]] = []  # (kind, name, value)
        self.has_textarea = False

    def names(self) -> set[str]:
        return {name for _, name, _ in self.fields}

    def values(self) -> list[tuple[str, str]]:
        out, seen_radio = [], set()
        for kind, name, value in self.fields:
            if kind == "radio":
                if name in seen_radio:
                    continue
                seen_radio.add(name)
            if kind in ("submit", "checkbox"):
                continue
            out.append((name, value))
        return out


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.select_done = False
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self.current.fields.append((kind, a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.current.has_textarea = True
            self.textarea = a["name"]
            self.current.fields.append(("textarea", a["name"], ""))
        elif tag == "select" and a.get("name"):
            self.select, self.select_done = a["name"], False
        elif tag == "option" and self.select and not self.select_done and a.get("value"):
            self.current.fields.append(("select", self.select, a["value"]))
            self.select_done = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def find_form(html: str, predicate) -> Form | None:
    return next((f for f in parse_forms(html) if predicate(f)), None)


def comment_form(html: str) -> Form | None:
    """The page's comment form: a POST form with a textarea (not the logout/language forms)."""
    return find_form(html, lambda f: f.method == "post" and f.has_textarea)


def links(html: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(rf'href="({pattern})"', html)))
