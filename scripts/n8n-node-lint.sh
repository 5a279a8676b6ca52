#!/usr/bin/env bash
# `n8n-node lint` (@n8n/node-cli, strict mode: eslint.config.mjs must be n8n's default) on exactly
# what the package is built from: package.json, eslint.config.mjs, tsconfig.json, nodes/ and
# credentials/, copied into a temporary folder (node_modules linked).
#
# Why not in the repository itself: n8n-node lint runs `eslint .`, and its default config has no
# way to leave folders out but dist/. Here `.` would also take test/, scripts/, bench/, sandbox/
# (test and dev tooling, not shipped: they use process, timers and node:http on purpose) and the
# git-ignored n8n user folders and runtimes the e2e suite leaves behind (.n8n-e2e*/, .n8n-runtime*/:
# thousands of files of n8n itself, minutes of linting). n8n's own scanner lints the same set as
# here (@n8n/scan-community-package: package.json, nodes/, credentials/).
#
# Usage: bash scripts/n8n-node-lint.sh [--fix]   (npm run lint / npm run lintfix)
#        --fix: runs the fixes in the repository's own files (eslint --fix on the same set).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ "${1:-}" == "--fix" ]]; then
	exec npx --no-install eslint --fix package.json nodes credentials
fi

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/wiseagent-lint.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
cp -R package.json eslint.config.mjs tsconfig.json nodes credentials "$STAGE/"
ln -s "$ROOT/node_modules" "$STAGE/node_modules"
cd "$STAGE"
set +e
# n8n-node lint prints absolute paths: show them as paths in the repository
FORCE_COLOR=0 ./node_modules/.bin/n8n-node lint 2>&1 | sed -e "s#$STAGE/#$ROOT/#g"
status=${PIPESTATUS[0]}
set -e
if [[ $status -eq 0 ]]; then echo "n8n-node lint: no findings (package.json, nodes/, credentials/)"; fi
exit "$status"
