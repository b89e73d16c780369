"""Alertmanager's receiver in the e2e: python3 webhook.py PORT FILE.

Listens on 127.0.0.1:PORT and appends every POSTed notification to FILE as one JSON line,
{"received": <unix seconds when it arrived>, "notification": <Alertmanager's webhook payload>}, so scenarios can
read what a pager would have got and when (e2e/lib/alerting.sh)."""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

port, path = int(sys.argv[1]), sys.argv[2]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        received = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            notification = json.loads(body)
        except ValueError:
            self.send_response(400)
            self.end_headers()
            return
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"received": received, "notification": notification}) + "\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
