import type { Sandbox } from '../../sandbox';
import { parseArgs } from '../../sandbox/cli';
import { type Receiver, api, startReceiver, withSandbox } from './helpers';

const FIVE_MIN = 5 * 60 * 1000;
/** Slack for the time between a request and the check (seconds are truncated by the display dates). */
const SLACK = 3000;

/** `5/14/2024 10:00:00 AM` in Arizona time (UTC-7) -> epoch ms. */
function parseArizonaDisplay(text: string): number {
	const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+):(\d+) (AM|PM)$/.exec(text);
	if (!m) throw new Error(`not a display date: ${text}`);
	const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
	const wall = Date.UTC(
		Number(m[3]),
		Number(m[1]) - 1,
		Number(m[2]),
		hour,
		Number(m[5]),
		Number(m[6]),
	);
	return wall + 7 * 3600 * 1000;
}

/** `YYYY-MM-DD HH:mm` (UTC) and `MM/DD/YYYY HH:mm` (Arizona) filter texts for an instant. */
const utcFilter = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
function arizonaFilter(ms: number): string {
	const d = new Date(ms - 7 * 3600 * 1000);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const expectNear = (actual: number, expected: number, slack = SLACK) => {
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(slack);
};

async function settings(sandbox: Sandbox, body?: unknown) {
	const res = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as any };
}

describe('clockOffsetMs setting', () => {
	let sandbox: Sandbox;
	afterEach(async () => {
		await sandbox?.stop();
	});

	it('defaults to 0, is shown and changed through /__sandbox/settings, and refuses non-numbers', async () => {
		({ sandbox } = await withSandbox({ contacts: 1 }));
		expect(sandbox.settings.clockOffsetMs).toBe(0);
		expect((await settings(sandbox)).json.clockOffsetMs).toBe(0);
		const set = await settings(sandbox, { clockOffsetMs: -FIVE_MIN });
		expect(set.status).toBe(200);
		expect(set.json.clockOffsetMs).toBe(-FIVE_MIN);
		expect(sandbox.settings.clockOffsetMs).toBe(-FIVE_MIN);
		expect((await settings(sandbox, { clockOffsetMs: '1500' })).json.clockOffsetMs).toBe(1500);
		for (const bad of ['soon', true, null, '', 'Infinity']) {
			const refused = await settings(sandbox, { clockOffsetMs: bad, latencyMs: 5 });
			expect(refused.status).toBe(400);
			expect(refused.json.error).toMatch(/clockOffsetMs/);
		}
		// Nothing changed by the refused calls.
		expect(sandbox.settings.clockOffsetMs).toBe(1500);
		expect(sandbox.settings.latencyMs).toBe(0);
		expectNear(sandbox.now(), Date.now() + 1500, 50);
	});

	it('is an option, and a CLI flag that may be negative', async () => {
		({ sandbox } = await withSandbox({ contacts: 1, clockOffsetMs: 42_000 }));
		expect((await settings(sandbox)).json.clockOffsetMs).toBe(42_000);
		expect(parseArgs(['--clock-offset-ms', '-300000']).clockOffsetMs).toBe(-300000);
		expect(parseArgs(['--clock-offset-ms=1000']).clockOffsetMs).toBe(1000);
		expect(() => parseArgs(['--clock-offset-ms', 'later'])).toThrow(/clock-offset-ms/);
		expect(() => new (sandbox.constructor as typeof Sandbox)({ clockOffsetMs: NaN })).toThrow(
			/clockOffsetMs/,
		);
	});
});

