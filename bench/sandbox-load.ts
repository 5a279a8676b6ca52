/**
 * Sandbox load benchmark: request throughput over keep-alive connections, and seeding time for
 * 100,000 contacts. Run alone with `npx ts-node --transpile-only bench/sandbox-load.ts`, or through
 * `npm run bench`.
 */
import http from 'node:http';
import { generateSeedData, startSandbox } from '../sandbox';
import type { Benchmark, BenchResult } from './run';

const REQUESTS = 20_000;
const CONCURRENCY = 32;
const TIME_CAP_MS = 60_000;
const SEED_CONTACTS = 100_000;

function get(agent: http.Agent, port: number, path: string, token: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path,
				agent,
				headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end();
	});
}

async function measureThroughput(): Promise<BenchResult[]> {
	const sandbox = await startSandbox({ contacts: 2_000, seed: 1 });
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	try {
		const token = sandbox.issueToken().accessToken;
		const ids = [...sandbox.store.data.contacts.keys()];
		const deadline = Date.now() + TIME_CAP_MS;
		let issued = 0;
		let failures = 0;
		const started = process.hrtime.bigint();
		const worker = async () => {
			while (issued < REQUESTS && Date.now() < deadline) {
				const n = issued++;
				const path =
					n % 2 === 0
						? `/http/webconnect.asp?requestType=getContacts&page=${(n % 20) + 1}&page_size=25`
						: `/http/webconnect.asp?requestType=getSingleContact&clientID=${ids[n % ids.length]}`;
				const status = await get(agent, sandbox.port, path, token);
				if (status !== 200) failures++;
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const done = Math.min(issued, REQUESTS);
		return [
			{
				name: 'sandbox: getContacts/getSingleContact throughput',
				value: Math.round(done / seconds),
				unit: 'req/s',
				target: 2000,
				better: 'higher',
			},
			{
				name: 'sandbox: failed requests',
				value: failures,
				unit: 'count',
				target: 0,
				better: 'lower',
			},
		];
	} finally {
		agent.destroy();
		await sandbox.stop();
	}
}

function measureSeeding(): BenchResult {
	const started = process.hrtime.bigint();
	const data = generateSeedData(1, SEED_CONTACTS);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (data.contacts.size !== SEED_CONTACTS)
		throw new Error('seeding produced the wrong number of contacts');
	return {
		name: `sandbox: seed ${SEED_CONTACTS.toLocaleString('en-US')} contacts`,
		value: Math.round(ms),
		unit: 'ms',
		target: 5000,
		better: 'lower',
	};
}

export const benchmark: Benchmark = {
	name: 'sandbox-load',
	async run() {
		return [...(await measureThroughput()), measureSeeding()];
	},
};

if (require.main === module) {
	benchmark.run({ details: {}, chart: [], markdown: [], partial: true, argv: [] }).then(
		(results) =>
			results.forEach((r) =>
				console.log(
					`${r.name}: ${r.value} ${r.unit} (target ${r.better === 'higher' ? '>=' : '<='} ${r.target})`,
				),
			),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
