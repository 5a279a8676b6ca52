import nock from 'nock';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { credentialData, runWiseAgentNode } from '../helpers/n8n';
import { sandboxCredentials } from '../helpers/sandboxCredentials';

/**
 * Create or Update against the sandbox: the contact that shares a phone with the input is never
 * overwritten, and an ambiguous match fails the item (no mocks).
 */
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialData>;

beforeAll(async () => {
	nock.restore();
	sandbox = await startSandbox({ contacts: 0, seed: 3, strict: true });
	credentials = sandboxCredentials(sandbox);
});
afterAll(async () => {
	await sandbox.stop();
});

const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	runWiseAgentNode({ parameters, credentials, continueOnFail });

const upsert = (
	first: string,
	last: string,
	{ email, mobilePhone, ...additionalFields }: Record<string, unknown>,
) => ({
	resource: 'contact',
	operation: 'upsert',
	...(email !== undefined && { email }),
	...(mobilePhone !== undefined && { mobilePhone }),
	firstName: first,
	lastName: last,
	source: 'API',
	additionalFields,
});
const clientIdOf = (item: { json: Record<string, unknown> }) =>
	(item.json.contact as { id: string }).id;

async function readContact(clientId: unknown) {
	const { items } = await run({
		resource: 'contact',
		operation: 'get',
		contactId: { __rl: true, mode: 'id', value: String(clientId) },
		simplify: false,
	});
	return items[0].json;
}

describe('Create or Update against the sandbox', () => {
	it('Alice keeps her name and email when Bob arrives with her phone number', async () => {
		const alice = await run(
			upsert('Alice', 'Smith', { email: 'alice@example.com', mobilePhone: '480-555-0101' }),
		);
		expect(alice.items[0].json.action).toBe('created');
		const aliceId = clientIdOf(alice.items[0]);

		const bob = await run(
			upsert('Bob', 'Jones', { email: 'bob@example.com', mobilePhone: '(480) 555-0101' }),
		);
		expect(bob.error).toBeUndefined();
		expect(bob.items[0].json.action).toBe('created');
		expect(clientIdOf(bob.items[0])).not.toEqual(aliceId);

		expect(await readContact(aliceId)).toMatchObject({
			CFirst: 'Alice',
			CLast: 'Smith',
			CEmail: 'alice@example.com',
		});
	});

	it('a phone shared by two contacts without another email fails the item; neither changes', async () => {
		const first = await run(
			upsert('Carl', 'One', { email: 'carl1@example.com', mobilePhone: '6025550111' }),
		);
		const second = await run(
			upsert('Carl', 'Two', { email: 'carl2@example.com', mobilePhone: '6025550111' }),
		);
		const result = await run(
			{ ...upsert('Carla', 'Three', { workPhone: '602-555-0111' }), matchBy: 'phone' },
			true,
		);
		expect(result.items[0].json.error).toBe('2 contacts match phone 6025550111');
		expect(await readContact(clientIdOf(first.items[0]))).toMatchObject({
			CFirst: 'Carl',
			CLast: 'One',
		});
		expect(await readContact(clientIdOf(second.items[0]))).toMatchObject({
			CFirst: 'Carl',
			CLast: 'Two',
		});
	});

	it('the same email again updates that one contact', async () => {
		const again = await run(upsert('Alicia', 'Smith', { email: 'ALICE@example.com' }));
		expect(again.items[0].json).toMatchObject({ action: 'updated', matchedBy: 'email' });
		expect(await readContact(clientIdOf(again.items[0]))).toMatchObject({ CFirst: 'Alicia' });
	});
});
