#!/usr/bin/env python3
"""A replay of dichvucong.gov.vn's public API, for tthc fetch's tests (never the real portal).

It serves saved list rows and detail responses with the API's paging (cursor `lastId`, ids
descending, at most 200 rows a page), its envelope and HTTP 201, and on demand the faults a
real portal and its firewall produce. Started by the tests as a subprocess:

    replay-portal.py --rows ROWS.json --details DETAILS.json [--units UNITS.json] [--latency S] [--page-size N]

It listens on 127.0.0.1 on a free port, prints `PORT <n>` on its first line, and exits when its
standard input closes (so it never outlives the test that started it).

Rows without a saved detail get a synthesized one (a detail built from the row, at the central
level, or the province level for SPECIFIC rows, announced by the code `SYN`), so that no commune
or province of the tests selects it: they exercise listing and the scope rule, never a record.
Details without a row get a row made from the detail.

Control (JSON over POST, for the tests):
  /_control/faults   {"rules": [{"target": "list"|"detail"|"units"|"any", "id": ID?, "after": N?,
                      "times": K?, "fault": NAME, "seconds": S?}]}  (replaces the rules)
      faults: 500 502 503 reset truncate short empty slow firewall 429 401 403 wrong-id
              error-envelope (its "message" may be given) not-found not-object html redirect
              lone-surrogate huge-number nan (detail bodies the JSON parser refuses for one value)
              endless (a body that never ends)
              inflate-total loop-cursor (list pages only)
      "ids": [ID, …] matches any of them
  /_control/catalogue {"remove": [ids], "details": [envelopes], "rows": [rows], "units": [rows],
                      "reorder": true|false, "ignore_department_filter": true|false}
      (reorder: keys reversed and spaced, as another server would; ignore_department_filter: the
      per-unit list answers every unit's rows, as a filter the client must not trust)
  /_control/stats    (GET) counts of requests, per detail id, the most at once, user agents, bytes
"""
import argparse
import json
import os
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIST = "/api/v1/submitting/formality/list-all-public-formality-by-citizen"
DETAIL = "/api/v1/configuring/formality/get-formality-by-citizen"
UNITS = "/api/v1/submitting/formality/list-department-url-by-citizen"
FIREWALL = ("<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
            "Please consult with your administrator.<br><br>Your support ID is: 1234567890123456789"
            "<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>")


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def reverse_keys(value):
    if isinstance(value, dict):
        return {key: reverse_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reverse_keys(item) for item in value]
    return value


def row_from_detail(data):
    return {
        "id": data["id"], "name": data.get("name"), "code": data.get("code"),
        "codeNotation": data.get("codeNotation"),
        "categories": [c.get("name") for c in data.get("categoriesDetails") or []],
        "categoryIds": data.get("categoryIds") or [],
        "departments": [d.get("name") for d in data.get("departmentsExecuting") or []],
        "departmentPromulgate": data.get("departmentPromulgateName"),
        "departmentPromulgateId": data.get("departmentPromulgateId"),
        "formalityTargetType": [], "state": data.get("state"), "type": data.get("type"),
    }


def detail_from_row(row):
    specific = row.get("type") == "SPECIFIC"
    category = (row.get("categories") or ["Lĩnh vực"])[0]
    return {"code": "OK", "message": "OK", "data": {
        "id": row["id"], "code": row.get("code"), "codeNotation": row.get("codeNotation"),
        "name": row.get("name"), "type": row.get("type"), "state": row.get("state"),
        "isMinistry": not specific, "isProvince": specific, "isWard": False, "isOtherAgency": False,
        "category": {"code": "SYN-" + (row.get("categoryIds") or ["0"])[0][-6:], "name": category},
        "departmentPromulgateId": row.get("departmentPromulgateId"),
        "departmentPromulgateCode": "SYN", "departmentPromulgateName": row.get("departmentPromulgate"),
        "updatedAt": 1767225600000, "executionSteps": [], "executionMethods": [],
    }}


