/**
 * Child-process helpers for the start / e2e scripts: one-shot commands that must succeed,
 * and long-running services (n8n, sandbox CLI) started in their own process group so that
 * stopping one also stops everything it spawned (n8n's task runner, npm's children...).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'fs';
import * as path from 'path';
import { createInterface } from 'readline';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** 'inherit' streams to this terminal (default); 'pipe' captures output (returned, and printed on failure) */
	stdio?: 'inherit' | 'pipe';
}

export interface RunResult {
	code: number;
	/** stdout + stderr as they came (empty with stdio 'inherit') */
	output: string;
	stdout: string;
}

/** Runs a command to completion; rejects (with the captured output, if any) when it exits non-zero. */
export async function run(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const mode = options.stdio ?? 'inherit';
	return await new Promise<RunResult>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: mode === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		let stdout = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			stdout += chunk.toString();
		});
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const exitCode = code ?? 1;
			if (exitCode === 0) return resolve({ code: 0, output, stdout });
			const cmd = [command, ...args].join(' ');
			const tail = output.trim().split('\n').slice(-30).join('\n');
			reject(
				new Error(
					`command failed (${signal ? `signal ${signal}` : `exit ${exitCode}`}): ${cmd}${tail ? `\n${tail}` : ''}`,
				),
			);
		});
	});
}

/** Per output line: the text to echo (the line itself, a replacement) or undefined to hide it. */
export type EchoFilter = (line: string) => string | undefined;

export interface ServiceOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** every output line is appended here (folder created if needed) */
	logFile?: string;
	/**
	 * echo output lines to this terminal, prefixed with `[name] ` (default true); a function decides
	 * per line: the text to print instead, or undefined to hide it (the log file keeps every line)
	 */
	echo?: boolean | EchoFilter;
	/** called for every output line (stdout and stderr), e.g. to wait for a "ready" line */
	onLine?: (line: string) => void;
}

export interface Service {
	name: string;
	child: ChildProcess;
	/** resolves with the exit code (or the signal name) once the process has exited */
	exited: Promise<number | string>;
	/** true once the process has exited */
	readonly hasExited: boolean;
	/** the last output lines (for error messages) */
	recentOutput(lines?: number): string;
	/** SIGTERM to the whole process group, then SIGKILL after `graceMs` */
	stop(graceMs?: number): Promise<void>;
}

const allServices = new Set<Service>();

/** Starts a long-running process in its own process group (so `stop()` reaches its children too). */
export function startService(
	name: string,
	command: string,
	args: string[],
	options: ServiceOptions = {},
): Service {
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	};
	const child = spawn(command, args, spawnOptions);
	if (child.pid !== undefined) guardGroup(child.pid);
	let log: WriteStream | undefined;
	if (options.logFile) {
		mkdirSync(path.dirname(options.logFile), { recursive: true });
		log = createWriteStream(options.logFile, { flags: 'a' });
	}
	const recent: string[] = [];
	const echo = options.echo ?? true;
	const onLine = (line: string) => {
		recent.push(line);
		if (recent.length > 200) recent.shift();
		log?.write(`${line}\n`);
		const shown = typeof echo === 'function' ? echo(line) : echo ? line : undefined;
		if (shown !== undefined) process.stdout.write(`[${name}] ${shown}\n`);
		options.onLine?.(line);
	};
	for (const stream of [child.stdout, child.stderr]) {
		if (stream) createInterface({ input: stream }).on('line', onLine);
	}

	let exited = false;
	const exitedPromise = new Promise<number | string>((resolve) => {
		child.on('error', (error) => {
			onLine(`failed to start: ${error.message}`);
			exited = true;
			resolve(`error: ${error.message}`);
		});
		child.on('exit', (code, signal) => {
			exited = true;
			allServices.delete(service);
			// the group may outlive its leader (a crashed n8n's task runner): keep guarding it then
			if (child.pid !== undefined && !groupAlive(child.pid)) unguardGroup(child.pid);
			// Let the last lines flush before closing the log.
			setImmediate(() => log?.end());
			resolve(code ?? signal ?? 'unknown');
		});
	});

	const service: Service = {
		name,
		child,
		exited: exitedPromise,
		get hasExited() {
			return exited;
		},
		recentOutput: (lines = 30) => recent.slice(-lines).join('\n'),
		stop: async (graceMs = 15_000) => {
			if (exited || child.pid === undefined) return;
			signalGroup(child.pid, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), graceMs);
			await exitedPromise;
			clearTimeout(timer);
			// The leader is gone; make sure nothing it spawned outlives it.
			signalGroup(child.pid, 'SIGKILL');
			unguardGroup(child.pid);
		},
	};
	allServices.add(service);
	return service;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// group already gone
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

