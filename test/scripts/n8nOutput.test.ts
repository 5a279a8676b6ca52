import { quietOfflineNoise } from '../../scripts/lib/n8n-output';

/** n8n 2.40.7's start output on a machine without internet access (abridged stack frames). */
const OFFLINE_START = [
	'n8n ready on 127.0.0.1, port 5678',
	'Failed to start Python task runner in internal mode. because its virtual environment is missing from this system.',
	'',
	'Building workflow dependency index...',
	'getaddrinfo ENOTFOUND api.n8n.io',
	'Error: getaddrinfo ENOTFOUND api.n8n.io',
	'    at AxiosError.from (/x/node_modules/axios/dist/node/axios.cjs:1355:24)',
	'    at RedirectableRequest.emit (node:events:526:24)',
	'    at SystemTaskRunner.runOnce (/x/node_modules/n8n/src/scheduling/system-tasks/system-task-runner.ts:283:4)',
	'',
	'getaddrinfo ENOTFOUND api.n8n.io',
	'Error: getaddrinfo ENOTFOUND api.n8n.io',
	'    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:112:26)',
	'',
	'Error fetching from Strapi API (https://api.n8n.io/api/mcp-servers): getaddrinfo ENOTFOUND api.n8n.io',
	'A system task run failed',
	'',
	'Editor is now accessible via:',
	'http://127.0.0.1:5678',
];

describe('quietOfflineNoise (what npm start echoes of n8n)', () => {
	it('replaces the offline MCP registry trace and the Python runner failure by one line each', () => {
		const filter = quietOfflineNoise('.n8n-data/n8n.log');
		const shown = OFFLINE_START.map((line) => filter(line)).filter((line) => line !== undefined);
		expect(shown).toEqual([
			'n8n ready on 127.0.0.1, port 5678',
			"(no Python task runner: only the Code node's Python mode needs one, JavaScript works; details in .n8n-data/n8n.log)",
			'',
			'Building workflow dependency index...',
			'(offline: n8n could not reach api.n8n.io to refresh its MCP server list; harmless, the trace is in .n8n-data/n8n.log)',
			'Editor is now accessible via:',
			'http://127.0.0.1:5678',
		]);
	});

	it('keeps other errors and their stack traces', () => {
		const filter = quietOfflineNoise('n8n.log');
		const lines = [
			'Error: SQLITE_BUSY',
			'    at Database.run (/x/sqlite3.js:1:1)',
			'A system task run failed',
		];
		expect(lines.map((line) => filter(line))).toEqual(lines);
	});
});
