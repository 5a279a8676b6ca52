#!/usr/bin/env bash
# Validates the GitHub workflow files offline: @action-validator/cli parses each YAML file and checks
# it against the GitHub Actions workflow JSON schema (SchemaStore's, compiled into the package).
# Usage: bash scripts/validate-workflows.sh [file...]   (default: .github/workflows/*.yml; npm run lint:workflows)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then files=(.github/workflows/*.yml .github/workflows/*.yaml); fi
checked=0
failed=0
for file in "${files[@]}"; do
	[[ -e "$file" ]] || continue
	checked=$((checked + 1))
	if ./node_modules/.bin/action-validator "$file"; then
		echo "ok: $file"
	else
		echo "INVALID: $file"
		failed=$((failed + 1))
	fi
done
echo "workflow files: $checked checked, $failed invalid"
[[ $checked -gt 0 && $failed -eq 0 ]]
