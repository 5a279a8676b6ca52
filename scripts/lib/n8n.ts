/**
 * Running the project-local n8n (Node 24, `.n8n-runtime/`) with a project-local user folder,
 * and preparing that folder: this package as a community package, pre-connected credentials.
 *
 * How n8n 2.40 finds community packages (node_modules/n8n/dist/modules/community-packages/
 * community-packages.module.js -> n8n-core scanDirectoryForPackages): at start it scans
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/` for `n8n-nodes-*` and `@*\/n8n-nodes-*` folders and
 * loads each with a LazyPackageDirectoryLoader, so node types are `<package name>.<node name>`
 * (`n8n-nodes-wiseagent.wiseAgent`). No database row is needed to load them (rows in
 * `installed_packages` only drive the Settings > Community nodes list and reinstalls).
 * `installPackageIntoUserFolder()` reproduces what n8n's own installer does (npm pack, untar,
 * strip dev/peer/optional dependencies, record it in `.n8n/nodes/package.json`), offline.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

import { run, startService, type EchoFilter, type Service } from './proc';
import { runtimePaths, type RuntimePaths } from './runtime';

export interface N8nInstanceOptions {
	/** N8N_USER_FOLDER: n8n keeps everything in `<userFolder>/.n8n/` (sqlite db, config with the encryption key, nodes/) */
	userFolder: string;
	port: number;
	/** address to listen on and to build URLs with (default 127.0.0.1) */
	host?: string;
	runtime?: RuntimePaths;
	/** extra/override environment for n8n */
	env?: Record<string, string>;
}

export function n8nBaseUrl(options: Pick<N8nInstanceOptions, 'host' | 'port'>): string {
	return `http://${options.host ?? '127.0.0.1'}:${options.port}`;
}

/**
 * n8n's environment. Order: quiet defaults < the caller's environment (so `N8N_LOG_LEVEL=debug npm start`
 * works) < what this instance must have (user folder, port, address, URLs).
 */
