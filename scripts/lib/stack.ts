/**
 * The whole local stack: Wise Agent sandbox + n8n (Node 24) with this package loaded as a
 * community package, an owner account, a connected Wise Agent credential and the demo workflows.
 * Used by `npm start` (scripts/start.ts) and meant for the e2e suite (other ports / folders).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import * as path from 'path';

import { sleep, waitForHttp } from './http';
import { N8nClient, type N8nUser, type N8nWorkflow, type OwnerAccount, type PublicationStatus } from './n8n-api';
import {
	importCredentials,
	installPackageIntoUserFolder,
	n8nBaseUrl,
	startN8n,
	type InstalledPackage,
	type N8nInstanceOptions,
} from './n8n';
import type { EchoFilter, Service } from './proc';
import { ROOT_DIR, runtimePaths, type RuntimePaths } from './runtime';
import { attachToSandbox, startLocalSandbox, type SandboxHandle } from './sandbox';

export const WISE_AGENT_CREDENTIAL_TYPE = 'wiseAgentOAuth2Api';
/** fixed, so demo workflows can reference `{ "wiseAgentOAuth2Api": { "id": "wiseAgentSandbox", ... } }` */
export const SANDBOX_CREDENTIAL_ID = 'wiseAgentSandbox';
export const SANDBOX_CREDENTIAL_NAME = 'Wise Agent (sandbox)';
export const DEMO_WORKFLOWS_DIR = path.join(ROOT_DIR, 'scripts', 'demo-workflows');
export const DEFAULT_SCOPES = 'profile team marketing contacts properties calendar';

export interface StackOptions {
	n8nPort: number;
	/** N8N_USER_FOLDER (wiped first unless keep) */
	userFolder: string;
	/** local sandbox port (ignored with sandboxUrl) */
	sandboxPort: number;
	/** use a sandbox that is already running there instead of starting one */
	sandboxUrl?: string;
	sandboxSeed?: number;
	sandboxContacts?: number;
	/** sandbox state file (deleted first unless keep) */
	sandboxStateFile?: string;
	/** sandbox strict mode: only the documented parameter spellings (e2e on, npm start off) */
	sandboxStrict?: boolean;
	owner: OwnerAccount;
	/** the community package to load (default: this repository, built) */
	packageDir?: string;
	/** folder of workflow JSON files to import (all *.json; none is fine) */
	workflowsDir?: string;
	/** keep the user folder and sandbox state of the previous run */
	keep?: boolean;
	/** n8n output: log file, and whether to echo it here */
	n8nLogFile?: string;
	/** true / false, or a per-line filter (lib/proc.ts EchoFilter) */
	echoN8n?: boolean | EchoFilter;
	n8nEnv?: Record<string, string>;
	runtime?: RuntimePaths;
	/** progress lines */
	log?: (message: string) => void;
	/** max wait for n8n to answer (ms) */
	n8nStartTimeoutMs?: number;
}

export interface ImportedWorkflow {
	file: string;
	id: string;
	name: string;
	active: boolean;
	activationError?: string;
}

export interface Stack {
	n8nUrl: string;
	n8n: Service;
	sandbox: SandboxHandle;
	client: N8nClient;
	owner: OwnerAccount & { id: string };
	package: InstalledPackage;
	/** node types of this package that n8n reports as loaded */
	loadedNodeTypes: string[];
	credentialId: string;
	workflows: ImportedWorkflow[];
	/** stops n8n (whole process group) then the sandbox; safe to call twice */
	stop(): Promise<void>;
}

