#!/usr/bin/env python3
"""Gateway routing test: runs the real nginx with deploy/gateway/nginx.conf.template pointed at four stub upstreams
(one per service, each answering with its own name), then checks

  * every route of DESIGN.md section 5 (listed below) reaches the right service;
  * every JAX-RS path declared in the services' sources (@Path on classes and methods) reaches the service that
    declares it (so a new resource that the gateway does not route fails this test);
  * a body over client_max_body_size gets 413 (problem+json), a body under it passes;
  * a burst on /api/v1/public/ beyond rate + burst gets 429 RATE_LIMITED (problem+json, Retry-After) per client
    address (X-Forwarded-For from the trusted proxy, spoofed from elsewhere), while other routes stay unaffected;
  * X-Request-Id is passed through (and generated when absent or malformed), and echoed to the client;
  * the access log never contains the Authorization value;
  * an unknown /api/ or /q/ path gets 404 ROUTE_NOT_FOUND and a dead upstream 502 UPSTREAM_UNAVAILABLE;
  * every other path is the dashboard: its files (with their types and security headers) and index.html for
    client-side routes; a missing asset is a 404, never the page;
  * the API documents (/api/openapi.json, /api/openapi/integrator.json) and the reference page (/api/docs/) are the
    files of the dashboard's build (dist/api-docs/), and 404 ROUTE_NOT_FOUND when the build has none.

Needs nginx (deploy/tests/run.sh installs nginx-light when missing). No services, no Kafka.
"""
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATE = os.path.join(ROOT, "deploy", "gateway", "nginx.conf.template")
SERVICES = ["integration-service", "market-service", "offer-generator-service", "mail-dispatch-service"]
PLACEHOLDER = {
    "integration-service": "MAILOO_INTEGRATION_UPSTREAM",
    "market-service": "MAILOO_MARKET_UPSTREAM",
    "offer-generator-service": "MAILOO_OFFER_UPSTREAM",
    "mail-dispatch-service": "MAILOO_DISPATCH_UPSTREAM",
}