describe('with the sandbox clock 5 minutes behind', () => {
	let sandbox: Sandbox;
	let token: string;
	let receiver: Receiver;

	beforeAll(async () => {
		({ sandbox, token } = await withSandbox({ contacts: 5, clockOffsetMs: -FIVE_MIN }));
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sandbox.stop();
		await receiver.close();
	});
	beforeEach(() => {
		sandbox.settings.clockOffsetMs = -FIVE_MIN;
		sandbox.store.data.webhooks.clear();
		sandbox.webhooks.clear();
		receiver.requests.length = 0;
	});

	const getContact = async (id: number) =>
		(await api(sandbox, token, 'GET', 'getSingleContact', { clientID: id })).json[0];

	it('a changed contact has DateUpdatedUTC / DtUpdated 5 minutes behind real time', async () => {
		const id = [...sandbox.store.data.contacts.keys()][0];
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, CFirst: 'Shifted' });
		const realNow = Date.now();
		const c = await getContact(id);
		expect(c.CFirst).toBe('Shifted');
		expectNear(Date.parse(c.DateUpdatedUTC), realNow - FIVE_MIN);
		expectNear(parseArizonaDisplay(c.DtUpdated), realNow - FIVE_MIN);
	});

	it('a created contact has DateAddedUTC and DateUpdatedUTC in the shifted clock', async () => {
		const res = await api(sandbox, token, 'POST', 'webcontact', {
			CFirst: 'New',
			CLast: 'Lead',
			CEmail: `new.lead.${Date.now()}@example.org`,
			Source: 'API',
		});
		const realNow = Date.now();
		const created = await getContact(res.json.data.ClientID);
		expectNear(Date.parse(created.DateAddedUTC), realNow - FIVE_MIN);
		expectNear(Date.parse(created.DateUpdatedUTC), realNow - FIVE_MIN);
	});

	it('the dtupdated / DateUpdatedUTC filters compare in the shifted clock', async () => {
		const id = [...sandbox.store.data.contacts.keys()][1];
		const realBefore = Date.now();
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, ContactStatus: 'Nurture' });
		const ids = async (params: Record<string, string>) =>
			(await api(sandbox, token, 'GET', 'getContacts', params)).json.map(
				(c: { ClientID: number }) => c.ClientID,
			);
		// One minute before the change, in the sandbox's clock: found.
		const shiftedSince = realBefore - FIVE_MIN - 60_000;
		expect(await ids({ DateUpdatedUTC: utcFilter(shiftedSince) })).toContain(id);
		expect(await ids({ dtupdated: arizonaFilter(shiftedSince) })).toContain(id);
		// One minute before the change in the host's clock is four minutes after it for the sandbox.
		const realSince = realBefore - 60_000;
		expect(await ids({ DateUpdatedUTC: utcFilter(realSince) })).not.toContain(id);
		expect(await ids({ dtupdated: arizonaFilter(realSince) })).not.toContain(id);
	});

	it('webhook EventCreated is shifted; the delivery log stays on the host clock', async () => {
		await api(sandbox, token, 'POST', 'webhooks', {
			EventType: 'contactCreate',
			Status: 'Active',
			Url: receiver.url,
		});
		await api(sandbox, token, 'POST', 'webcontact', {
			CFirst: 'Hook',
			CLast: 'Shift',
			CEmail: `hook.shift.${Date.now()}@example.org`,
			Source: 'API',
		});
		const [delivery] = await sandbox.waitForDeliveries(1);
		const realNow = Date.now();
		expect(delivery.statusCode).toBe(200);
		expectNear(Date.parse(delivery.body.EventCreated), realNow - FIVE_MIN);
		expectNear(Date.parse(receiver.requests[0].body.EventCreated), realNow - FIVE_MIN);
		expectNear(Date.parse(delivery.queuedAt), realNow);
		// simulated web-app changes use the same clock
		const simulated = sandbox.simulate({ event: 'contactCreate', fields: { CFirst: 'Sim' } });
		const [, second] = await sandbox.waitForDeliveries(2);
		expectNear(Date.parse(second.body.EventCreated), Date.now() - FIVE_MIN);
		expectNear(sandbox.store.data.contacts.get(simulated)!.updatedMs, Date.now() - FIVE_MIN);
	});

	it('tasks, notes and properties are stamped with the shifted clock', async () => {
		const id = [...sandbox.store.data.contacts.keys()][2];
		const task = await api(sandbox, token, 'POST', 'tasks', {
			Description: 'Call back',
			ContactID: id,
		});
		expect(task.json.success).toBe(true);
		await api(sandbox, token, 'PUT', 'tasks', {
			TaskID: task.json.TaskID,
			Description: 'Call again',
		});
		const list = (await api(sandbox, token, 'GET', 'tasks')).json.Data as Array<
			Record<string, string>
		>;
		const listed = list.find((t) => t.TaskID === String(task.json.TaskID))!;
		const realNow = Date.now();
		expectNear(parseArizonaDisplay(listed.DateCreated), realNow - FIVE_MIN);
		expectNear(parseArizonaDisplay(listed.DateModified), realNow - FIVE_MIN);

		await api(sandbox, token, 'POST', 'addContactNote', {
			note: 'hello',
			subject: 'clock',
			clientids: String(id),
		});
		const [note] = (await api(sandbox, token, 'GET', 'getContactNotes', { ClientID: id })).json;
		expect(note.Subject).toBe('clock');
		expectNear(parseArizonaDisplay(note.NoteDate), Date.now() - FIVE_MIN);

		const added = await api(sandbox, token, 'POST', 'addProperty', {
			AddressNum: '12',
			Address: 'Clock St',
			City: 'Phoenix',
		});
		const property = sandbox.store.data.properties.get(Number(added.json.data.propertyId))!;
		expectNear(property.createdMs, Date.now() - FIVE_MIN);
		expectNear(property.updatedMs, Date.now() - FIVE_MIN);
	});

	it('login tokens expire by the shifted clock (still valid right after being issued)', async () => {
		const link = (await api(sandbox, token, 'GET', 'getLoginToken')).text;
		const accessToken = new URL(link).searchParams.get('accesstoken');
		const res = await fetch(`${sandbox.baseUrl}/secure/login_secure?accesstoken=${accessToken}`);
		expect(res.status).toBe(200);
	});

	it('update times stay strictly increasing when the clock is moved back', async () => {
		const id = [...sandbox.store.data.contacts.keys()][3];
		sandbox.settings.clockOffsetMs = 0;
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, CFirst: 'A' });
		const first = Date.parse((await getContact(id)).DateUpdatedUTC);
		expectNear(first, Date.now());
		sandbox.settings.clockOffsetMs = -FIVE_MIN;
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, CFirst: 'B' });
		const second = Date.parse((await getContact(id)).DateUpdatedUTC);
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, CFirst: 'C' });
		const third = Date.parse((await getContact(id)).DateUpdatedUTC);
		expect(second).toBe(first + 1);
		expect(third).toBe(first + 2);
		// Moved forward again, the clock wins.
		sandbox.settings.clockOffsetMs = FIVE_MIN;
		await api(sandbox, token, 'POST', 'updateContact', { clientID: id, CFirst: 'D' });
		expectNear(Date.parse((await getContact(id)).DateUpdatedUTC), Date.now() + FIVE_MIN);
	});
});
