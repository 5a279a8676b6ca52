/**
 * `npm start` stops cleanly when its npm gets SIGTERM or SIGINT (what process managers, IDE stop
 * buttons and `kill` send: to npm's pid only, not to a terminal's whole process group). Runs the
 * real `npm start -- --skip-build` on other ports and another user folder, waits for its banner,
 * signals npm's pid and requires that within 10 s no process of the tree is left (npm, its script
 * shell, start.ts, n8n, n8n's task runner, the guardian) and no port answers (n8n, its task broker,
 * the sandbox). Also checks that the known-harmless offline lines are not echoed as stack traces.
 */
import { spawn, type ChildProcess } from 'child_process';
import { readdirSync, readFileSync, rmSync } from 'fs';
import { connect } from 'net';
import * as path from 'path';

import { sleep } from '../../lib/http';
import { ROOT_DIR } from '../../lib/runtime';

export const START_STOP_CASE_NAME =
	"npm start stops cleanly on SIGTERM and on SIGINT sent to npm's pid (no process, no port left within 10 s)";

const READY_LINE = 'Press Ctrl-C';
const READY_TIMEOUT_MS = 240_000;
const STOP_LIMIT_MS = 10_000;

export interface StartStopOptions {
	n8nPort: number;
	sandboxPort: number;
	log: (message: string) => void;
	/** the package manager to run `start` with (default `npm`) */
	npm?: string;
}

interface ProcessInfo {
	pid: number;
	ppid: number;
	pgid: number;
	state: string;
	command: string;
}

function processTable(): Map<number, ProcessInfo> {
	const table = new Map<number, ProcessInfo>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
				.replace(/[\0\s]+/g, ' ')
				.trim();
			table.set(Number(entry), {
				pid: Number(entry),
				state: fields[0],
				ppid: Number(fields[1]),
				pgid: Number(fields[2]),
				command,
			});
		} catch {
			// exited meanwhile
		}
	}
	return table;
}

/** `root` and everything it started, including detached process groups (by parent links). */
function processTree(root: number): ProcessInfo[] {
	const table = processTable();
	const tree: ProcessInfo[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const pid = queue.shift() as number;
		const info = table.get(pid);
		if (!info) continue;
		tree.push(info);
		for (const child of table.values()) if (child.ppid === pid) queue.push(child.pid);
	}
	return tree;
}

/** Still running (a zombie no init reaps is gone for every purpose here). */
function running(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

function portAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (answer: boolean) => {
			socket.destroy();
			resolve(answer);
		};
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
		socket.setTimeout(1_000, () => done(false));
	});
}

function killEverything(tree: ProcessInfo[]): void {
	const own = processTable().get(process.pid)?.pgid;
	for (const info of tree) {
		if (info.pgid === own) continue;
		for (const target of [-info.pgid, info.pid]) {
			try {
				if (info.pgid > 1) process.kill(target, 'SIGKILL');
			} catch {
				// gone
			}
		}
	}
}

async function startAndSignal(
	options: StartStopOptions,
	signal: 'SIGTERM' | 'SIGINT',
): Promise<void> {
	const userFolder = path.join(ROOT_DIR, '.n8n-e2e-start');
	rmSync(userFolder, { recursive: true, force: true });
	const ports = [options.n8nPort, options.n8nPort + 1, options.sandboxPort];
	for (const port of ports) {
		if (await portAnswers(port)) throw new Error(`port ${port} is in use before npm start`);
	}
	// npm in a session of its own: no terminal, signals reach only the pid they are sent to
	const npm: ChildProcess = spawn(options.npm ?? 'npm', ['start', '--', '--skip-build'], {
		cwd: ROOT_DIR,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			N8N_PORT: String(options.n8nPort),
			WISEAGENT_SANDBOX_PORT: String(options.sandboxPort),
			N8N_USER_FOLDER: userFolder,
			WISEAGENT_SANDBOX_URL: '',
		},
	});
	let output = '';
	const append = (chunk: Buffer) => (output += chunk.toString());
	npm.stdout?.on('data', append);
	npm.stderr?.on('data', append);
	let npmExit: number | string | undefined;
	npm.on('exit', (code, exitSignal) => (npmExit = code ?? exitSignal ?? 'unknown'));
	const npmPid = npm.pid as number;
	let tree: ProcessInfo[] = [];
	try {
		const started = Date.now();
		while (!output.includes(READY_LINE)) {
			if (npmExit !== undefined)
				throw new Error(
					`npm start exited (${npmExit}) before it was ready:\n${output.slice(-3000)}`,
				);
			if (Date.now() - started > READY_TIMEOUT_MS)
				throw new Error(
					`npm start not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output.slice(-3000)}`,
				);
			await sleep(250);
		}
		options.log(
			`  npm start ready in ${Math.round((Date.now() - started) / 1000)} s; ${signal} to npm (pid ${npmPid})`,
		);
		// the n8n log line "Editor is now accessible" comes a moment before the banner: all up now
		tree = processTree(npmPid);
		const kinds = (pattern: RegExp) => tree.filter((info) => pattern.test(info.command)).length;
		if (
			kinds(/scripts\/start\.ts/) === 0 ||
			kinds(/n8n\/bin\/n8n start/) === 0 ||
			kinds(/task-runner/) === 0
		) {
			throw new Error(
				`unexpected process tree before the signal:\n${tree.map((info) => `${info.pid} ${info.command.slice(0, 120)}`).join('\n')}`,
			);
		}
		for (const port of ports) {
			if (!(await portAnswers(port)))
				throw new Error(`port ${port} does not answer while npm start runs`);
		}

		process.kill(npmPid, signal);
		const signalled = Date.now();
		let left: ProcessInfo[] = tree;
		let open: number[] = ports;
		while (Date.now() - signalled < STOP_LIMIT_MS) {
			left = tree.filter((info) => running(info.pid));
			open = [];
			for (const port of ports) if (await portAnswers(port)) open.push(port);
			if (left.length === 0 && open.length === 0) break;
			await sleep(200);
		}
		if (left.length > 0 || open.length > 0) {
			throw new Error(
				`${STOP_LIMIT_MS / 1000} s after ${signal} to npm: ${left.length} process(es) left${left.length ? `:\n${left.map((info) => `  ${info.pid} ${info.command.slice(0, 120)}`).join('\n')}` : ''}; ports still answering: ${open.join(', ') || 'none'}\noutput tail:\n${output.slice(-1500)}`,
			);
		}
		options.log(
			`  ${signal}: every process and port gone after ${((Date.now() - signalled) / 1000).toFixed(1)} s`,
		);
		if (!/shutting down/.test(output) || !/\] stopped/.test(output)) {
			throw new Error(`start.ts did not report its shutdown:\n${output.slice(-1500)}`);
		}
		// known-harmless offline lines: one explanation each, no stack trace echoed
		const stackFrames = output.split('\n').filter((line) => /^\[n8n\]\s+at /.test(line));
		if (stackFrames.length > 0) {
			throw new Error(
				`npm start echoed ${stackFrames.length} stack-trace lines, e.g. ${stackFrames[0]}`,
			);
		}
		if (/Failed to start Python task runner/.test(output)) {
			throw new Error(
				'npm start echoed the Python task runner failure instead of its one-line explanation',
			);
		}
	} finally {
		killEverything(processTree(npmPid).concat(tree.filter((info) => running(info.pid))));
		rmSync(userFolder, { recursive: true, force: true });
	}
}

export async function runStartStopCase(options: StartStopOptions): Promise<void> {
	await startAndSignal(options, 'SIGTERM');
	await startAndSignal(options, 'SIGINT');
}
