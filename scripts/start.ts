/**
 * `npm start`: a real n8n (Node 24, project-local) with this package loaded as a community
 * package, the Wise Agent sandbox, a connected credential and the demo workflows.
 *
 *   npm start                 fresh state every time (.n8n-data/ and the sandbox state are wiped)
 *   npm start -- --keep       keep the previous n8n data / sandbox state
 *   npm start -- --skip-build use the existing dist/ (no npm run build)
 *
 * Env: N8N_PORT (5678), WISEAGENT_SANDBOX_PORT (4010), WISEAGENT_SANDBOX_URL (use a running sandbox),
 *      N8N_USER_FOLDER (.n8n-data), WISEAGENT_SANDBOX_CONTACTS, WISEAGENT_SANDBOX_SEED,
 *      N8N_OWNER_EMAIL, N8N_OWNER_PASSWORD, N8N_LOG_LEVEL and any other n8n variable. See scripts/README.md.
 *
 * Stops cleanly on Ctrl-C, and on SIGINT / SIGTERM / SIGHUP sent to npm's pid or to this process:
 * n8n and its task runner run in a process group of their own, stopped by this process (and by the
 * guardian of lib/proc.ts if this process is killed outright).
 * Runs on the system Node (>= 20); n8n itself runs on the Node 24 of .n8n-runtime/.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

import { quietOfflineNoise } from './lib/n8n-output';
import { onShutdownSignal, run, stopAllServices } from './lib/proc';
import { ensureRuntime, ROOT_DIR } from './lib/runtime';
import { DEMO_WORKFLOWS_DIR, startStack, type ImportedWorkflow, type Stack } from './lib/stack';

const HELP = `Usage: npm start [-- --keep] [-- --skip-build]
  --keep        keep .n8n-data/ and the sandbox state of the previous run
  --skip-build  do not run "npm run build" (use the current dist/)
Env: N8N_PORT, WISEAGENT_SANDBOX_PORT, WISEAGENT_SANDBOX_URL, N8N_USER_FOLDER, WISEAGENT_SANDBOX_CONTACTS,
     WISEAGENT_SANDBOX_SEED, N8N_OWNER_EMAIL, N8N_OWNER_PASSWORD (see scripts/README.md)`;

const started = Date.now();
function say(message: string): void {
	const seconds = Math.round((Date.now() - started) / 1000);
	process.stdout.write(`[start +${String(seconds).padStart(3)}s] ${message}\n`);
}

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0)
		throw new Error(`${name} must be a positive integer (got "${raw}")`);
	return value;
}

function parseSeed(raw: string): number {
	const value = Number(raw);
	if (!Number.isInteger(value))
		throw new Error(`WISEAGENT_SANDBOX_SEED must be an integer (got "${raw}")`);
	return value;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(`${HELP}\n`);
		return;
	}
	const unknown = args.filter((arg) => !['--keep', '--skip-build'].includes(arg));
	if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}\n${HELP}`);
	const keep = args.includes('--keep');

	let stack: Stack | undefined;
	let shuttingDown = false;
	onShutdownSignal(async (signal) => {
		shuttingDown = true;
		process.stdout.write('\n');
		say(`${signal}: shutting down`);
		if (stack) await stack.stop();
		// Still starting: stop whatever service is already running (n8n runs in its own process group
		// and would not get this Ctrl-C); an in-process sandbox ends with this process.
		else await stopAllServices();
		say('stopped');
	});

	// 1. Node 24 + n8n (cached after the first time)
	const runtime = await ensureRuntime(say);

	// 2. the package
	if (args.includes('--skip-build')) {
		say('skipping npm run build (--skip-build)');
	} else {
		say('building the package (npm run build)');
		await run('npm', ['run', '--silent', 'build'], { cwd: ROOT_DIR });
	}

	// 3.-5. sandbox, n8n, owner, credential, workflows
	const n8nPort = intFromEnv('N8N_PORT', 5678);
	// another folder (e.g. a test's): its sandbox state goes inside it, wiped and kept with it
	const userFolder = process.env.N8N_USER_FOLDER
		? path.resolve(process.env.N8N_USER_FOLDER)
		: path.join(ROOT_DIR, '.n8n-data');
	const sandboxStateFile = process.env.N8N_USER_FOLDER
		? path.join(userFolder, 'sandbox-state.json')
		: path.join(ROOT_DIR, '.sandbox-state.json');
	const dataLabel = path.relative(ROOT_DIR, userFolder) || userFolder;
	const contacts = process.env.WISEAGENT_SANDBOX_CONTACTS;
	const seed = process.env.WISEAGENT_SANDBOX_SEED;
	const owner = {
		email: process.env.N8N_OWNER_EMAIL ?? 'owner@wiseagent.test',
		password: process.env.N8N_OWNER_PASSWORD ?? 'WiseAgent-Demo-2024',
		firstName: 'Demo',
		lastName: 'Owner',
	};
	stack = await startStack({
		n8nPort,
		userFolder,
		sandboxPort: intFromEnv('WISEAGENT_SANDBOX_PORT', 4010),
		sandboxUrl: process.env.WISEAGENT_SANDBOX_URL || undefined,
		sandboxContacts: contacts ? intFromEnv('WISEAGENT_SANDBOX_CONTACTS', 0) : undefined,
		sandboxSeed: seed === undefined || seed === '' ? undefined : parseSeed(seed),
		sandboxStateFile,
		owner,
		keep,
		n8nLogFile: path.join(userFolder, 'n8n.log'),
		runtime,
		echoN8n: quietOfflineNoise(`${dataLabel}/n8n.log`),
		log: say,
	});
	if (shuttingDown) return;

	// 6. what to do now
	process.stdout.write(`${banner(stack, dataLabel).join('\n')}\n`);

	// 7. run until Ctrl-C (handled above) or until n8n dies
	const exit = await stack.n8n.exited;
	if (shuttingDown) return;
	say(`n8n exited unexpectedly (${exit}); stopping the sandbox`);
	await stack.stop();
	process.exit(1);
}

/** The banner: where everything is, and how to run each demo workflow exactly as written. */
function banner(stack: Stack, dataLabel: string): string[] {
	const lines = [
		'',
		'='.repeat(72),
		` n8n is running:       ${stack.n8nUrl}`,
		` log in with:          ${stack.owner.email}  /  ${stack.owner.password}`,
		` Wise Agent sandbox:   ${stack.sandbox.baseUrl}  (its data: ${stack.sandbox.baseUrl}/__sandbox/state)`,
		` package loaded:       ${stack.package.name}@${stack.package.version} (${stack.loadedNodeTypes.join(', ')})`,
		` credential:           "Wise Agent (sandbox)" (id ${stack.credentialId}), already connected`,
		stack.workflows.length > 0
			? ` demo workflows:       ${stack.workflows.map((w) => `${w.name}${w.active ? ' (active)' : ''}`).join(', ')}`
			: ' demo workflows:       none yet (scripts/demo-workflows/ is empty)',
		'',
		' What to click:',
		`   1. open ${stack.n8nUrl} and log in with the email and password above`,
		stack.workflows.length > 0
			? '   2. Overview -> open a demo workflow: its sticky notes say how to run it (below: the same)'
			: '   2. Create workflow -> "+" -> search "Wise Agent" -> pick an action',
		'   3. in a Wise Agent node, Credential: "Wise Agent (sandbox)" is preselected and connected',
		...stack.workflows.flatMap((workflow) => demoHints(workflow, stack)),
		'',
		` n8n data: ${dataLabel}/ (log: ${dataLabel}/n8n.log), wiped on the next start unless --keep`,
		' Press Ctrl-C (or send SIGINT/SIGTERM to npm) to stop n8n and the sandbox.',
		'='.repeat(72),
		'',
	];
	return lines.filter((line, index, all) => line !== '' || all[index - 1] !== '');
}

