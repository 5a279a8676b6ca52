import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { toInstant } from '../../nodes/WiseAgent/helpers/dates';
import { credentialData, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * Call list times and planner events have no documented time zone; the sandbox, like
 * everything zoned in the docs, reads them as Arizona time. So a time picked in any workflow
 * zone must come back as the same instant: create → read back → same moment.
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore(); // real sockets to 127.0.0.1
	sandbox = await startSandbox({ contacts: 5, seed: 7, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

const run = (parameters: Record<string, unknown>, timezone: string) =>
	runWiseAgentNode({ parameters, credentials, timezone });

const firstClientId = () => String([...sandbox.store.data.contacts.keys()][0]);

/** Wise Agent's display dates ("7/15/2024 6:00:00 AM") are Arizona time. */
const arizonaDisplay = (text: unknown) => toInstant(String(text), 'America/Phoenix');

describe.each(['America/New_York', 'Europe/Berlin', 'Pacific/Auckland'])(
	'workflow zone %s',
	(timezone) => {
		it('Call Create → Get: NextContactDate comes back as the same instant', async () => {
			const picked = '2024-07-15T09:30:00';
			const instant = toInstant(picked, timezone)!;
			const created = await run(
				{
					resource: 'call',
					operation: 'create',
					contactId: { __rl: true, mode: 'id', value: firstClientId() },
					nextContactDate: picked,
				},
				timezone,
			);
			expect(created.error).toBeUndefined();
			const callId = String(created.items[0].json.id);
			expect(sandbox.store.data.calls.get(Number(callId))?.nextContactMs).toBe(instant.getTime());

			const raw = await run(
				{ resource: 'call', operation: 'get', callId, simplify: false },
				timezone,
			);
			expect(raw.error).toBeUndefined();
			expect(arizonaDisplay(raw.items[0].json.NextContactDate)?.getTime()).toBe(instant.getTime());
			// Simplify (the default) gives the same instant in UTC.
			const read = await run({ resource: 'call', operation: 'get', callId }, timezone);
			expect(read.items[0].json.nextContactAt).toBe(instant.toISOString());
		});

		it('Calendar Create Event → Get Many Events: start and end are the same instants', async () => {
			const start = toInstant('2024-08-01T14:00:00', timezone)!;
			const end = toInstant('2024-08-01T15:15:00', timezone)!;
			const created = await run(
				{
					resource: 'calendar',
					operation: 'createEvent',
					eventName: `Showing ${timezone}`,
					eventStart: '2024-08-01T14:00:00',
					additionalFields: { eventEnd: '2024-08-01T15:15:00' },
				},
				timezone,
			);
			expect(created.error).toBeUndefined();

			const read = await run(
				{
					resource: 'calendar',
					operation: 'getEvents',
					startDate: new Date(start.getTime() - 60_000).toISOString(),
					endDate: new Date(end.getTime() + 60_000).toISOString(),
					returnAll: true,
				},
				timezone,
			);
			expect(read.error).toBeUndefined();
			const event = read.items.find((item) => item.json.subject === `Showing ${timezone}`)?.json;
			expect(event).toBeDefined();
			// Wise Agent answers in Arizona time; Simplify gives the same instants in UTC.
			expect(event!.start).toBe(start.toISOString());
			expect(event!.end).toBe(end.toISOString());
			expect(event!.allDay).toBe(false);
		});

		it('Calendar Create Event with All Day → an all-day event on the picked date', async () => {
			const created = await run(
				{
					resource: 'calendar',
					operation: 'createEvent',
					eventName: `Open house ${timezone}`,
					eventStart: '2024-09-10T00:00:00',
					allDay: true,
				},
				timezone,
			);
			expect(created.error).toBeUndefined();
			const stored = [...sandbox.store.data.calendar.values()].find(
				(event) => event.Subject === `Open house ${timezone}`,
			);
			expect(stored?.AllDayEvent).toBe(true);
			// Wise Agent keeps the day in its own (Arizona) calendar: midnight of 10 September there.
			expect(stored?.startMs).toBe(toInstant('2024-09-10', 'America/Phoenix')!.getTime());
		});
	},
);

it('Contact Update Custom Field with Clear Value empties the value in the account', async () => {
	const clientId = firstClientId();
	const contactId = { __rl: true, mode: 'id', value: clientId };
	const added = await run(
		{ resource: 'contact', operation: 'addCustomField', contactId, key: 'ToClear', value: 'x' },
		'UTC',
	);
	expect(added.error).toBeUndefined();
	const cleared = await run(
		{
			resource: 'contact',
			operation: 'updateCustomField',
			contactId,
			key: 'ToClear',
			value: '',
			clearValue: true,
		},
		'UTC',
	);
	expect(cleared.error).toBeUndefined();
	const datum = sandbox.store.data.contacts
		.get(Number(clientId))!
		.customData.find((entry) => entry.Key === 'ToClear');
	expect(datum?.Value).toBe('');
});
