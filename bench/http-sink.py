# The log benches' receiver: one ThreadingHTTPServer (HTTP/1.1 keep-alive) on 127.0.0.1:PORT.
# POST /loki/api/v1/push (jalloy's loki.write) and POST /push (syslog-ng's http(), whose newline-
# separated lines are counted) read the body without decoding it and answer 204; any other path
# answers 404 and is counted as "other", so a wrong URL shows up instead of passing silently.
# GET (any path) returns the counters as JSON.
import http.server, json, sys, threading

lock = threading.Lock()
st = {"requests": 0, "bytes": 0, "lines": 0, "other": 0}


class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(n)
        ok = self.path in ("/loki/api/v1/push", "/push")
        with lock:
            if ok:
                st["requests"] += 1
                st["bytes"] += n
                if self.path == "/push":
                    st["lines"] += body.count(b"\n")
            else:
                st["other"] += 1
        if ok:
            self.send_response(204)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            b = json.dumps(st).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def log_message(self, *a):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