class Portal:
    def __init__(self, rows, details, units, latency, page_size):
        self.lock = threading.Lock()
        self.latency = latency
        self.page_size = page_size
        self.reorder = False
        self.ignore_filter = False
        self.rows = {}
        self.details = {}
        self.units = units
        for envelope in details:
            self.details[envelope["data"]["id"]] = envelope
        for row in rows:
            self.rows[row["id"]] = row
        for identifier, envelope in self.details.items():
            self.rows.setdefault(identifier, row_from_detail(envelope["data"]))
        self.rules = []
        self.matched = {}
        self.stats = {"requests": 0, "list": 0, "detail": 0, "units": 0, "details": {}, "now": 0,
                      "most_at_once": 0, "user_agents": [], "bytes": 0, "list_cursors": [],
                      "accept_encoding": []}

    def detail(self, identifier):
        if identifier in self.details:
            return self.details[identifier]
        row = self.rows.get(identifier)
        return detail_from_row(row) if row else None

    def fault_for(self, target, identifier):
        with self.lock:
            for index, rule in enumerate(self.rules):
                if rule.get("target", "any") not in ("any", target):
                    continue
                if "id" in rule and rule["id"] != identifier:
                    continue
                if "ids" in rule and identifier not in rule["ids"]:
                    continue
                seen = self.matched.get(index, 0) + 1
                self.matched[index] = seen
                if seen < rule.get("after", 1):
                    continue
                if "times" in rule and seen - rule.get("after", 1) >= rule["times"]:
                    continue
                return rule
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    portal = None

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Headers and body leave in one go: without this, delayed ACKs add 40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def answer(self, status, body, content_type="application/json", length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        with self.portal.lock:
            self.portal.stats["bytes"] += len(body)

    def endless(self):
        # A body that never ends, as fast as the connection takes it, until the client hangs up
        # (no length, no chunks, no "Connection: close": read until the connection ends).
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.close_connection = True
        chunk = b"a" * 65536
        try:
            self.wfile.write(b'{"code":"OK","data":{"id":"')
            while True:
                self.wfile.write(chunk)
        except OSError:
            return

    def reset(self):
        # SO_LINGER with a zero timeout: close() sends a TCP reset instead of a clean end.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def do_GET(self):
        portal = self.portal
        if self.path == "/_control/stats":
            with portal.lock:
                body = json.dumps(portal.stats, ensure_ascii=False).encode()
            return self.answer(200, body)
        self.answer(404, b"{}")

    def do_POST(self):
        portal = self.portal
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            request = json.loads(raw or b"{}")
        except ValueError:
            request = None
        if self.path.startswith("/_control/"):
            return self.control(request or {})
        target = {LIST: "list", DETAIL: "detail", UNITS: "units"}.get(self.path)
        if target is None or not isinstance(request, dict):
            return self.answer(404, b'{"code":"NOT_FOUND","data":null,"message":"Not found"}')
        with portal.lock:
            stats = portal.stats
            stats["requests"] += 1
            stats[target] += 1
            stats["now"] += 1
            stats["most_at_once"] = max(stats["most_at_once"], stats["now"])
            agent = self.headers.get("User-Agent") or ""
            if agent not in stats["user_agents"]:
                stats["user_agents"].append(agent)
            encoding = self.headers.get("Accept-Encoding") or ""
            if encoding not in stats["accept_encoding"]:
                stats["accept_encoding"].append(encoding)
            identifier = request.get("id") if target == "detail" else None
            if identifier is not None:
                key = str(identifier)
                stats["details"][key] = stats["details"].get(key, 0) + 1
            if target == "list":
                stats["list_cursors"].append(request.get("lastId"))
        try:
            time.sleep(portal.latency)
            self.serve(target, request, identifier)
        finally:
            with portal.lock:
                portal.stats["now"] -= 1

    def serve(self, target, request, identifier):
        portal = self.portal
        rule = portal.fault_for(target, identifier)
        fault = rule["fault"] if rule else None
        if fault == "slow":
            time.sleep(rule.get("seconds", 5))
            fault = None
        if fault in ("500", "502", "503"):
            return self.answer(int(fault), b"<html><body>Service Unavailable</body></html>", "text/html")
        if fault in ("429", "401", "403"):
            return self.answer(int(fault), b"<html><body>Too many requests</body></html>", "text/html")
        if fault == "firewall":
            return self.answer(200, FIREWALL.encode(), "text/html")
        if fault == "html":
            return self.answer(200, b"<!DOCTYPE html><html><body>Bao tri he thong</body></html>", "text/html")
        if fault == "redirect":
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.invalid/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "reset":
            return self.reset()
        if fault == "endless":
            return self.endless()
        if target == "list":
            envelope = self.page(request)
            if fault == "inflate-total":
                envelope["data"]["total"] *= 2
            elif fault == "loop-cursor" and envelope["data"]["items"]:
                # Back to the first page's cursor: the pages after it again and again.
                envelope["data"]["lastId"] = sorted(portal.rows, reverse=True)[min(portal.page_size, len(portal.rows)) - 1]
        elif target == "units":
            envelope = self.units_page(request)
        else:
            envelope = portal.detail(identifier)
            if envelope is None or fault == "not-found":
                envelope = {"code": "NOT_FOUND", "data": None, "message": "Không tìm thấy thủ tục hành chính"}
            elif fault == "wrong-id":
                others = sorted(i for i in portal.details if i != identifier) or ["00000000-0000-0000-0000-000000000000"]
                envelope = portal.detail(others[0]) or envelope
            elif fault == "not-object":
                envelope = {"code": "OK", "data": [1, 2, 3], "message": "OK"}
        if fault == "error-envelope":
            envelope = {"code": "ERROR", "data": None, "message": rule.get("message", "Lỗi hệ thống")}
        if portal.reorder:
            body = json.dumps(reverse_keys(envelope), ensure_ascii=False, indent=1).encode()
        else:
            body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
        if fault == "lone-surrogate":
            # Valid JSON that Foundation's parser refuses: a name with half a UTF-16 pair.
            body = body.replace(b'"name":"', b'"name":"\\ud800', 1)
        elif fault == "huge-number":
            body = body.replace(b'"updatedAt":', b'"updatedAt":1e400,"updatedAtWas":', 1)
        elif fault == "nan":
            # Not JSON (Python writes it): the detail fails, and is not retried as if cut short.
            body = body.replace(b'"code":"OK"', b'"code":"OK","extra":NaN', 1)
        if fault == "empty":
            return self.answer(201, b"")
        if fault == "truncate":
            return self.answer(201, body[: len(body) // 2])
        if fault == "short":
            # Promises the whole body, sends half, and closes: a transfer cut by the network.
            self.answer(201, body[: len(body) // 2], length=len(body))
            self.close_connection = True
            return
        self.answer(201, body)

    def page(self, request):
        portal = self.portal
        limit = max(1, min(int(request.get("limit") or 200), portal.page_size))
        cursor = request.get("lastId") or ""
        with portal.lock:
            ordered = sorted(portal.rows, reverse=True)
            rows = portal.rows
            items = [rows[i] for i in ordered if not cursor or i < cursor][:limit]
            total = len(ordered)
        return {"code": "OK", "message": "OK",
                "data": {"items": items, "lastId": items[-1]["id"] if items else cursor, "total": total}}

    def units_page(self, request):
        portal = self.portal
        limit = max(1, min(int(request.get("limit") or 200), 200))
        cursor = request.get("lastId") or ""
        department = "" if portal.ignore_filter else request.get("departmentCode") or ""
        with portal.lock:
            rows = sorted((u for u in portal.units if not department or u.get("departmentCode") == department),
                          key=lambda u: u["id"], reverse=True)
        items = [u for u in rows if not cursor or u["id"] < cursor][:limit]
        return {"code": "OK", "message": "OK",
                "data": {"rows": items, "lastId": items[-1]["id"] if items else cursor, "total": len(rows)}}

    def control(self, request):
        portal = self.portal
        with portal.lock:
            if self.path == "/_control/faults":
                portal.rules = request.get("rules", [])
                portal.matched = {}
            elif self.path == "/_control/catalogue":
                for identifier in request.get("remove", []):
                    portal.rows.pop(identifier, None)
                    portal.details.pop(identifier, None)
                for envelope in request.get("details", []):
                    portal.details[envelope["data"]["id"]] = envelope
                    portal.rows.setdefault(envelope["data"]["id"], row_from_detail(envelope["data"]))
                for row in request.get("rows", []):
                    portal.rows[row["id"]] = row
                if "units" in request:
                    portal.units = request["units"]
                if "reorder" in request:
                    portal.reorder = bool(request["reorder"])
                if "ignore_department_filter" in request:
                    portal.ignore_filter = bool(request["ignore_department_filter"])
            elif self.path == "/_control/reset-stats":
                portal.stats.update({"requests": 0, "list": 0, "detail": 0, "units": 0, "details": {},
                                     "most_at_once": 0, "bytes": 0, "list_cursors": []})
        self.answer(200, b"{}")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # resets and clients that give up are part of the tests


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", required=True)
    parser.add_argument("--details", required=True)
    parser.add_argument("--units")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--page-size", type=int, default=200)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="answer over HTTPS with this certificate")
    arguments = parser.parse_args()
    Handler.portal = Portal(load(arguments.rows), load(arguments.details),
                            load(arguments.units) if arguments.units else [], arguments.latency, arguments.page_size)
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if arguments.tls:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*arguments.tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)

    def watch_parent():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
