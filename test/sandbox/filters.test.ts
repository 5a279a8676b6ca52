import type { Sandbox } from '../../sandbox';
import { api, inner, withSandbox } from './helpers';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
	({ sandbox, token } = await withSandbox({ contacts: 0 }));
	const store = sandbox.store;
	// A small, hand-made population so every filter has an exact expected answer.
	const make = (fields: Record<string, unknown>) => {
		const id = sandbox.simulate({
			event: 'contactCreate',
			fields: { CFirst: 'X', CLast: 'Y', Source: 'Zillow', ...fields },
		});
		return store.data.contacts.get(id)!;
	};
	const a = make({
		CFirst: 'John',
		CLast: 'Smith',
		CEmail: 'john@example.com',
		MobilePhone: '(480) 836-0345',
		Categories: ['Buyer', 'Seller'],
		Source: 'Zillow',
	});
	const b = make({
		CFirst: 'Johnny',
		CLast: 'Cash',
		CEmail: 'jc@example.com',
		Categories: ['Buyer'],
		Source: 'Trulia',
	});
	const c = make({
		CFirst: 'Ann',
		CLast: 'Lee',
		Company: 'Johnson Realty',
		CEmail: 'ann@example.com',
		Categories: ['Seller'],
		Source: 'Website',
	});
	// Fixed update times (UTC): a = 2024-06-01 16:00, b = 2024-06-01 18:00, c = 2024-06-02 12:00.
	a.updatedMs = Date.UTC(2024, 5, 1, 16, 0);
	b.updatedMs = Date.UTC(2024, 5, 1, 18, 0);
	c.updatedMs = Date.UTC(2024, 5, 2, 12, 0);
});
afterAll(() => sandbox.stop());

const names = async (params: Record<string, string | number | boolean>) =>
	(await api(sandbox, token, 'GET', 'getContacts', params)).json
		.map((c: { CFirst: string }) => c.CFirst)
		.sort();
const count = async (params: Record<string, string | number | boolean>) =>
	(await api(sandbox, token, 'GET', 'getContactsCount', params)).json.count;

