import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * scripts/lib/proc.ts in a child process of its own (the way start.ts and the e2e suite use it):
 * what is left when that process is killed outright, and how it takes a Ctrl-C that arrives twice.
 */
const ROOT = path.join(__dirname, '..', '..');

function runScript(source: string): {
	child: ChildProcess;
	lines: string[];
	next: () => Promise<string>;
} {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', source], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const lines: string[] = [];
	const waiting: Array<(line: string) => void> = [];
	let buffer = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		buffer += chunk.toString();
		let end;
		while ((end = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, end);
			buffer = buffer.slice(end + 1);
			lines.push(line);
			waiting.shift()?.(line);
		}
	});
	let read = 0;
	const next = () =>
		read < lines.length
			? Promise.resolve(lines[read++])
			: new Promise<string>((resolve) => waiting.push((line) => (read++, resolve(line))));
	return { child, lines, next };
}

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (condition()) return true;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return condition();
}

const exited = (child: ChildProcess) =>
	new Promise<number | string>((resolve) =>
		child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
	);

describe('scripts/lib/proc.ts', () => {
	it('stops the service process groups when their owner is killed with SIGKILL (the guardian)', async () => {
		const { child, next } = runScript(`
			const { startService } = require('./scripts/lib/proc');
			const service = startService('sleeper', 'sleep', ['300'], { echo: false });
			console.log(service.child.pid);
			setInterval(() => undefined, 1000);
		`);
		const pgid = Number(await next());
		try {
			expect(pgid).toBeGreaterThan(0);
			expect(groupAlive(pgid)).toBe(true);
			const gone = exited(child);
			child.kill('SIGKILL');
			await gone;
			// SIGTERM at once, SIGKILL after 5 s: sleep ends on the first
			expect(await waitFor(() => !groupAlive(pgid), 7_000)).toBe(true);
		} finally {
			if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
		}
	}, 20_000);

	it('takes a Ctrl-C that arrives twice at once (the terminal and npm) as one stop request', async () => {
		const { child, lines, next } = runScript(`
			const { onShutdownSignal, startService } = require('./scripts/lib/proc');
			const service = startService('sleeper', 'sleep', ['300'], { echo: false });
			onShutdownSignal(async () => {
				console.log('stopping');
				await new Promise((resolve) => setTimeout(resolve, 500));
				await service.stop(5000);
				console.log('stopped cleanly');
			});
			console.log(service.child.pid);
			setInterval(() => undefined, 1000);
		`);
		const pgid = Number(await next());
		try {
			const code = exited(child);
			child.kill('SIGINT');
			expect(await next()).toBe('stopping');
			// the second one while the first is being handled (signals sent at once are merged)
			child.kill('SIGINT');
			expect(await code).toBe(130);
			expect(lines).toContain('stopped cleanly');
			expect(lines).not.toContain('Force-stopping...');
			expect(groupAlive(pgid)).toBe(false);
		} finally {
			if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
		}
	}, 20_000);
});