const LEAD_BODY =
	'{"firstName":"Ann","lastName":"Lee","email":"ann.lee@example.com","phone":"480-555-0100","message":"Looking for a 3-bed in Mesa"}';
const CONTACT_CREATE_BODY =
	'{"event":"contactCreate","fields":{"CFirst":"Bo","CLast":"Diaz","CEmail":"bo@example.com"}}';

function curl(url: string, body: string): string[] {
	return [
		`     curl -s -X POST ${url} -H 'content-type: application/json' \\`,
		`       -d '${body}'`,
	];
}

/**
 * How to run a demo workflow: from the editor (a Manual Trigger: just click), or from a terminal
 * (a webhook: the production URL answers while the workflow is active, and its runs are listed in
 * the Executions tab; the editor's "Execute workflow" waits on the test URL instead and shows the
 * run on the canvas; a Wise Agent Trigger: make a change in the sandbox).
 */
function demoHints(workflow: ImportedWorkflow, stack: Stack): string[] {
	let nodes: Array<{ type?: string; parameters?: Record<string, unknown> }> = [];
	try {
		nodes = (
			JSON.parse(readFileSync(path.join(DEMO_WORKFLOWS_DIR, workflow.file), 'utf8')) as {
				nodes: typeof nodes;
			}
		).nodes;
	} catch {
		return [];
	}
	const state = workflow.active
		? ' (active)'
		: workflow.activationError
			? ` (NOT active: ${workflow.activationError})`
			: '';
	const lines = ['', ` "${workflow.name}"${state}:`];
	for (const node of nodes) {
		const parameters = node.parameters ?? {};
		if (node.type === 'n8n-nodes-base.manualTrigger') {
			lines.push(
				'   open it and click "Execute workflow": no terminal needed. It creates (run it again: updates)',
				`   a contact, adds a note and a task; click a node to see its data; ${stack.sandbox.baseUrl}/__sandbox/state`,
				'   shows what the sandbox holds.',
			);
		} else if (node.type === 'n8n-nodes-base.webhook') {
			const route = String(parameters.path);
			if (workflow.active) {
				lines.push(
					"   from a terminal (the production URL; the run is listed in the workflow's Executions tab,",
					'   it does not appear on the canvas):',
					...curl(`${stack.n8nUrl}/webhook/${route}`, LEAD_BODY),
				);
			}
			lines.push(
				'   to watch it run on the canvas: open the workflow, click "Execute workflow" (the editor waits',
				'   2 minutes for one call on the test URL), then:',
				...curl(`${stack.n8nUrl}/webhook-test/${route}`, LEAD_BODY),
				`   -> creates (same email again: updates) the contact, adds a note and a task; see them in`,
				`      ${stack.sandbox.baseUrl}/__sandbox/state`,
			);
		} else if (node.type === `${stack.package.name}.wiseAgentTrigger`) {
			const events = Array.isArray(parameters.events) ? parameters.events.join(', ') : '';
			lines.push(
				`   listens for ${events}; make the change "in the Wise Agent app" (the sandbox calls n8n's webhook):`,
				...curl(`${stack.sandbox.baseUrl}/__sandbox/simulate`, CONTACT_CREATE_BODY),
				'   -> one run in the workflow\'s Executions tab ("Summary" shows the new contact); to watch it on',
				'      the canvas, click "Execute workflow" first (it waits 2 minutes), then send the same curl',
			);
		}
	}
	return lines.length > 2 ? lines : [];
}

main().catch((error: Error) => {
	process.stderr.write(`\nnpm start failed: ${error.message}\n`);
	process.exit(1);
});