// ---------------------------------------------------------------------------------------------
// The guardian: services run in process groups of their own (so a terminal Ctrl-C reaches this
// process first and the shutdown keeps its order), which also means they would outlive this
// process if it died without stopping them (SIGKILL, a crash). A small detached process holds the
// read end of a pipe from this one and the list of live groups; when the pipe closes (this process
// is gone, however it ended) it stops the groups still listed: SIGTERM, SIGKILL after 5 s.

const GUARDIAN_SOURCE = `
const groups = new Set();
let buffer = '';
const alive = (g) => { try { process.kill(-g, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const signal = (name) => { for (const g of groups) { try { process.kill(-g, name); } catch {} } };
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	let end;
	while ((end = buffer.indexOf('\\n')) >= 0) {
		const [op, id] = buffer.slice(0, end).split(' ');
		buffer = buffer.slice(end + 1);
		if (op === '+') groups.add(Number(id));
		else if (op === '-') groups.delete(Number(id));
	}
});
const finish = () => {
	for (const g of [...groups]) if (!alive(g)) groups.delete(g);
	if (groups.size === 0) process.exit(0);
	signal('SIGTERM');
	const started = Date.now();
	setInterval(() => {
		for (const g of [...groups]) if (!alive(g)) groups.delete(g);
		if (groups.size === 0) process.exit(0);
		if (Date.now() - started > 5000) { signal('SIGKILL'); process.exit(0); }
	}, 100);
};
process.stdin.on('end', finish);
process.stdin.on('error', finish);
`;

let guardian: ChildProcess | undefined;

function ensureGuardian(): ChildProcess | undefined {
	if (guardian && guardian.exitCode === null && !guardian.killed) return guardian;
	try {
		guardian = spawn(process.execPath, ['-e', GUARDIAN_SOURCE], {
			stdio: ['pipe', 'ignore', 'ignore'],
			detached: true,
		});
		guardian.on('error', () => (guardian = undefined));
		guardian.stdin?.on('error', () => undefined);
		// neither the process nor its pipe keeps this process alive
		guardian.unref();
		(guardian.stdin as unknown as { unref?: () => void } | null)?.unref?.();
	} catch {
		guardian = undefined;
	}
	return guardian;
}

function guardGroup(pid: number): void {
	ensureGuardian()?.stdin?.write(`+ ${pid}\n`);
}

function unguardGroup(pid: number): void {
	if (guardian?.stdin?.writable) guardian.stdin.write(`- ${pid}\n`);
}

/** The guardian's pid (for tests). */
export function guardianPid(): number | undefined {
	return guardian?.pid;
}

/** Stops every service still running, newest first. */
export async function stopAllServices(graceMs?: number): Promise<void> {
	for (const service of [...allServices].reverse()) {
		await service.stop(graceMs);
	}
}

/** A second signal this soon after the first is the same stop request arriving twice (below). */
const SAME_REQUEST_MS = 2_000;

/**
 * Runs `cleanup` once on SIGINT / SIGTERM / SIGHUP or when the parent process goes away, then
 * exits with 130 / 143. A second signal more than 2 s later kills the services at once; one within
 * 2 s is ignored: a terminal Ctrl-C reaches this process twice, from the terminal (the whole
 * foreground process group) and from npm, which forwards SIGINT and SIGTERM to its script.
 */
export function onShutdownSignal(cleanup: (signal: NodeJS.Signals) => Promise<void>): void {
	let stoppingSince: number | undefined;
	// A closed terminal or pipe must not crash this process (EPIPE) with the services still running.
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
	const handler = (signal: NodeJS.Signals) => {
		if (stoppingSince !== undefined) {
			if (Date.now() - stoppingSince < SAME_REQUEST_MS) return;
			process.stdout.write('\nForce-stopping...\n');
			for (const service of allServices) {
				if (service.child.pid !== undefined) signalGroup(service.child.pid, 'SIGKILL');
			}
			process.exit(1);
		}
		stoppingSince = Date.now();
		void cleanup(signal)
			.catch((error: Error) => process.stderr.write(`cleanup failed: ${error.message}\n`))
			.finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
	// The parent ending without passing a signal on (npm killed with SIGKILL; `sh -c`, npm's script
	// shell, killed by SIGTERM) leaves this process reparented. Treat losing the parent like SIGTERM.
	const parent = process.ppid;
	const watchdog = setInterval(() => {
		if (process.ppid !== parent && stoppingSince === undefined) {
			process.stdout.write('\nParent process ended.\n');
			handler('SIGTERM');
		}
	}, 500);
	watchdog.unref();
}
