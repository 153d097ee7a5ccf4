#!/bin/sh
# Installs the pinned npm packages of libsql-testkit (package.json + package-lock.json) with `npm ci`.
# Run by the Maven build (exec-maven-plugin, phase initialize) with the module directory as $1.
# Skips the install when node_modules already matches the lock file (a copy of the lock file is
# kept in node_modules as a stamp; `npm ci` wipes node_modules, so the stamp cannot outlive it).
set -eu

dir=${1:?usage: npm-ci.sh <module directory> [force]}
force=${2:-false}
cd "$dir"

fail() {
    echo "[libsql-testkit] ERROR: $*" >&2
    exit 1
}

command -v node >/dev/null 2>&1 \
    || fail "'node' is not on the PATH. The build needs Node.js 20+ with npm to install @libsql/client and tursodb (npm ci in $dir). Install Node.js 20 (https://nodejs.org) or skip with -Dlibsql.npm.skip=true (tests that need them will then fail)."
command -v npm >/dev/null 2>&1 \
    || fail "'npm' is not on the PATH (node is: $(command -v node)). Install npm for Node.js 20+ or skip with -Dlibsql.npm.skip=true."
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] \
    || fail "Node.js $(node --version) is too old: 20 or newer is required (node at $(command -v node))."

stamp=node_modules/.libsql-jpa-installed-lock.json
if [ "$force" != "true" ] \
    && [ -f "$stamp" ] && cmp -s package-lock.json "$stamp" \
    && [ -f node_modules/@libsql/client/package.json ]; then
    echo "[libsql-testkit] npm packages up to date (node_modules matches package-lock.json)"
    exit 0
fi

echo "[libsql-testkit] npm ci in $dir (node $(node --version), npm $(npm --version))"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=warn \
    || fail "'npm ci' failed in $dir (see the npm output above). It needs access to the npm registry."
cp package-lock.json "$stamp"
# tursodb is an optional dependency (Linux x64 glibc only): npm skips it elsewhere.
[ -f node_modules/@tursodatabase/cli-linux-x64-gnu/tursodb ] \
    || echo "[libsql-testkit] WARNING: tursodb was not installed (it exists for Linux x64 glibc only); tests against tursodb will fail." >&2
