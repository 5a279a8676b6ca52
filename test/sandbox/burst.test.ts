import http from 'node:http';
import type { Sandbox } from '../../sandbox';
import { type Receiver, api, startReceiver, withSandbox } from './helpers';

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				out[index] = await work(items[index]);
			}
		}),
	);
	return out;
}

describe('webhook bursts', () => {
	let sandbox: Sandbox;
	let token: string;
	let receiver: Receiver;

	beforeAll(async () => {
		({ sandbox, token } = await withSandbox({ contacts: 1 }));
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	afterEach(async () => {
		await receiver?.close();
		sandbox.store.data.webhooks.clear();
		sandbox.webhooks.clear();
		sandbox.webhooks.timeoutMs = 10_000;
	});

	const createContacts = (n: number, tag: string) =>
		pool(
			Array.from({ length: n }, (_, i) => i),
			50,
			async (i) => {
				const res = await api(sandbox, token, 'POST', 'webcontact', {
					CFirst: `Burst${i}`,
					CLast: tag,
					CEmail: `burst.${tag}.${i}@example.org`,
					Source: 'API',
				});
				return Number(res.json.data.ClientID);
			},
		);

	it('1,000 API creates in a burst send 1,000 deliveries, one per create', async () => {
		receiver = await startReceiver();
		await api(sandbox, token, 'POST', 'webhooks', {
			EventType: 'contactCreate',
			Status: 'Active',
			Url: receiver.url,
		});
		// (How fast the sandbox takes a burst is the benchmark's business, not this test's.)
		const ids = await createContacts(1000, 'big');
		expect(new Set(ids).size).toBe(1000);
		const done = await sandbox.waitForDeliveries(1000, 30_000);
		await new Promise((r) => setTimeout(r, 200));
		const log = sandbox.deliveries();
		expect(log).toHaveLength(1000);
		expect(done).toHaveLength(1000);
		expect(log.filter((d) => d.statusCode !== 200 || d.error !== null)).toEqual([]);
		const delivered = log.flatMap((d) => d.body.ResourceIds.map(Number)).sort((a, b) => a - b);
		expect(delivered).toEqual([...ids].sort((a, b) => a - b));
		expect(receiver.requests).toHaveLength(1000);
		expect(new Set(receiver.requests.map((r) => r.body.ResourceIds[0])).size).toBe(1000);
	}, 60_000);

	it('records status or error per delivery when a burst overruns the timeout', async () => {
		// Every other call answers after the timeout; the others at once with 200 or 503.
		let calls = 0;
		receiver = await startReceiver((_req: http.IncomingMessage, res: http.ServerResponse) => {
			const n = calls++;
			if (n % 2 === 0) setTimeout(() => res.writeHead(200).end('late'), 600);
			else res.writeHead(n % 4 === 1 ? 200 : 503).end();
		});
		sandbox.webhooks.timeoutMs = 200;
		await api(sandbox, token, 'POST', 'webhooks', {
			EventType: 'contactCreate',
			Status: 'Active',
			Url: receiver.url,
		});
		await createContacts(40, 'slow');
		const done = await sandbox.waitForDeliveries(40, 10_000);
		expect(done).toHaveLength(40);
		const timedOut = done.filter((d) => d.error !== null);
		expect(timedOut).toHaveLength(20);
		for (const d of timedOut) {
			expect(d.error).toBe('timeout after 200 ms');
			expect(d.statusCode).toBeNull();
			expect(d.finishedAt).not.toBeNull();
		}
		const answered = done.filter((d) => d.error === null);
		expect(answered.map((d) => d.statusCode).sort()).toEqual([
			...Array(10).fill(200),
			...Array(10).fill(503),
		]);
	}, 30_000);
});
