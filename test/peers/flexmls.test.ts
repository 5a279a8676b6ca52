import { start, type FlexmlsFake } from '../../peers/flexmls';

describe('Flexmls fake (Spark API: my listings)', () => {
	let fake: FlexmlsFake;
	beforeEach(async () => {
		fake = await start({ port: 0, host: '127.0.0.1', seed: 3 });
	});
	afterEach(async () => {
		await fake.stop();
	});

	const get = async (query: string, headers: Record<string, string> = {}) => {
		const response = await fetch(`${fake.url}/v1/my/listings${query}`, {
			headers: {
				authorization: `Bearer ${fake.token}`,
				'x-sparkapi-user-agent': 'jest',
				...headers,
			},
		});
		return { status: response.status, body: (await response.json()) as { D: Record<string, any> } };
	};

	it('pages the current user’s listings with the documented Pagination hash', async () => {
		fake.seedListings(30, { photos: 2 });
		fake.addOtherAgentListing();
		const first = await get('?_pagination=1&_limit=25&_page=1');
		expect(first.status).toBe(200);
		expect(first.body.D.Success).toBe(true);
		expect(first.body.D.Results).toHaveLength(25);
		expect(first.body.D.Pagination).toEqual({
			TotalRows: 30,
			PageSize: 25,
			TotalPages: 2,
			CurrentPage: 1,
		});
		const second = await get('?_pagination=1&_limit=25&_page=2');
		expect(second.body.D.Results).toHaveLength(5);
		const ids = [...first.body.D.Results, ...second.body.D.Results].map((r: any) => r.Id);
		expect(new Set(ids).size).toBe(30);
		const [listing] = first.body.D.Results;
		expect(listing.ResourceUri).toBe(`/v1/listings/${listing.Id}`);
		expect(listing.StandardFields.ListAgentId).toBe(fake.agentId);
		expect(listing.StandardFields.ListingId).toMatch(/^\d+$/);
		// no Photos without the expansion
		expect(listing.StandardFields.Photos).toBeUndefined();
		// default page size is 10 and no Pagination without _pagination
		const plain = await get('');
		expect(plain.body.D.Results).toHaveLength(10);
		expect(plain.body.D.Pagination).toBeUndefined();
	});

	it('expands Photos in the documented photo shape and filters by MlsStatus', async () => {
		const [active] = fake.seedListings(1, { photos: 3 });
		fake.seedListings(2, { status: 'Closed', photos: 0 });
		const { body } = await get(
			`?_expand=Photos&_filter=${encodeURIComponent("MlsStatus Eq 'Active'")}`,
		);
		expect(body.D.Results.map((r: any) => r.Id)).toEqual([active.Id]);
		const photos = body.D.Results[0].StandardFields.Photos;
		expect(photos).toHaveLength(3);
		expect(photos[0]).toEqual(
			expect.objectContaining({ Primary: true, Name: 'Listing Photo', Caption: '' }),
		);
		for (const key of [
			'Id',
			'ResourceUri',
			'UriThumb',
			'Uri300',
			'Uri640',
			'Uri800',
			'Uri1024',
			'Uri1280',
			'UriLarge',
		])
			expect(typeof photos[0][key]).toBe('string');
		expect(photos[1].Primary).toBe(false);
		const closed = await get(`?_filter=${encodeURIComponent("MlsStatus Ne 'Active'")}`);
		expect(closed.body.D.Results).toHaveLength(2);
	});

	it('reflects edits and new photos', async () => {
		const [listing] = fake.seedListings(1, { photos: 0 });
		fake.updateListing(listing.Id, { ListPrice: 123456 });
		fake.addPhoto(listing.Id);
		const { body } = await get('?_expand=Photos');
		expect(body.D.Results[0].StandardFields.ListPrice).toBe(123456);
		expect(body.D.Results[0].StandardFields.Photos).toHaveLength(1);
		expect(body.D.Results[0].StandardFields.Photos[0].Primary).toBe(true);
	});

	it.each([
		['no token', { authorization: '' }, 401, 1000],
		['a wrong token', { authorization: 'Bearer nope' }, 401, 1000],
		['no X-SparkApi-User-Agent', { 'x-sparkapi-user-agent': '' }, 400, 1016],
	])('rejects %s with the documented error shape', async (_label, headers, status, code) => {
		const answer = await get('', headers);
		expect(answer.status).toBe(status);
		expect(answer.body).toEqual({ D: { Success: false, Code: code, Message: expect.any(String) } });
	});

	it('answers 1020 for an expired session token, 1040 for a bad filter, 1053 for _limit > 25', async () => {
		fake.seedListings(1);
		expect((await get(`?_filter=${encodeURIComponent('MlsStatus = Active')}`)).body.D.Code).toBe(
			1040,
		);
		expect((await get(`?_filter=${encodeURIComponent("Nope Eq 'x'")}`)).body.D.Code).toBe(1040);
		const tooMany = await get('?_limit=26');
		expect([tooMany.status, tooMany.body.D.Code]).toEqual([400, 1053]);
		fake.expireToken();
		const expired = await get('');
		expect([expired.status, expired.body.D.Code]).toEqual([401, 1020]);
		fake.renewToken();
		expect((await get('')).status).toBe(200);
	});

	it('answers 404 in the same envelope for other paths and logs requests', async () => {
		const response = await fetch(`${fake.url}/v1/listings`, {
			headers: { authorization: `Bearer ${fake.token}`, 'x-sparkapi-user-agent': 'jest' },
		});
		expect(response.status).toBe(404);
		expect(((await response.json()) as any).D).toEqual({
			Success: false,
			Code: 404,
			Message: 'Not found',
		});
		expect(fake.state().requests).toEqual([{ method: 'GET', path: '/v1/listings', status: 404 }]);
	});
});