P, I, G, K = "prj-1", "int-1", "gen-1", "key-1"
# (method, path, service): DESIGN.md section 5, one line per route
DESIGN_ROUTES = [
    ("POST", "/api/v1/projects", "integration-service"),
    ("GET", "/api/v1/projects", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/members", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/integrations", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/integrations", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}", "integration-service"),
    ("PATCH", f"/api/v1/projects/{P}/integrations/{I}/config", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/outbound-mail/test", "integration-service"),
    ("POST", f"/api/v1/public/forms/{K}/submissions", "integration-service"),
    ("POST", f"/api/v1/public/forms/{K}/subscriptions", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/messages", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/messages/msg-1/replies", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/messages/msg-1/replies", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/campaigns", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/subscribers", "integration-service"),
    # issue 16: subscription settings (owner) and the public links of subscriber mail
    ("PUT", f"/api/v1/projects/{P}/integrations/{I}/subscription-settings", "integration-service"),
    ("GET", "/api/v1/public/subscriptions/unsubscribe/u.tok.0.kid.mac", "integration-service"),
    ("POST", "/api/v1/public/subscriptions/unsubscribe/u.tok.0.kid.mac", "integration-service"),
    ("GET", "/api/v1/public/subscriptions/confirm/c.tok.1.kid.mac", "integration-service"),
    ("POST", "/api/v1/public/subscriptions/confirm/c.tok.1.kid.mac", "integration-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/market/products", "market-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/market/products", "market-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/market/api-keys", "market-service"),
    ("DELETE", f"/api/v1/projects/{P}/integrations/{I}/market/api-keys/ak-1", "market-service"),
    ("POST", f"/api/v1/market/{I}/orders", "market-service"),
    ("GET", f"/api/v1/market/{I}/orders/ord-1", "market-service"),
    ("POST", f"/api/v1/projects/{P}/offer-generators", "offer-generator-service"),
    ("GET", f"/api/v1/projects/{P}/offer-generators", "offer-generator-service"),
    ("PUT", f"/api/v1/projects/{P}/offer-generators/{G}/mail-settings", "offer-generator-service"),
    ("POST", f"/api/v1/projects/{P}/offer-generators/{G}/mail-settings/test", "offer-generator-service"),
    ("POST", f"/api/v1/public/offer-generators/{G}/submissions", "offer-generator-service"),
    ("GET", f"/api/v1/projects/{P}/offer-generators/{G}/submissions", "offer-generator-service"),
    ("GET", "/api/v1/dispatch/messages?profileRef=integration:int-1&status=FAILED&since=2026-01-01T00:00:00Z",
     "mail-dispatch-service"),
    ("GET", "/api/v1/dispatch/profiles/integration:int-1", "mail-dispatch-service"),
    # the owners' delivery log (docs/dispatch.md): under an integration or an offer generator, yet dispatch's
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/delivery/messages?status=DEFERRED&limit=10",
     "mail-dispatch-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/delivery/messages/msg-1", "mail-dispatch-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/delivery/messages/msg-1/retry", "mail-dispatch-service"),
    ("POST", f"/api/v1/projects/{P}/integrations/{I}/delivery/messages/msg-1/cancel", "mail-dispatch-service"),
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/delivery/suppressions", "mail-dispatch-service"),
    ("DELETE", f"/api/v1/projects/{P}/integrations/{I}/delivery/suppressions/a@b.test", "mail-dispatch-service"),
    ("GET", f"/api/v1/projects/{P}/offer-generators/{G}/delivery/messages", "mail-dispatch-service"),
    ("POST", f"/api/v1/projects/{P}/offer-generators/{G}/delivery/messages/msg-1/cancel", "mail-dispatch-service"),
    ("GET", f"/api/v1/projects/{P}/offer-generators/{G}/delivery/suppressions", "mail-dispatch-service"),
    # look-alikes stay with their own services
    ("GET", f"/api/v1/projects/{P}/integrations/{I}/deliveryx", "integration-service"),
    ("GET", f"/api/v1/projects/{P}/offer-generators/{G}/submissions/delivery", "offer-generator-service"),
]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_stub(name):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(n)
            body = json.dumps({"service": name, "method": self.command, "path": self.path,
                               "requestId": self.headers.get("X-Request-Id"),
                               "hasAuthorization": self.headers.get("Authorization") is not None}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def nginx_bin():
    b = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not b:
        sys.exit("nginx not found (deploy/tests/run.sh installs nginx-light)")
    return b


DASHBOARD_MARKER = "<!-- mailoo dashboard test page -->"


def fake_dashboard(state):
    """A stand-in for dashboard/dist: index.html and one hashed asset."""
    root = os.path.join(state, "dashboard")
    os.makedirs(os.path.join(root, "assets"), exist_ok=True)
    open(os.path.join(root, "index.html"), "w").write(f"<!doctype html><title>t</title>{DASHBOARD_MARKER}")
    open(os.path.join(root, "assets", "index-abc123.js"), "w").write("console.log('dashboard');")
    open(os.path.join(root, "assets", "index-abc123.css"), "w").write("body{}")
    os.makedirs(os.path.join(root, "api-docs"), exist_ok=True)
    for name in API_DOCUMENTS.values():
        open(os.path.join(root, "api-docs", name), "w").write(json.dumps({"openapi": "3.1.0", "info": {"title": name}}))
    open(os.path.join(root, "api-docs", "index.html"), "w").write(f"<!doctype html><title>t</title>{API_DOCS_MARKER}")
    return root


API_DOCS_MARKER = "<!-- mailoo api reference test page -->"
# gateway path -> file of dist/api-docs/
API_DOCUMENTS = {"/api/openapi.json": "mailoo.json", "/api/openapi/integrator.json": "integrator.json"}


def api_documents(port, check, root):
    """The merged document, its integrator part and the reference page; nothing else of dist/api-docs under /api/."""
    for path, name in API_DOCUMENTS.items():
        status, headers, data = request(port, "GET", path)
        check(status == 200 and json.loads(data or b"{}").get("info", {}).get("title") == name,
              f"{path}: expected dist/api-docs/{name}, got {status} {data[:80]}")
        check(headers.get("content-type", "").startswith("application/json"), f"{path}: type {headers.get('content-type')}")
        check(bool(headers.get("x-request-id")) and headers.get("x-content-type-options") == "nosniff",
              f"{path}: no X-Request-Id / nosniff")
    status, headers, _ = request(port, "GET", "/api/docs")
    check(status == 301 and headers.get("location", "").endswith("/api/docs/"), f"/api/docs: expected 301 to /api/docs/, got {status}")
    status, headers, data = request(port, "GET", "/api/docs/")
    check(status == 200 and API_DOCS_MARKER.encode() in data, f"/api/docs/: expected the reference page, got {status}")
    check(headers.get("content-type", "").startswith("text/html"), f"/api/docs/: type {headers.get('content-type')}")
    csp = headers.get("content-security-policy", "")
    check("script-src 'self';" in csp and "frame-ancestors 'none'" in csp, f"/api/docs/: CSP missing or weak: {csp}")
    status, headers, _ = request(port, "GET", "/")
    check("unsafe-inline" not in headers.get("content-security-policy", ""), "the dashboard's CSP got the reference page's inline styles")
    for path in ("/api/openapi.yaml", "/api/openapi/mailoo.json", "/api/openapi/", "/api/docs/missing.js"):
        status, headers, data = request(port, "GET", path)
        check(status == 404 and b"ROUTE_NOT_FOUND" in data, f"{path}: expected 404 ROUTE_NOT_FOUND, got {status}")
    # a gateway whose dashboard build has no documents: a problem, not the dashboard's page
    os.remove(os.path.join(root, "api-docs", "mailoo.json"))
    status, headers, data = request(port, "GET", "/api/openapi.json")
    check(status == 404 and b"ROUTE_NOT_FOUND" in data and DASHBOARD_MARKER.encode() not in data,
          f"/api/openapi.json without the file: expected 404 ROUTE_NOT_FOUND, got {status} {data[:80]}")


# public-route limit of the test gateway: 1 request a minute plus a burst of PUBLIC_BURST, so that within this test
# exactly 1 + PUBLIC_BURST requests of one client pass and the rest are refused (no timing involved)
PUBLIC_BURST = 3


def render(state, listen, upstreams, max_body="1m", dashboard_root=None):
    text = open(TEMPLATE).read()
    values = {"MAILOO_GATEWAY_STATE": state, "MAILOO_GATEWAY_LISTEN": listen, "MAILOO_GATEWAY_MAX_BODY": max_body,
              "MAILOO_DASHBOARD_ROOT": dashboard_root or os.path.join(state, "dashboard"),
              "MAILOO_GATEWAY_PUBLIC_RATE": "1r/m", "MAILOO_GATEWAY_PUBLIC_BURST": str(PUBLIC_BURST),
              "MAILOO_GATEWAY_PUBLIC_RETRY_AFTER": "60", "MAILOO_GATEWAY_REAL_IP_FROM": "127.0.0.1"}
    values.update({PLACEHOLDER[s]: u for s, u in upstreams.items()})
    for k, v in values.items():
        text = text.replace("${%s}" % k, v)
    left = set(re.findall(r"\$\{(MAILOO_[A-Z_]+)\}", text))
    assert not left, f"template has placeholders the runners do not know: {left}"
    os.makedirs(os.path.join(state, "logs"), exist_ok=True)
    os.makedirs(os.path.join(state, "temp"), exist_ok=True)
    conf = os.path.join(state, "nginx.conf")
    open(conf, "w").write(text)
    return conf


def request(port, method, path, body=None, headers=None, source=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0) if source else None)
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def client(n):
    """X-Forwarded-For naming client n (believed: the test's requests come from 127.0.0.1, the trusted proxy)."""
    return {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def public_rate_limit(port, check):
    """A burst from one client on each public route: 1 + PUBLIC_BURST pass, the rest get the gateway's 429."""
    clients = {f"/api/v1/public/forms/{K}/submissions": "203.0.113.7",
               f"/api/v1/public/offer-generators/{G}/submissions": "203.0.113.8",
               "/api/v1/public/subscriptions/unsubscribe/u.tok.0.kid.mac": "203.0.113.9"}
    for path, address in clients.items():
        who = {"X-Forwarded-For": address}
        answers = [request(port, "POST", path, body=b"{}", headers=who) for _ in range(PUBLIC_BURST + 5)]
        statuses = [a[0] for a in answers]
        check(statuses[:PUBLIC_BURST + 1] == [200] * (PUBLIC_BURST + 1),
              f"{path}: the first {PUBLIC_BURST + 1} requests of a client should pass, got {statuses}")
        check(statuses[PUBLIC_BURST + 1:] == [429] * 4, f"{path}: requests over rate + burst should be 429, got {statuses}")
        status, headers, data = answers[-1]
        check(headers.get("content-type", "").startswith("application/problem+json"), f"{path}: 429 is not problem+json")
        check(headers.get("retry-after") == "60", f"{path}: 429 without Retry-After 60: {headers.get('retry-after')}")
        check(bool(headers.get("x-request-id")), f"{path}: 429 without X-Request-Id")
        try:
            body = json.loads(data)
        except ValueError:
            body = {}
        check(body.get("status") == 429 and body.get("code") == "RATE_LIMITED" and body.get("type")
              and body.get("title") and body.get("detail"), f"{path}: 429 body is not the RATE_LIMITED problem: {data[:200]}")
        # another client address still passes: the limit is per client, not per route
        status, _, _ = request(port, "POST", path, body=b"{}", headers={"X-Forwarded-For": "203.0.113.99"})
        check(status == 200, f"{path}: another client address was refused too ({status})")
    # the limited client's other requests are not limited: only /api/v1/public/ is
    limited = {"X-Forwarded-For": "203.0.113.7"}
    for method, path in (("GET", "/api/v1/projects"), ("POST", f"/api/v1/market/{I}/orders"),
                         ("GET", "/api/v1/dispatch/messages"), ("GET", "/healthz"), ("GET", "/")):
        statuses = {request(port, method, path, body=b"{}" if method == "POST" else None, headers=limited)[0]
                    for _ in range(PUBLIC_BURST + 5)}
        check(statuses == {200}, f"{method} {path}: limited by the public-route limit: {statuses}")
    # X-Forwarded-For from a peer that is not the trusted proxy is ignored: a client connecting from 127.0.0.2
    # cannot dodge the limit by inventing a new address for every request
    path = f"/api/v1/public/forms/{K}/subscriptions"
    statuses = [request(port, "POST", path, body=b"{}", headers={"X-Forwarded-For": f"192.0.2.{n}"},
                        source="127.0.0.2")[0] for n in range(PUBLIC_BURST + 3)]
    check(statuses == [200] * (PUBLIC_BURST + 1) + [429] * 2,
          f"spoofed X-Forwarded-For from an untrusted peer dodged the limit: {statuses}")


def jaxrs_paths():
    """(service, path template) for every class @Path and class+method @Path in the services' main sources."""
    out = []
    for svc in SERVICES:
        src = os.path.join(ROOT, svc, "src", "main", "java")
        for dirpath, _, files in os.walk(src):
            for f in files:
                if not f.endswith(".java"):
                    continue
                text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                m = re.search(r"\bclass\s+\w+", text)
                if not m:
                    continue
                head, body = text[:m.start()], text[m.end():]
                cls = re.findall(r'@Path\(\s*"([^"]*)"\s*\)', head)
                if not cls:
                    continue
                base = cls[-1].rstrip("/")
                out.append((svc, base))
                for sub in re.findall(r'@Path\(\s*"([^"]*)"\s*\)', body):
                    out.append((svc, base + "/" + sub.strip("/")))
    return out


def instantiate(template):
    # a parameter whose regex is literal alternatives ({kind: integrations|offer-generators}) takes the first (the
    # route table above covers the others)
    return re.sub(r"\{([A-Za-z0-9_]+)(:[^}]*)?\}", lambda m: literal(m.group(2)) or "x-" + m.group(1), template)


def literal(regex):
    """The first alternative of a parameter regex made of literal words only, else None."""
    words = (regex or ":").lstrip(":").strip().split("|")
    return words[0] if all(re.fullmatch(r"[A-Za-z0-9_-]+", w) for w in words) else None


def main():
    failures = []

    def check(cond, msg):
        if not cond:
            failures.append(msg)
            print("FAIL", msg)

    stubs = {s: start_stub(s) for s in SERVICES}
    upstreams = {s: f"127.0.0.1:{h.server_address[1]}" for s, h in stubs.items()}
    state = tempfile.mkdtemp(prefix="mailoo-gw-test-")
    os.chmod(state, 0o755)
    port = free_port()
    dashboard_root = fake_dashboard(state)
    conf = render(state, f"127.0.0.1:{port}", upstreams, dashboard_root=dashboard_root)
    nginx = nginx_bin()
    subprocess.run([nginx, "-t", "-q", "-p", state, "-c", conf, "-e", os.path.join(state, "logs", "error.log")],
                   check=True)
    proc = subprocess.Popen([nginx, "-p", state, "-c", conf, "-e", os.path.join(state, "logs", "error.log"),
                             "-g", "daemon off;"])
    try:
        for _ in range(100):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("gateway did not start")

        # 1. DESIGN section 5 routes (each request from its own client address: the public-route limit is tested
        # on its own below)
        for n, (method, path, svc) in enumerate(DESIGN_ROUTES):
            status, _, data = request(port, method, path, body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
                                      headers=client(n))
            got = json.loads(data).get("service") if status == 200 else f"HTTP {status}"
            check(got == svc, f"{method} {path}: expected {svc}, got {got}")
            if status == 200:
                check(json.loads(data)["path"] == path, f"{method} {path}: upstream saw {json.loads(data)['path']}")
        print(f"design routes: {len(DESIGN_ROUTES)} checked")

        # 2. every @Path of the services reaches the service that declares it
        paths = jaxrs_paths()
        check(len(paths) >= 10, f"found only {len(paths)} @Path declarations in the services")
        for n, (svc, tmpl) in enumerate(paths):
            if not tmpl.startswith("/api/"):
                continue
            path = instantiate(tmpl)
            status, _, data = request(port, "GET", path, headers=client(1000 + n))
            got = json.loads(data).get("service") if status == 200 else f"HTTP {status}"
            check(got == svc, f"@Path {tmpl} of {svc}: gateway sent {path} to {got}")
        print(f"@Path declarations: {len(paths)} checked")

        # 3. size limit
        status, headers, data = request(port, "POST", "/api/v1/projects", body=b"a" * (1024 * 1024 + 1))
        check(status == 413, f"body of 1 MiB + 1 byte: expected 413, got {status}")
        check(headers.get("content-type", "").startswith("application/problem+json"), "413 is not problem+json")
        check(b"REQUEST_TOO_LARGE" in data, "413 body has no code REQUEST_TOO_LARGE")
        status, _, _ = request(port, "POST", "/api/v1/projects", body=b"a" * (512 * 1024))
        check(status == 200, f"body of 512 KiB: expected 200, got {status}")
        print("size limit checked")

        # 3b. public-route rate limit
        public_rate_limit(port, check)
        print("public-route rate limit checked")

        # 4. request id and authorization
        secret = "Bearer very-secret-token-value-42"
        status, headers, data = request(port, "GET", "/api/v1/projects",
                                        headers={"X-Request-Id": "req-abc-123", "Authorization": secret})
        body = json.loads(data)
        check(body.get("requestId") == "req-abc-123", f"X-Request-Id not passed through: {body.get('requestId')}")
        check(headers.get("x-request-id") == "req-abc-123", "X-Request-Id not echoed to the client")
        check(body.get("hasAuthorization") is True, "Authorization not forwarded to the service")
        status, headers, data = request(port, "GET", "/api/v1/projects")
        gen = json.loads(data).get("requestId")
        check(bool(gen) and re.fullmatch(r"[0-9a-f]{32}", gen or ""), f"no generated X-Request-Id: {gen}")
        check(headers.get("x-request-id") == gen, "generated X-Request-Id not echoed to the client")
        status, _, data = request(port, "GET", "/api/v1/projects", headers={"X-Request-Id": "bad id\" with spaces"})
        check(re.fullmatch(r"[0-9a-f]{32}", json.loads(data).get("requestId") or ""),
              "a malformed X-Request-Id was passed through instead of replaced")
        # the access log is buffered (flushed at least every second)
        deadline = time.time() + 5
        log = ""
        while "req-abc-123" not in log and time.time() < deadline:
            time.sleep(0.2)
            log = open(os.path.join(state, "logs", "access.log")).read()
        check("very-secret-token-value-42" not in log, "the access log contains the Authorization value")
        link_token = "u.AbCdEfLinkToken42.0.1234abcd.MacMacMac"
        status, _, data = request(port, "POST", f"/api/v1/public/subscriptions/unsubscribe/{link_token}",
                                  body=b"List-Unsubscribe=One-Click", headers={"X-Request-Id": "req-link-1"})
        check(status == 200 and json.loads(data)["path"].endswith(link_token), "the link's token reaches the service")
        deadline = time.time() + 5
        while "req-link-1" not in log and time.time() < deadline:
            time.sleep(0.2)
            log = open(os.path.join(state, "logs", "access.log")).read()
        check("AbCdEfLinkToken42" not in log, "the access log contains a subscriber link's token")
        check("/api/v1/public/subscriptions/unsubscribe/(token)" in log, "the access log lacks the link's route")
        check("req-abc-123" in log, "the access log lacks the request id")
        print("request id / access log checked")

        # 5. unknown API path, internal endpoints, dead upstream
        for path in ("/q/health", "/q/metrics", "/api/v2/projects", "/api/v1/projectsX", "/api", "/api/",
                     "/api/v1/nope", "/api/v1/public/unknown"):
            status, headers, data = request(port, "GET", path)
            check(status == 404 and b"ROUTE_NOT_FOUND" in data, f"{path}: expected 404 ROUTE_NOT_FOUND, got {status}")
            check(headers.get("content-type", "").startswith("application/problem+json"), f"{path}: 404 is not problem+json")

        # 6. the dashboard: the page for every other path, its assets with their types, security headers
        for path in ("/", "/index.html", "/projects/p-1/integrations/i-1", "/operator/dispatch?status=SENT", "/signin",
                     "/oauth/callback?code=OAuthCodeXyz42&state=StateXyz42", "/oauth/callback?error=access_denied"):
            status, headers, data = request(port, "GET", path)
            check(status == 200 and DASHBOARD_MARKER.encode() in data, f"{path}: expected the dashboard page, got {status}")
            check(headers.get("content-type", "").startswith("text/html"), f"{path}: page type {headers.get('content-type')}")
            csp = headers.get("content-security-policy", "")
            check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"{path}: CSP missing or weak: {csp}")
            check(headers.get("x-content-type-options") == "nosniff", f"{path}: no nosniff")
            check(bool(headers.get("x-request-id")), f"{path}: no X-Request-Id on the page")
            check("no-cache" in headers.get("cache-control", ""), f"{path}: index.html must be revalidated")
        check(headers.get("referrer-policy") == "no-referrer", "the dashboard page may send a Referer (an OAuth code)")
        # the OAuth2 callback's query (authorization code, state) stays out of the access log
        request(port, "GET", "/oauth/callback?code=OAuthCodeXyz42&state=StateXyz42", headers={"X-Request-Id": "req-oauth-1"})
        deadline = time.time() + 5
        log = ""
        while "req-oauth-1" not in log and time.time() < deadline:
            time.sleep(0.2)
            log = open(os.path.join(state, "logs", "access.log")).read()
        check("req-oauth-1" in log, "the access log lacks the OAuth2 callback request")
        check("OAuthCodeXyz42" not in log and "StateXyz42" not in log, "the access log contains an OAuth2 code or state")
        check("/oauth/callback?(withheld)" in log, "the access log lacks the OAuth2 callback's route")
        status, headers, data = request(port, "GET", "/assets/index-abc123.js")
        check(status == 200 and b"dashboard" in data, f"asset: expected 200, got {status}")
        check(headers.get("content-type", "").startswith("text/javascript"), f"asset type {headers.get('content-type')}")
        check("immutable" in headers.get("cache-control", ""), "hashed assets are not cached as immutable")
        status, headers, _ = request(port, "GET", "/assets/index-abc123.css")
        check(status == 200 and headers.get("content-type", "").startswith("text/css"), f"css: {status} {headers.get('content-type')}")
        status, _, data = request(port, "GET", "/assets/missing.js")
        check(status == 404 and DASHBOARD_MARKER.encode() not in data, f"missing asset: expected 404, got {status}")
        status, _, data = request(port, "GET", "/healthz")
        check(status == 200 and b'"UP"' in data, "/healthz is no longer the gateway's own health")
        print("dashboard checked")

        api_documents(port, check, dashboard_root)
        print("API documents and reference page checked")

        stubs["mail-dispatch-service"].shutdown()
        stubs["mail-dispatch-service"].server_close()
        status, headers, data = request(port, "GET", "/api/v1/dispatch/messages")
        check(status == 502 and b"UPSTREAM_UNAVAILABLE" in data, f"dead upstream: expected 502, got {status} {data[:80]}")
        print("errors checked")
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(state, ignore_errors=True)

    if failures:
        print(f"gateway routes test: {len(failures)} failure(s)")
        sys.exit(1)
    print("gateway routes test: OK")


if __name__ == "__main__":
    main()
