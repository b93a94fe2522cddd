#!/usr/bin/env python3
"""make portable-check: the release binary, unchanged, in a Debian 11 root
holding only the runtime packages (debootstrap from Debian's own packages,
cached), against the same runs on this host (issue #29).

  portable_check.py BINARY WORKDIR

Runs in the root (chroot, /proc and /dev mounted for the run): --version,
validate-config, both offline examples (1.7 and 2.3.1), topology and weights
over HTTP and HTTPS from loopback feeds (libcurl with its TLS), a tenant whose
names ICU transliterates, validate-config's certificate check (libcrypto); the
same runs on this host, in the same absolute paths, and every output file is
compared byte for byte. Then the root without libcurl: one line naming the
library and its package. Needs root (chroot), debootstrap and openssl.
Prints 'N passed, M failed'; exits non-zero on any failure.
"""
import filecmp
import http.server
import os
import shutil
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from e2e import check, finish  # noqa: E402

BINARY, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RUNTIME = os.path.join(ROOT, ".build-sysroot", "bullseye-runtime")
DEV = os.path.join(ROOT, ".build-sysroot", "bullseye")  # the link root: no libcurl, no ICU
PACKAGES = "libcurl4,libxml2,zlib1g,libldap-2.4-2,libicu67,libssl1.1,ca-certificates"
# The same absolute path on the host and inside the root: Avro sync markers derive from it.
RUN = "/var/tmp/argo-portable-check"
CHROOT = shutil.which("chroot") or "/usr/sbin/chroot"


