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
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
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

export interface ServiceOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** every output line is appended here (folder created if needed) */
	logFile?: string;
	/** echo output lines to this terminal, prefixed with `[name] ` (default true) */
	echo?: boolean;
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
export function startService(name: string, command: string, args: string[], options: ServiceOptions = {}): Service {
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	};
	const child = spawn(command, args, spawnOptions);
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
		if (echo) process.stdout.write(`[${name}] ${line}\n`);
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

/** Stops every service still running, newest first. */
export async function stopAllServices(graceMs?: number): Promise<void> {
	for (const service of [...allServices].reverse()) {
		await service.stop(graceMs);
	}
}

/**
 * Runs `cleanup` once on SIGINT / SIGTERM / SIGHUP or when the parent process goes away (a second
 * Ctrl-C kills services at once), then exits with 130 / 143.
 */
export function onShutdownSignal(cleanup: (signal: NodeJS.Signals) => Promise<void>): void {
	let stopping = false;
	const handler = (signal: NodeJS.Signals) => {
		if (stopping) {
			process.stdout.write('\nForce-stopping...\n');
			for (const service of allServices) {
				if (service.child.pid !== undefined) signalGroup(service.child.pid, 'SIGKILL');
			}
			process.exit(1);
		}
		stopping = true;
		void cleanup(signal)
			.catch((error: Error) => process.stderr.write(`cleanup failed: ${error.message}\n`))
			.finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
	// `kill <pid of npm>` (e.g. a CI timeout) ends npm without passing the signal on: we would be
	// reparented and keep n8n running. Treat losing the parent like SIGTERM.
	const parent = process.ppid;
	const watchdog = setInterval(() => {
		if (process.ppid !== parent && !stopping) {
			process.stdout.write('\nParent process ended.\n');
			handler('SIGTERM');
		}
	}, 1_000);
	watchdog.unref();
}