export function n8nEnv(options: N8nInstanceOptions): NodeJS.ProcessEnv {
	const runtime = options.runtime ?? runtimePaths();
	const host = options.host ?? '127.0.0.1';
	const baseUrl = n8nBaseUrl(options);
	const inherited: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// npm/ts-node run-script variables describe this repo, not n8n's (n8n runs npm for community packages).
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key.startsWith('TS_NODE_')) continue;
		inherited[key] = value;
	}
	return {
		// --- quiet, offline-friendly defaults (env names from node_modules/@n8n/config/dist) ---
		N8N_DIAGNOSTICS_ENABLED: 'false', // telemetry (PostHog/RudderStack)
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false', // the "customize n8n" survey after owner setup
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false', // templates come from api.n8n.io
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // explicit: its default is going to change
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // the vetted list comes from api.n8n.io
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1
		N8N_LOG_LEVEL: 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		EXECUTIONS_DATA_PRUNE: 'false',
		// activation ("publish") goes through an outbox polled every 15 s by default: too slow here
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
		...inherited,
		// --- this instance ---
		PATH: `${runtime.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		// the task runner broker (default 5679) must not collide when several instances run
		N8N_RUNNERS_BROKER_PORT: inherited.N8N_RUNNERS_BROKER_PORT ?? String(options.port + 1),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		...options.env,
	};
}

/** Runs an n8n CLI command (e.g. `import:credentials --input=...`) to completion; returns its output. */
export async function runN8nCli(options: N8nInstanceOptions, args: string[]): Promise<string> {
	const runtime = options.runtime ?? runtimePaths();
	const { output } = await run(runtime.node, [runtime.n8nBin, ...args], {
		env: n8nEnv(options),
		stdio: 'pipe',
	});
	return output;
}

/**
 * Starts `n8n start` (or, with `command: 'worker'`, a queue-mode `n8n worker`) as a service (its own
 * process group: the task runner child stops with it).
 */
export function startN8n(
	options: N8nInstanceOptions & {
		logFile?: string;
		echo?: boolean | EchoFilter;
		onLine?: (line: string) => void;
		command?: 'start' | 'worker';
		/** extra CLI arguments, e.g. `--concurrency=5` for a worker */
		args?: string[];
		/** service name (output prefix), default `n8n` / `n8n-worker` */
		name?: string;
	},
): Service {
	const runtime = options.runtime ?? runtimePaths();
	const command = options.command ?? 'start';
	const name = options.name ?? (command === 'start' ? 'n8n' : `n8n-${command}`);
	return startService(name, runtime.node, [runtime.n8nBin, command, ...(options.args ?? [])], {
		env: n8nEnv(options),
		cwd: options.userFolder,
		logFile: options.logFile,
		echo: options.echo,
		onLine: options.onLine,
	});
}

export interface InstalledPackage {
	name: string;
	version: string;
	directory: string;
	nodes: string[];
	credentials: string[];
}

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[]; n8nNodesApiVersion?: number };
}

/**
 * Installs the package in `packageDir` (built: its `dist/` must exist) into
 * `<userFolder>/.n8n/nodes/node_modules/<name>` the way n8n's community-package installer does,
 * from an `npm pack` of the working tree (so exactly the files a user would get from npm).
 */
export async function installPackageIntoUserFolder(
	packageDir: string,
	userFolder: string,
	runtime: RuntimePaths = runtimePaths(),
): Promise<InstalledPackage> {
	const source = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;
	const declared = [...(source.n8n?.nodes ?? []), ...(source.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !existsSync(path.join(packageDir, file)));
	if (declared.length === 0) throw new Error(`${source.name}: package.json has no n8n.nodes / n8n.credentials`);
	if (missing.length > 0) {
		throw new Error(`${source.name} is not built (missing ${missing.join(', ')}); run npm run build`);
	}

	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', source.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });

	const packDir = path.join(os.tmpdir(), `n8n-pack-${process.pid}-${Date.now()}`);
	mkdirSync(packDir, { recursive: true });
	try {
		const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: packageDir,
			stdio: 'pipe',
			env: withoutNpmVars(process.env),
		});
		const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
		const tarball = path.join(packDir, path.basename(packed[0].filename));
		await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { stdio: 'pipe' });
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	// As n8n does: drop dev/peer/optional dependencies, install the runtime ones (none today).
	const packageJsonPath = path.join(target, 'package.json');
	const installed = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as PackageJson;
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeFileSync(packageJsonPath, JSON.stringify(installed, null, 2));
	if (Object.keys(installed.dependencies ?? {}).length > 0) {
		await run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--omit=dev',
			],
			{ cwd: target, stdio: 'pipe', env: withoutNpmVars(process.env) },
		);
	}

	// The peer dependency n8n-workflow must be n8n's own copy. n8n puts its node_modules on NODE_PATH,
	// but Node looks in parent folders first, and this user folder lives inside the repo, whose
	// node_modules has a dev copy of n8n-workflow. A link next to the package wins over both.
	const n8nWorkflow = [
		path.join(runtime.n8nDir, 'node_modules', 'n8n-workflow'),
		path.join(runtime.dir, 'node_modules', 'n8n-workflow'),
	].find((dir) => existsSync(path.join(dir, 'package.json')));
	if (n8nWorkflow) {
		const link = path.join(nodesDir, 'node_modules', 'n8n-workflow');
		rmSync(link, { recursive: true, force: true });
		symlinkSync(n8nWorkflow, link, 'dir');
	}

	const nodesPackageJson = path.join(nodesDir, 'package.json');
	const manifest = existsSync(nodesPackageJson)
		? (JSON.parse(readFileSync(nodesPackageJson, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [installed.name]: installed.version };
	writeFileSync(nodesPackageJson, JSON.stringify(manifest, null, 2));

	const typeName = (file: string) => path.basename(file).replace(/\.(node|credentials)\.js$/, '');
	return {
		name: installed.name,
		version: installed.version,
		directory: target,
		nodes: (installed.n8n?.nodes ?? []).map(typeName),
		credentials: (installed.n8n?.credentials ?? []).map(typeName),
	};
}

function withoutNpmVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(env)) if (!/^npm_/i.test(key)) clean[key] = value;
	return clean;
}

export interface CredentialToImport {
	/** fixed id, so demo workflows can reference it */
	id: string;
	name: string;
	type: string;
	/** decrypted credential data; `n8n import:credentials` encrypts it with the instance key */
	data: Record<string, unknown>;
}

/**
 * Imports credentials with `n8n import:credentials` (n8n must NOT be running on the same
 * database). Without --userId/--projectId n8n gives them to the instance owner's personal
 * project; on a fresh database that is the owner "shell" that `POST /rest/owner/setup` fills in
 * later, so the owner sees them. Unlike the REST API, the CLI keeps `oauthTokenData`, which is
 * what makes an OAuth2 credential "connected".
 */
export async function importCredentials(options: N8nInstanceOptions, credentials: CredentialToImport[]): Promise<string> {
	const file = path.join(options.userFolder, `credentials-import-${process.pid}.json`);
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		return await runN8nCli(options, ['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}
