import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSeedData, startSandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { Store } from '../../sandbox/store';
import { api } from './helpers';

describe('seeding', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const a = new Store(generateSeedData(42, 200)).toJSON();
		const b = new Store(generateSeedData(42, 200)).toJSON();
		const c = new Store(generateSeedData(43, 200)).toJSON();
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(a.contacts)).not.toBe(JSON.stringify(c.contacts));
	});

	it('fills every area the API exposes', () => {
		const data = generateSeedData(1, 100);
		expect(data.contacts.size).toBe(100);
		for (const key of [
			'notes',
			'tasks',
			'calls',
			'properties',
			'vendors',
			'programs',
			'transactions',
			'content',
			'calendar',
			'categories',
			'searchCriteria',
			'clientAddresses',
		] as const) {
			expect(data[key].size).toBeGreaterThan(0);
		}
		expect(data.team.length).toBeGreaterThan(0);
		expect(data.outsideTeam.length).toBeGreaterThan(0);
		expect(data.sources.length).toBeGreaterThan(0);
		expect([...data.notes.values()].some((n) => n.locked)).toBe(true);
	});
});

describe('persistence', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'wa-sandbox-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('round-trips data and tokens through --state-file across restarts', async () => {
		const file = join(dir, 'state.json');
		const first = await startSandbox({ stateFile: file, contacts: 20, seed: 5 });
		const issued = first.issueToken();
		const created = await api(first, issued.accessToken, 'POST', 'webcontact', {
			CFirst: 'Persist',
			CLast: 'Me',
			Source: 'API',
			CEmail: 'persist@example.org',
		});
		const id = created.json.data.ClientID;
		await api(first, issued.accessToken, 'POST', 'webhooks', {
			EventType: 'contactCreate',
			Url: 'http://127.0.0.1:9/h',
		});
		await first.stop();
		expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);

		// Different seed options: the state file wins.
		const second = await startSandbox({ stateFile: file, contacts: 3, seed: 99 });
		try {
			expect(second.store.data.contacts.size).toBe(21);
			const res = await api(second, issued.accessToken, 'GET', 'getSingleContact', {
				clientID: id,
			});
			expect(res.status).toBe(200);
			expect(res.json[0].CFirst).toBe('Persist');
			expect((await api(second, issued.accessToken, 'GET', 'webhooks')).json.Data).toHaveLength(1);
			// Sequences survive: the next contact gets a new id.
			const next = await api(second, issued.accessToken, 'POST', 'webcontact', {
				CFirst: 'After',
				CLast: 'Restart',
				Source: 'API',
			});
			expect(next.json.data.ClientID).toBeGreaterThan(id);
			// The email index is rebuilt on load.
			const dup = await api(second, issued.accessToken, 'POST', 'webcontact', {
				CFirst: 'Persist',
				CLast: 'Me',
				Source: 'API',
				CEmail: 'persist@example.org',
			});
			expect(dup.json.data).toMatchObject({ ClientID: id, NewContact: false });
		} finally {
			await second.stop();
		}
	});
});

describe('CLI', () => {
	it('parses the documented flags', () => {
		expect(
			parseArgs([
				'--port',
				'8080',
				'--contacts',
				'10',
				'--seed=3',
				'--latency-ms',
				'5',
				'--auto-approve',
				'--state-file',
				'/tmp/x.json',
				'--token-lifetime',
				'60',
			]),
		).toEqual({
			port: 8080,
			contacts: 10,
			seed: 3,
			latencyMs: 5,
			autoApprove: true,
			stateFile: '/tmp/x.json',
			tokenLifetimeSeconds: 60,
		});
		expect(() => parseArgs(['--bogus'])).toThrow(/Unknown option/);
		expect(() => parseArgs(['--port', 'abc'])).toThrow();
	});

	it('prints the ready line, serves on 127.0.0.1 and exits cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', 'sandbox/cli.ts', '--port', '0', '--contacts', '5'],
			{
				cwd: join(__dirname, '..', '..'),
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (chunk) => {
					out += chunk;
					const m = /Wise Agent sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
					if (m) resolve(m[0].trim());
				});
				child.once('exit', (code) => reject(new Error(`exited ${code}`)));
			});
			const baseUrl = line.split(' ').pop()!;
			const info: any = await (await fetch(`${baseUrl}/__sandbox/info`)).json();
			expect(info.baseUrl).toBe(baseUrl);
			const exited = new Promise<number | null>((resolve) =>
				child.once('exit', (code) => resolve(code)),
			);
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	}, 30000);
});