/** Starts everything; on failure stops what was started and rethrows. */
export async function startStack(options: StackOptions): Promise<Stack> {
	const log = options.log ?? (() => undefined);
	const runtime = options.runtime ?? runtimePaths();
	const n8nOptions: N8nInstanceOptions = {
		userFolder: options.userFolder,
		port: options.n8nPort,
		runtime,
		env: options.n8nEnv,
	};
	const n8nUrl = n8nBaseUrl(n8nOptions);
	let sandbox: SandboxHandle | undefined;
	let n8n: Service | undefined;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (n8n && !n8n.hasExited) {
			log('stopping n8n ...');
			await n8n.stop();
		}
		if (sandbox) {
			log('stopping the sandbox ...');
			await sandbox.stop();
		}
	};

	try {
		await assertPortFree(options.n8nPort, `n8n (N8N_PORT=${options.n8nPort})`);
		const brokerPort = Number(options.n8nEnv?.N8N_RUNNERS_BROKER_PORT ?? process.env.N8N_RUNNERS_BROKER_PORT ?? options.n8nPort + 1);
		await assertPortFree(brokerPort, `n8n's task runner broker (N8N_RUNNERS_BROKER_PORT, default N8N_PORT + 1)`);

		if (!options.keep) {
			rmSync(options.userFolder, { recursive: true, force: true });
			if (options.sandboxStateFile) rmSync(options.sandboxStateFile, { force: true });
		}
		mkdirSync(options.userFolder, { recursive: true });

		// 1. sandbox
		if (options.sandboxUrl) {
			log(`using the sandbox at ${options.sandboxUrl}`);
			sandbox = await attachToSandbox(options.sandboxUrl);
		} else {
			await assertPortFree(options.sandboxPort, `the sandbox (WISEAGENT_SANDBOX_PORT=${options.sandboxPort})`);
			log(`starting the Wise Agent sandbox on port ${options.sandboxPort}`);
			sandbox = await startLocalSandbox({
				port: options.sandboxPort,
				seed: options.sandboxSeed,
				contacts: options.sandboxContacts,
				autoApprove: true,
				stateFile: options.sandboxStateFile,
				strict: options.sandboxStrict,
			});
		}
		log(`sandbox: ${sandbox.baseUrl} (client id ${sandbox.clientId})`);

		// 2. this package as a community package
		const installed = await installPackageIntoUserFolder(
			options.packageDir ?? ROOT_DIR,
			options.userFolder,
			runtime,
		);
		log(`installed ${installed.name}@${installed.version} into ${path.relative(ROOT_DIR, installed.directory)}`);

		// 3. the connected credential (n8n CLI, before n8n starts: same sqlite database)
		const token = await sandbox.issueToken();
		const scopes = Array.isArray(token.scopes) ? token.scopes.join(' ') : (token.scopes ?? DEFAULT_SCOPES);
		log('importing the Wise Agent credential (n8n import:credentials; first run also creates the database)');
		await importCredentials(n8nOptions, [
			{
				id: SANDBOX_CREDENTIAL_ID,
				name: SANDBOX_CREDENTIAL_NAME,
				type: WISE_AGENT_CREDENTIAL_TYPE,
				data: {
					serverUrl: sandbox.baseUrl,
					grantType: 'authorizationCode',
					clientId: sandbox.clientId,
					clientSecret: sandbox.clientSecret,
					scope: scopes,
					// exactly what n8n stores after a real authorization-code flow against the sandbox
					// (its token endpoint answers { access_token, refresh_token, expires_at })
					oauthTokenData: {
						access_token: token.accessToken,
						refresh_token: token.refreshToken,
						expires_at: token.expiresAt,
					},
				},
			},
		]);

		// 4. n8n
		log(`starting n8n on ${n8nUrl} (Node ${path.relative(ROOT_DIR, runtime.node)}, log ${options.n8nLogFile ?? '-'})`);
		n8n = startN8n({ ...n8nOptions, logFile: options.n8nLogFile, echo: options.echoN8n ?? true });
		const server = n8n;
		const client = new N8nClient(n8nUrl);
		const started = Date.now();
		await waitForHttp(`${n8nUrl}/healthz`, {
			timeoutMs: options.n8nStartTimeoutMs ?? 180_000,
			abortIf: () => (server.hasExited ? `n8n exited:\n${server.recentOutput(40)}` : undefined),
			onWait: (ms) => log(`  ... waiting for n8n (${Math.round(ms / 1000)} s)`),
		});
		// /healthz answers as soon as the HTTP server listens; the REST API follows shortly after. An
		// n8n that boots fast can answer /rest/settings 2xx before its JSON is ready: wait for JSON.
		await waitForHttp(`${n8nUrl}/rest/settings`, {
			timeoutMs: 60_000,
			abortIf: () => (server.hasExited ? 'n8n exited' : undefined),
			accept: (status, body) => status >= 200 && status < 300 && isJson(body),
		});
		log(`n8n is up (${Math.round((Date.now() - started) / 1000)} s)`);

		// 5. owner
		const owner = await ensureOwner(client, options.owner);
		log(`owner: ${owner.email}`);

		// 6. check that n8n loaded the package
		const nodeTypes = await client.nodeTypes();
		const loadedNodeTypes = [...new Set(nodeTypes.map((type) => type.name))].filter((name) =>
			name.startsWith(`${installed.name}.`),
		);
		if (loadedNodeTypes.length === 0) {
			throw new Error(
				`n8n did not load any node of ${installed.name} from ${installed.directory}; see the n8n log`,
			);
		}
		log(`loaded node types: ${loadedNodeTypes.join(', ')}`);
		const credentials = await client.credentials();
		if (!credentials.some((credential) => credential.id === SANDBOX_CREDENTIAL_ID)) {
			throw new Error(`the imported credential ${SANDBOX_CREDENTIAL_ID} is not visible to the owner`);
		}

		// 7. demo workflows
		const workflows = await importWorkflows(client, options.workflowsDir ?? DEMO_WORKFLOWS_DIR, installed.name, log);

		return {
			n8nUrl,
			n8n,
			sandbox,
			client,
			owner: { ...options.owner, id: owner.id },
			package: installed,
			loadedNodeTypes,
			credentialId: SANDBOX_CREDENTIAL_ID,
			workflows,
			stop,
		};
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

async function ensureOwner(client: N8nClient, owner: OwnerAccount): Promise<N8nUser> {
	const settings = await client.settings();
	if (settings.userManagement?.showSetupOnFirstLoad !== false) {
		return await client.setupOwner(owner);
	}
	// --keep: the owner exists already
	return await client.login(owner.email, owner.password);
}

interface WorkflowFile {
	name?: string;
	active?: boolean;
	nodes?: Array<{ type?: string; credentials?: Record<string, { id?: string; name?: string }> }>;
	connections?: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Imports every `*.json` workflow of `dir` through the REST API (skipping names that exist, for
 * --keep), points every Wise Agent credential reference at the sandbox credential, and activates
 * the workflows that say `"active": true` or contain a trigger node of this package.
 */
export async function importWorkflows(
	client: N8nClient,
	dir: string,
	packageName: string,
	log: (message: string) => void = () => undefined,
): Promise<ImportedWorkflow[]> {
	const files = existsSync(dir)
		? readdirSync(dir)
				.filter((file) => file.endsWith('.json'))
				.sort()
		: [];
	if (files.length === 0) {
		log(`no demo workflows in ${path.relative(ROOT_DIR, dir) || dir}`);
		return [];
	}
	const existing = new Map((await client.workflows()).map((workflow) => [workflow.name, workflow]));
	const imported: ImportedWorkflow[] = [];
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as WorkflowFile;
		if (typeof workflow.name !== 'string' || !Array.isArray(workflow.nodes)) {
			throw new Error(`${file}: not an n8n workflow export (needs "name" and "nodes")`);
		}
		for (const node of workflow.nodes) {
			if (node.credentials?.[WISE_AGENT_CREDENTIAL_TYPE]) {
				node.credentials[WISE_AGENT_CREDENTIAL_TYPE] = { id: SANDBOX_CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME };
			}
		}
		let saved: N8nWorkflow | undefined = existing.get(workflow.name);
		if (saved) {
			log(`workflow "${workflow.name}" exists already (kept)`);
		} else {
			saved = await client.createWorkflow(workflow);
			log(`imported workflow "${saved.name}" (${file})`);
		}
		const entry: ImportedWorkflow = { file, id: saved.id, name: saved.name, active: saved.active };
		const hasPackageTrigger = workflow.nodes.some(
			(node) => typeof node.type === 'string' && node.type.startsWith(`${packageName}.`) && /Trigger$/.test(node.type),
		);
		if ((workflow.active === true || hasPackageTrigger) && !saved.active) {
			try {
				const full = saved.versionId ? saved : await client.workflow(saved.id);
				await client.activateWorkflow(saved.id, full.versionId ?? '');
				const status = await waitForPublication(client, saved.id);
				entry.active = status.status === 'published' || status.status === 'partial';
				const failures = status.triggers.filter((trigger) => trigger.status === 'failed');
				if (failures.length > 0) {
					entry.activationError = failures.map((trigger) => trigger.errorMessage ?? 'failed').join('; ');
				}
				log(`activated workflow "${saved.name}" (${status.status})${entry.activationError ? `: ${entry.activationError}` : ''}`);
			} catch (error) {
				entry.activationError = (error as Error).message;
				log(`could not activate "${saved.name}": ${entry.activationError}`);
			}
		}
		imported.push(entry);
	}
	return imported;
}

/** Waits until n8n has (or has failed to) put an activated workflow's triggers live. */
export async function waitForPublication(client: N8nClient, workflowId: string, timeoutMs = 60_000): Promise<PublicationStatus> {
	const started = Date.now();
	for (;;) {
		const status = await client.publicationStatus(workflowId);
		if (status.status !== 'in_progress' && status.status !== 'not_published') return status;
		// not_published right after activating: the outbox has not picked it up yet (or never will)
		if (status.status === 'not_published' && Date.now() - started > 15_000) return status;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`workflow ${workflowId} still "${status.status}" after ${Math.round(timeoutMs / 1000)} s`);
		}
		await sleep(500);
	}
}

async function assertPortFree(port: number, what: string): Promise<void> {
	const free = await new Promise<boolean>((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	if (!free) {
		throw new Error(`port ${port} is already in use; it is needed for ${what}. Stop what runs there or pick another port.`);
	}
	await sleep(0);
}
