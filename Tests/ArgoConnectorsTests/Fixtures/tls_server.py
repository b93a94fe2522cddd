#!/usr/bin/env python3
"""HTTPS server for tests: requires a client certificate signed by CAFILE.
  tls_server.py CERT KEY CAFILE BODYFILE
Prints the port, then serves BODYFILE for every GET until killed."""
import http.server
import ssl
import sys

cert, key, cafile, bodyfile = sys.argv[1:5]
body = open(bodyfile, "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        subject = dict(x[0] for x in self.connection.getpeercert()["subject"])
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Client-CN", subject.get("commonName", ""))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
context.load_verify_locations(cafile)
context.verify_mode = ssl.CERT_REQUIRED
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