def runtime_root():
    if os.path.exists(os.path.join(RUNTIME, ".complete")):
        return
    shutil.rmtree(RUNTIME, ignore_errors=True)
    os.makedirs(RUNTIME)
    result = subprocess.run(["debootstrap", "--variant=minbase", "--include=" + PACKAGES, "bullseye", RUNTIME], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("portable-check: debootstrap failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    open(os.path.join(RUNTIME, ".complete"), "w").close()


class Mounted:
    """/proc (the Swift runtime reads its arguments there) and /dev bound into a root for the runs."""

    def __init__(self, root):
        self.points = [os.path.join(root, "proc"), os.path.join(root, "dev")]

    def __enter__(self):
        os.makedirs(self.points[0], exist_ok=True)
        subprocess.run(["mount", "-t", "proc", "proc", self.points[0]], check=True)
        subprocess.run(["mount", "--bind", "/dev", self.points[1]], check=True)
        return self

    def __exit__(self, *_):
        for point in reversed(self.points):
            subprocess.run(["umount", "-l", point])


def run(args, root=None):
    """The binary on this host, or inside `root` (as /usr/local/bin/argo-connectors)."""
    if root:
        command = [CHROOT, root, "/usr/local/bin/argo-connectors"] + args
    else:
        command = [BINARY] + args
    return subprocess.run(command, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "TZ": "UTC"})


# -- loopback feeds ------------------------------------------------------------

def gocdb_handler(feeds):
    """GOCDB's get_* methods from the offline example's saved answers, and VAPOR's JSON."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/moved.json":  # to a local file: libcurl must refuse to follow (redirects: http and https only)
                self.send_response(302)
                self.send_header("Location", "file:///etc/os-release")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            method = urllib.parse.parse_qs(url.query).get("method", [""])[0]
            name = method + ".xml" if method else os.path.basename(url.path)
            path = os.path.join(feeds, name)
            if not os.path.isfile(path):
                self.send_response(404)
                self.end_headers()
                return
            data = open(path, "rb").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
    return Handler


def serve(handler, context=None):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# -- a BDII (Debian's slapd, as make test's TestSlapd runs it) ----------------

GLUE = ["GlueServiceUniqueID", "GlueServiceType", "GlueServiceEndpoint", "GlueSEUniqueID", "GlueSALocalID", "GlueVOInfoLocalID", "GlueVOInfoPath", "GlueVOInfoAccessControlBaseRule"]
# An SRM service and one storage area of a host of the offline GOCDB feed (a search finding
# nothing fails the topology): the host's endpoints gain vo_ops_attr_SE_PATH.
BDII_ENTRIES = """dn: o=grid
objectClass: organization
o: grid

dn: GlueServiceUniqueID=httpg://grid13.gsi.de:8446/srm/managerv2,o=grid
objectClass: GlueService
GlueServiceUniqueID: httpg://grid13.gsi.de:8446/srm/managerv2
GlueServiceType: srm
GlueServiceEndpoint: httpg://grid13.gsi.de:8446/srm/managerv2

dn: GlueSEUniqueID=grid13.gsi.de,o=grid
objectClass: GlueSE
GlueSEUniqueID: grid13.gsi.de

dn: GlueVOInfoLocalID=ops,GlueSEUniqueID=grid13.gsi.de,o=grid
objectClass: GlueSATop
GlueVOInfoLocalID: ops
GlueVOInfoAccessControlBaseRule: VO:ops
GlueVOInfoPath: /dpm/gsi.de/home/ops
"""


def slapd(folder):
    """slapd on a free loopback port with BDII_ENTRIES; (process, port)."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "db"))
    schema = ["attributetype ( 1.3.6.1.4.1.99999.1.%d NAME '%s' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch "
              "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )" % (i + 1, name) for i, name in enumerate(GLUE)]
    schema += ["objectclass ( 1.3.6.1.4.1.99999.2.2 NAME 'GlueService' SUP top STRUCTURAL MUST GlueServiceUniqueID "
               "MAY ( GlueServiceType $ GlueServiceEndpoint ) )",
               "objectclass ( 1.3.6.1.4.1.99999.2.3 NAME 'GlueSE' SUP top STRUCTURAL MUST GlueSEUniqueID )",
               "objectclass ( 1.3.6.1.4.1.99999.2.4 NAME 'GlueSATop' SUP top STRUCTURAL MAY ( GlueSALocalID $ GlueVOInfoLocalID $ "
               "GlueVOInfoPath $ GlueVOInfoAccessControlBaseRule ) )"]
    open(os.path.join(folder, "glue.schema"), "w").write("\n".join(schema) + "\n")
    config = os.path.join(folder, "slapd.conf")
    open(config, "w").write("include /etc/ldap/schema/core.schema\ninclude %s/glue.schema\npidfile %s/slapd.pid\n"
                            "modulepath /usr/lib/ldap\nmoduleload back_mdb\ndatabase mdb\nmaxsize 10485760\nsuffix \"o=grid\"\n"
                            "rootdn \"cn=admin,o=grid\"\ndirectory %s/db\naccess to * by * read\n" % (folder, folder, folder))
    open(os.path.join(folder, "data.ldif"), "w").write(BDII_ENTRIES)
    subprocess.run(["/usr/sbin/slapadd", "-f", config, "-l", os.path.join(folder, "data.ldif")], check=True, capture_output=True)
    probe = socketserver.TCPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()
    process = subprocess.Popen(["/usr/sbin/slapd", "-f", config, "-h", "ldap://127.0.0.1:%d/" % port, "-d", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    sys.exit("portable-check: slapd did not listen")


# -- configurations ------------------------------------------------------------

def prepare(base, https_port, http_port, bdii_port, cert):
    """Both offline examples and an HTTP(S) configuration, under `base` (the same path string in and out of the root)."""
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    shutil.copytree(os.path.join(ROOT, "config-examples"), os.path.join(base, "config-examples"))
    for example in ("offline", "offline-2.3.1"):
        for name in ("global.conf", "customer.conf"):
            path = os.path.join(base, "config-examples", example, name)
            text = open(path).read().replace("@ROOT@", base)
            open(path, "w").write(text)
            os.chmod(path, 0o600)
    feeds = os.path.join(base, "config-examples", "offline", "feeds")
    g = open(os.path.join(base, "config-examples", "offline", "global.conf")).read()
    # The server verified against the test's own CA (VerifyServerCert on).
    g = g.replace("VerifyServerCert = False", "VerifyServerCert = True\nCAFile = %s" % cert)
    # validate-config holds HostCert against HostKey with libcrypto: a matching pair, then another key.
    host_pair = "HostCert = %s\nHostKey = %s\n" % (cert, cert.replace("cert.pem", "key.pem"))
    open(os.path.join(base, "net.global.conf"), "w").write(g.replace("[Authentication]\n", "[Authentication]\n" + host_pair))
    other = host_pair.replace("key.pem", "other-key.pem")
    open(os.path.join(base, "wrong-key.global.conf"), "w").write(g.replace("[Authentication]\n", "[Authentication]\n" + other))
    c = open(os.path.join(base, "config-examples", "offline", "customer.conf")).read()
    c = c.replace(os.path.join(base, "var"), os.path.join(base, "net"))
    c = c.replace("TopoFeed = %(Feeds)s/", "TopoFeed = https://127.0.0.1:%d/gocdbpi/" % https_port)
    c = c.replace("DowntimesFeed = %(Feeds)s/", "DowntimesFeed = https://127.0.0.1:%d/gocdbpi/" % https_port)
    c = c.replace("WeightsFeed = %(Feeds)s/vapor.json", "WeightsFeed = http://127.0.0.1:%d/vapor.json" % http_port)
    open(os.path.join(base, "net.customer.conf"), "w").write(c)
    b = open(os.path.join(base, "config-examples", "offline-2.3.1", "customer.conf")).read()
    b = b.replace(os.path.join(base, "var", "tenants"), os.path.join(base, "bdii"))
    b = b.replace("TopoType = GOCDB\n", "TopoType = GOCDB\nBDII = True\nBDIIHost = 127.0.0.1\nBDIIPort = %d\nBDIIQueryBase = o=grid\n"
                  "BDIIQueryFilterSRM = (&(objectClass=GlueService)(GlueServiceType=srm))\nBDIIQueryAttributesSRM = GlueServiceEndpoint\n"
                  "BDIIQueryFilterSEPATH = (objectClass=GlueSATop)\n"
                  "BDIIQueryAttributesSEPATH = GlueVOInfoAccessControlBaseRule GlueVOInfoPath\n" % bdii_port)
    open(os.path.join(base, "bdii.customer.conf"), "w").write(b)
    open(os.path.join(base, "moved.customer.conf"), "w").write(c.replace("/vapor.json", "/moved.json"))
    for name in ("net.global.conf", "net.customer.conf", "wrong-key.global.conf", "bdii.customer.conf", "moved.customer.conf"):
        os.chmod(os.path.join(base, name), 0o600)
    return feeds


def runs(base, root=None):
    """Every run, in `base`; the results by name."""
    e17 = ["-c", base + "/config-examples/offline/customer.conf", "-g", base + "/config-examples/offline/global.conf"]
    e231 = ["-c", base + "/config-examples/offline-2.3.1/customer.conf", "-g", base + "/config-examples/offline-2.3.1/global.conf"]
    net = ["-c", base + "/net.customer.conf", "-g", base + "/net.global.conf"]
    results = {"version": run(["--version"], root), "validate 1.7": run(["validate-config"] + e17, root),
               "validate 2.3.1": run(["validate-config"] + e231, root)}
    for connector in ("topology", "downtimes", "weights", "poem"):
        results["1.7 " + connector] = run([connector, "-d", "2026-11-28"] + e17, root)
    results["validate, HostCert matches HostKey"] = run(["validate-config"] + net, root)
    results["validate, HostKey of another certificate"] = run(["validate-config", "-c", base + "/net.customer.conf", "-g", base + "/wrong-key.global.conf"], root)
    results["2.3.1 all"] = run(["all", "-d", "2022-10-27"] + e231, root)
    results["weights redirected to file://"] = run(["weights", "-d", "2026-11-28", "-c", base + "/moved.customer.conf", "-g", base + "/net.global.conf"], root)
    results["BDII topology"] = run(["topology", "-d", "2022-10-27", "-c", base + "/bdii.customer.conf", "-g",
                                    base + "/config-examples/offline-2.3.1/global.conf"], root)
    results["https topology, http weights"] = run(["topology", "-d", "2026-11-28"] + net, root)
    results["http weights"] = run(["weights", "-d", "2026-11-28"] + net, root)
    return results


def outputs(base):
    found = {}
    for folder in ("var", "net", "bdii"):
        for directory, _, names in os.walk(os.path.join(base, folder)):
            for name in names:
                path = os.path.join(directory, name)
                # State files' and locks' contents are the same; logs and locks are not outputs.
                if not name.startswith(".") and not name.endswith(".lock"):
                    found[os.path.relpath(path, base)] = path
    return found


def main():
    if os.geteuid() != 0:
        print("portable-check needs root (chroot)")
        return 1
    runtime_root()
    os.makedirs(WORK, exist_ok=True)
    cert, key = os.path.join(WORK, "cert.pem"), os.path.join(WORK, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    subprocess.run(["openssl", "genrsa", "-out", os.path.join(WORK, "other-key.pem"), "2048"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    feeds = os.path.join(ROOT, "config-examples", "offline", "feeds")
    https = serve(gocdb_handler(feeds), context)
    plain = serve(gocdb_handler(feeds))
    ports = (https.server_address[1], plain.server_address[1])
    if not os.path.exists("/usr/sbin/slapd"):
        print("portable-check needs slapd (make deps installs it)")
        return 1
    directory, bdii_port = slapd(os.path.join(WORK, "slapd"))

    # This host first, then the root, in the same absolute path.
    host_base = RUN
    for prefix in ("", RUNTIME, DEV):
        os.makedirs(prefix + "/var/tmp", exist_ok=True)
        for name in ("cert", "key", "other-key"):
            shutil.copy(os.path.join(WORK, name + ".pem"), prefix + "/var/tmp/argo-portable-%s.pem" % name)
    prepare(host_base, ports[0], ports[1], bdii_port, "/var/tmp/argo-portable-cert.pem")
    host = runs(host_base)
    saved = os.path.join(WORK, "host")
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(host_base, saved, symlinks=True)

    inside = RUNTIME + RUN
    os.makedirs(os.path.dirname(inside), exist_ok=True)
    prepare(inside, ports[0], ports[1], bdii_port, "/var/tmp/argo-portable-cert.pem")
    # The configuration inside names its own paths (the same string as on the host).
    for path in [os.path.join(inside, p) for p in ("net.customer.conf", "net.global.conf", "bdii.customer.conf", "moved.customer.conf")] + \
            [os.path.join(inside, "config-examples", e, n) for e in ("offline", "offline-2.3.1") for n in ("global.conf", "customer.conf")]:
        text = open(path).read().replace(inside, RUN)
        open(path, "w").write(text)
    os.makedirs(RUNTIME + "/usr/local/bin", exist_ok=True)
    shutil.copy(BINARY, RUNTIME + "/usr/local/bin/argo-connectors")
    with Mounted(RUNTIME):
        root = runs(RUN, RUNTIME)
    for name, result in host.items():
        theirs = root[name]
        check("Debian 11: %s exits %d as on this host" % (name, result.returncode), theirs.returncode == result.returncode,
              "%d vs %d: %s" % (theirs.returncode, result.returncode, theirs.stderr[-1500:]))
    check("Debian 11: --version", root["version"].stdout.startswith("argo-connectors 3.0.0 (commit "), root["version"].stdout)
    check("libcrypto: the pair matches", root["validate, HostCert matches HostKey"].returncode == 0, root["validate, HostCert matches HostKey"].stdout[-1500:])
    check("libcrypto: another key is named", "does not match its key" in root["validate, HostKey of another certificate"].stdout,
          root["validate, HostKey of another certificate"].stdout[-1500:])
    endpoints = os.path.join(inside, "bdii", "EGI", "group_endpoints_2022_10_27.json")
    check("libldap: the BDII's storage path is on the host's endpoints",
          root["BDII topology"].returncode == 0 and os.path.exists(endpoints) and '"vo_ops_attr_SE_PATH": "/dpm/gsi.de/home/ops"' in open(endpoints).read(),
          root["BDII topology"].stderr[-1500:])
    moved = root["weights redirected to file://"]
    check("a redirect to file:// is refused, nothing read", moved.returncode == 1 and "moved.json" in moved.stderr
          and "debian" not in (moved.stdout + moved.stderr).lower(), moved.stderr[-1500:])
    check("the HTTPS run fetched over TLS", root["https topology, http weights"].returncode == 0, root["https topology, http weights"].stderr[-1500:])
    mine, theirs = outputs(saved), outputs(inside)
    check("Debian 11 wrote the same files (%d)" % len(mine), sorted(mine) == sorted(theirs) and len(mine) > 30,
          sorted(set(mine) ^ set(theirs))[:10])
    differing = [name for name in mine if name in theirs and not filecmp.cmp(mine[name], theirs[name], shallow=False)]
    check("every file byte for byte as on this host", not differing, differing[:10])

    # A host without libcurl (the link root has none): one line naming it and its package.
    shutil.copy(BINARY, DEV + "/argo-connectors")
    config = os.path.join(DEV, "net")
    os.makedirs(config, exist_ok=True)
    shutil.copy(os.path.join(inside, "net.global.conf"), os.path.join(config, "global.conf"))
    # The global configuration names files under RUN (schemas, CA): the same paths in the link root.
    shutil.rmtree(DEV + RUN, ignore_errors=True)
    shutil.copytree(inside, DEV + RUN, symlinks=True)
    text = open(os.path.join(inside, "net.customer.conf")).read().replace(RUN + "/net", "/tmp/out")
    open(os.path.join(config, "customer.conf"), "w").write(text)
    with Mounted(DEV):
        missing = subprocess.run([CHROOT, DEV, "/argo-connectors", "weights", "-c", "/net/customer.conf", "-g", "/net/global.conf",
                                  "-d", "2026-11-28"], capture_output=True, text=True)
    check("without libcurl: exit 1", missing.returncode == 1, missing.stderr[-1500:])
    check("without libcurl: the line names the library and its packages",
          "libcurl.so.4 cannot be loaded" in missing.stderr and "install libcurl4 (Debian, Ubuntu) or libcurl (Rocky, Alma Linux 9)" in missing.stderr,
          missing.stderr[-1500:])
    https.shutdown()
    plain.shutdown()
    directory.terminate()
    directory.wait()
    return 0


finish(main())
