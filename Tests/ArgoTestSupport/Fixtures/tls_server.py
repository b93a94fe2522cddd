#!/usr/bin/env python3
"""HTTPS server for tests: requires a client certificate signed by CAFILE.
  tls_server.py CERT KEY CAFILE BODYFILE [--token-only]
Prints the port, then serves BODYFILE for every GET and POST until killed.
With --token-only it asks for no client certificate (as AMS does) and
answers 401 to a request presenting one, or without an x-api-key header."""
import http.server
import ssl
import sys

cert, key, cafile, bodyfile = sys.argv[1:5]
token_only = "--token-only" in sys.argv[5:]
body = open(bodyfile, "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        peer = self.connection.getpeercert()
        if token_only and (peer or not self.headers.get("x-api-key")):
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        subject = dict(x[0] for x in peer["subject"]) if peer else {}
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Client-CN", subject.get("commonName", ""))
        self.end_headers()
        self.wfile.write(body)

    do_GET = answer
    do_POST = answer

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
context.load_verify_locations(cafile)
context.verify_mode = ssl.CERT_OPTIONAL if token_only else ssl.CERT_REQUIRED
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
