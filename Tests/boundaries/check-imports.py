#!/usr/bin/env python3
"""make test: every target imports only what Package.swift says it depends on.

  check-imports.py [PACKAGE_DIR]

Swift lets a target import a module that reaches it only transitively (ArgoCLI
can `import CCurl` because ArgoSystem depends on it), so the arrows drawn in
Package.swift are not enforced by the compiler alone. This reads the targets
and their declared dependencies from `swift package dump-package`, then every
`import` line of every Swift file, and fails naming file and line for an
import that is neither declared nor one of the platform modules that target's
layer may use (the pure model may use no C library at all).
"""
import json
import os
import re
import subprocess
import sys

# Platform modules each kind of target may import without declaring them.
PURE = {"Swift", "FoundationEssentials", "Synchronization", "_Concurrency"}
SYSTEM = PURE | {"Glibc", "Dispatch"}
PLATFORM = {
    "ArgoModel": PURE,  # pure: no C library, no file system, no network
    "ArgoTestSupport": SYSTEM | {"Foundation", "XCTest"},
}
DEFAULT_PLATFORM = {"regular": SYSTEM, "executable": SYSTEM | {"Foundation"}, "test": SYSTEM | {"Foundation", "XCTest"}}
IMPORT = re.compile(r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    dump = subprocess.run(["swift", "package", "--package-path", root, "dump-package"], capture_output=True, text=True)
    if dump.returncode != 0:
        sys.exit("check-imports: swift package dump-package failed:\n" + dump.stderr)
    package = json.loads(dump.stdout)
    problems, files = [], 0
    for target in package["targets"]:
        if target["type"] not in DEFAULT_PLATFORM:
            continue
        declared = set()
        for dependency in target["dependencies"]:
            kind, value = next(iter(dependency.items()))
            declared.add(value[0])  # byName/target: the module; product: its name is the module here (Logging)
        allowed = declared | PLATFORM.get(target["name"], DEFAULT_PLATFORM[target["type"]])
        folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(n for n in names if n.endswith(".swift")):
                path = os.path.join(directory, name)
                files += 1
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        match = IMPORT.match(line)
                        if match and match.group(1) not in allowed:
                            problems.append("%s:%d: %s imports %s, which it does not declare in Package.swift (or its layer may not use)"
                                            % (os.path.relpath(path, root), number, target["name"], match.group(1)))
    for problem in problems:
        print(problem)
    if problems:
        sys.exit("check-imports: %d undeclared import(s)" % len(problems))
    print("check-imports: %d files of %d targets import only what they declare" % (files, len(package["targets"])))


main()
