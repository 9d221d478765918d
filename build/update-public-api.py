#!/usr/bin/env python3
"""Brings the PublicAPI.Unshipped.txt files of the packed libraries up to date with the code.

Builds the given project (default: the solution), reads the public API analyzer's findings and edits the files:
RS0016 (a public symbol missing from the files) adds the symbol to the project's PublicAPI.Unshipped.txt, RS0017 (a
listed symbol that is gone) removes it from Unshipped.txt. Review the diff: it is the change to the public API.
Usage: python3 build/update-public-api.py [PROJECT_OR_SOLUTION]
"""
import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MISSING = re.compile(r"error RS0016: Symbol '(?P<symbol>.*?)' is not part of the declared public API .*?\[(?P<project>[^\]]+\.csproj)\]")
GONE = re.compile(r"error RS0017: Symbol '(?P<symbol>.*?)' is part of the declared API, but is either not public or could not be found .*?\[(?P<project>[^\]]+\.csproj)\]")


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Citations.sln")
    build = subprocess.run(["dotnet", "build", target, "-nologo"], capture_output=True, text=True, cwd=ROOT)
    log = build.stdout + build.stderr
    added, removed = collections.defaultdict(set), collections.defaultdict(set)
    for match in MISSING.finditer(log):
        added[match["project"]].add(match["symbol"])
    for match in GONE.finditer(log):
        removed[match["project"]].add(match["symbol"])
    for project in sorted(set(added) | set(removed)):
        path = os.path.join(os.path.dirname(project), "PublicAPI.Unshipped.txt")
        lines = [line.rstrip("\n") for line in open(path, encoding="utf-8")] if os.path.exists(path) else ["#nullable enable"]
        header = [line for line in lines[:1] if line.startswith("#nullable")] or ["#nullable enable"]
        body = (set(line for line in lines if line and not line.startswith("#nullable")) | added[project]) - removed[project]
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(header + sorted(body, key=lambda s: (s.replace("~", "").lower(), s))) + "\n")
        print(f"{path}: {len(added[project])} added, {len(removed[project])} removed")
    if not added and not removed:
        print("the public API files match the code" if build.returncode == 0 else "the build failed for another reason:\n" + log[-4000:])


if __name__ == "__main__":
    main()