describe('getContacts filters', () => {
	it('email wins over phone, categories and nameQuery', async () => {
		expect(
			await names({
				email: 'JC@example.com',
				phone: '4808360345',
				categories: 'Seller',
				nameQuery: 'Ann',
			}),
		).toEqual(['Johnny']);
	});

	it('phone (numeric only) matches formatted numbers and wins over categories', async () => {
		expect(await names({ phone: '4808360345', categories: 'Seller' })).toEqual(['John']);
	});

	it('categories are OR by default and AND with categoryAll=true; they win over nameQuery', async () => {
		expect(await names({ categories: 'Buyer,Seller' })).toEqual(['Ann', 'John', 'Johnny']);
		expect(await names({ categories: 'Buyer,Seller', categoryAll: true })).toEqual(['John']);
		expect(await names({ categories: 'Seller', nameQuery: 'Johnny' })).toEqual(['Ann', 'John']);
	});

	it('nameQuery checks first, last and company', async () => {
		expect(await names({ nameQuery: 'john' })).toEqual(['Ann', 'John', 'Johnny']);
		expect(await names({ nameQuery: 'cash' })).toEqual(['Johnny']);
	});

	it('dtupdated is Arizona time (UTC-7); DateUpdatedUTC is UTC', async () => {
		// 10:00 AZ = 17:00 UTC: b (18:00 UTC) and c qualify, a (16:00 UTC) does not.
		expect(await names({ dtupdated: '06/01/2024 10:00' })).toEqual(['Ann', 'Johnny']);
		// The same wall-clock time read as UTC also lets a in.
		expect(await names({ DateUpdatedUTC: '2024-06-01 10:00' })).toEqual(['Ann', 'John', 'Johnny']);
		expect(await names({ DateUpdatedUTC: '2024-06-01 17:00' })).toEqual(['Ann', 'Johnny']);
		expect(await count({ dtupdated: '2024-06-02 00:00' })).toBe(1);
	});

	it('email and phone disable the date filters', async () => {
		expect(await names({ email: 'john@example.com', dtupdated: '01/01/2030 00:00' })).toEqual([
			'John',
		]);
		expect(await names({ phone: '4808360345', DateUpdatedUTC: '2030-01-01 00:00' })).toEqual([
			'John',
		]);
		expect(await names({ nameQuery: 'John', dtupdated: '01/01/2030 00:00' })).toEqual([]);
	});

	it('sources is a comma-delimited OR filter combined with the others', async () => {
		expect(await names({ sources: 'Zillow,Trulia' })).toEqual(['John', 'Johnny']);
		expect(await names({ sources: 'Website', categories: 'Seller' })).toEqual(['Ann']);
		expect(await count({ sources: 'Zillow, Trulia' })).toBe(2);
	});

	it('invalid dates are an HTTP 200 {"Error"}', async () => {
		const res = await api(sandbox, token, 'GET', 'getContacts', { dtupdated: 'yesterday' });
		expect(res.status).toBe(200);
		expect(res.json.Error).toMatch(/dtupdated/);
	});

	it('mutations move DateUpdatedUTC and DtUpdated forward so polling sees them', async () => {
		const since = new Date(Date.now() - 1000);
		const sinceUtc = since.toISOString().slice(0, 16).replace('T', ' ');
		expect(await names({ DateUpdatedUTC: sinceUtc })).toEqual([]);
		const [ann] = (await api(sandbox, token, 'GET', 'getContacts', { email: 'ann@example.com' }))
			.json;
		await api(sandbox, token, 'POST', 'updateContact', {
			clientID: ann.ClientID,
			AddCategories: 'Hot',
		});
		const [after] = (await api(sandbox, token, 'GET', 'getContacts', { DateUpdatedUTC: sinceUtc }))
			.json;
		expect(after.ClientID).toBe(ann.ClientID);
		expect(Date.parse(after.DateUpdatedUTC)).toBeGreaterThan(Date.parse(ann.DateUpdatedUTC));
		// DtUpdated shows the same instant seven hours earlier on the wall clock.
		const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+):(\d+) (AM|PM)$/.exec(after.DtUpdated)!;
		const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
		const azMs = Date.UTC(
			Number(m[3]),
			Number(m[1]) - 1,
			Number(m[2]),
			hour,
			Number(m[5]),
			Number(m[6]),
		);
		expect(Math.floor(Date.parse(after.DateUpdatedUTC) / 1000) * 1000 - azMs).toBe(7 * 3600 * 1000);
		expect(inner(after.Categories).map((x: { name: string }) => x.name)).toContain('Hot');
		// Notes added through the API also count as a change to the contact.
		const before = sandbox.store.data.contacts.get(ann.ClientID)!.updatedMs;
		await api(sandbox, token, 'POST', 'addContactNote', {
			note: 'n',
			subject: 's',
			clientids: String(ann.ClientID),
		});
		expect(sandbox.store.data.contacts.get(ann.ClientID)!.updatedMs).toBeGreaterThan(before);
	});
});

describe('paging', () => {
	it('without page every match comes back; with page the default page_size is 100', async () => {
		await sandbox.reset(3, 250);
		expect((await api(sandbox, token, 'GET', 'getContacts')).json).toHaveLength(250);
		const p1 = (await api(sandbox, token, 'GET', 'getContacts', { page: 1 })).json;
		const p3 = (await api(sandbox, token, 'GET', 'getContacts', { page: 3 })).json;
		const p4 = (await api(sandbox, token, 'GET', 'getContacts', { page: 4 })).json;
		expect([p1.length, p3.length, p4.length]).toEqual([100, 50, 0]);
		const small = (await api(sandbox, token, 'GET', 'getContacts', { page: 2, page_size: 7 })).json;
		expect(small.map((c: { ClientID: number }) => c.ClientID)).toEqual(
			p1.slice(7, 14).map((c: { ClientID: number }) => c.ClientID),
		);
		expect((await api(sandbox, token, 'GET', 'getContactsCount')).json.count).toBe(250);
	});
});
