#!/usr/bin/env node
/**
 * The lint stages of n8n's community-package scanner (@n8n/scan-community-package, the check n8n
 * runs before it verifies a package), offline: `npx @n8n/scan-community-package <name>` needs the
 * package published with provenance and downloads it and its GitHub source; this runs the same two
 * stages on what we would publish instead:
 *   - source:  the scanner's own file set (SOURCE_FILE_PATTERNS: package.json, nodes/, credentials/)
 *   - tarball: `npm pack`'s tarball, unpacked (compiled **\/*.js + the published package.json)
 * with the scanner's own ESLint config (buildScanConfig) and ESLint, inline eslint-disable comments
 * ignored (allowInlineConfig: false), exactly as in scanner.mjs's analyzePackage. The scanner fails
 * on errors only; this fails on warnings too.
 *
 * Usage: node scripts/scan-package.mjs [--tarball <file.tgz>] (default: npm pack of this folder;
 * run `npm run build` first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scannerFile = path.join(scannerDir, 'scanner', 'scanner.mjs');
const scanner = await import(pathToFileURL(scannerFile).href);
// the ESLint and fast-glob the scanner itself imports (its own dependencies, not necessarily ours)
const fromScanner = createRequire(scannerFile);
const { ESLint } = await import(pathToFileURL(fromScanner.resolve('eslint')).href);
const glob = (await import(pathToFileURL(fromScanner.resolve('fast-glob')).href)).default;

async function lintStage(label, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (files.length === 0) throw new Error(`${label}: no files to lint in ${dir}`);
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	if (report.trim()) console.log(report);
	console.log(`scan ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors + warnings;
}

const args = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), 'wiseagent-scan-'));
try {
	let tarball = args[0] === '--tarball' ? path.resolve(args[1]) : undefined;
	if (!tarball) {
		execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		tarball = path.join(
			work,
			readdirSync(work).find((f) => f.endsWith('.tgz')),
		);
	}
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	const findings =
		(await lintStage('source', ROOT, scanner.SOURCE_FILE_PATTERNS)) +
		(await lintStage(`tarball ${path.basename(tarball)}`, unpacked, ['**/*.js', 'package.json']));
	process.exitCode = findings === 0 ? 0 : 1;
} catch (error) {
	// The scanner depends on TypeScript 7 (no JavaScript API). The TypeScript ESLint parser must load
	// a TypeScript 5/6 instead, which the lock file's layout gives (ts-api-utils at the top level);
	// a re-resolved lock file that nests it under the scanner breaks the parser like this.
	if (/TypeFlags|Intrinsic/.test(String(error?.stack))) {
		console.error(
			"scan-package: the scanner's TypeScript parser loaded TypeScript 7 (no JavaScript API): " +
				'node_modules/@n8n/scan-community-package/node_modules/ts-api-utils must not exist; ' +
				'reinstall the scanner (npm uninstall / npm install -D -E @n8n/scan-community-package@<version>).',
		);
	}
	throw error;
} finally {
	rmSync(work, { recursive: true, force: true });
}
