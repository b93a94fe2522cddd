#!/usr/bin/env python3
"""measure.py STDOUT STDERR ARGV...: run ARGV, print 'STATUS PEAK_KB'.
A small parent, so the child's peak RSS is its own (a child of a large
process inherits the parent's high-water mark at exec)."""
import os
import subprocess
import sys

out, err, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as o, open(err, "wb") as e:
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=o, stderr=e)
    _, status, usage = os.wait4(proc.pid, 0)
code = os.waitstatus_to_exitcode(status)
print(code if code >= 0 else 128 - code, usage.ru_maxrss)
