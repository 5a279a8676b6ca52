/**
 * A minimal local fake of the Flexmls (Spark) API: only what the template
 * `templates/flexmls-listings-to-wise-agent.json` reads, an agent's own listings with their photos.
 * Written from FBS's public Spark Platform documentation, not from the template:
 *
 * - Listings for the current user, `GET /v1/my/listings` (sparkplatform.com/docs/api_services/listings):
 *   `{ "D": { "Success": true, "Results": [{ "ResourceUri", "Id", "StandardFields": {...} }] } }`, the
 *   RESO-named StandardFields (ListingKey, ListingId = the MLS number, MlsStatus, StreetNumber, StreetName,
 *   StreetSuffix, UnitNumber, City, StateOrProvince, PostalCode, CountyOrParish, SubdivisionName, ListPrice,
 *   BedsTotal, BathsTotal, BuildingAreaTotal, YearBuilt, PropertyClass, PublicRemarks, ListingContractDate,
 *   ListAgent*, ListOfficeName, ModificationTimestamp).
 * - The `Photos` expansion (`_expand=Photos`) with the photo shape of "Listings: Photos"
 *   (sparkplatform.com/docs/api_services/listings/photos): Id, ResourceUri, Name, Caption, UriThumb,
 *   Uri300, Uri640, Uri800, Uri1024, Uri1280, UriLarge, Primary.
 * - "Search and paging syntax" (sparkplatform.com/docs/supporting_documentation/search-and-paging-syntax):
 *   `_limit` 0..25 (default 10), `_page` from 1, `_pagination=1` adds
 *   `"Pagination": { TotalRows, PageSize, TotalPages, CurrentPage }`; `_filter` in SparkQL, of which this
 *   fake understands `Field Eq 'value'` / `Field Ne 'value'` joined by `And` (anything else: code 1040).
 * - Authentication (sparkplatform.com/docs/authentication/access_token): `Authorization: Bearer <token>`,
 *   and the `X-SparkApi-User-Agent` header the Spark endpoints require.
 * - Errors (sparkplatform.com/docs/supporting_documentation/error_codes), always
 *   `{ "D": { "Success": false, "Code": <code>, "Message": <text> } }`: 1000/401 invalid key (no or wrong
 *   token), 1020/401 session token expired (after `expireToken()`), 1016/400 no X-SparkApi-User-Agent,
 *   1040/400 bad `_filter`, 1053/400 a parameter out of its range, 404 and 405.
 *
 * Fake choices (not documented): listings come in the order they were added; photo URLs point at this
 * server (`/photos/<id>-o.jpg`, not served); token is fixed per start.
 *
 * Node built-ins only; listens on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { listenLocal, mulberry32 as prng, sendJson } from '../lib/server';

export interface FlexmlsPhoto {
	ResourceUri: string;
	Id: string;
	Name: string;
	Caption: string;
	UriThumb: string;
	Uri300: string;
	Uri640: string;
	Uri800: string;
	Uri1024: string;
	Uri1280: string;
	UriLarge: string;
	Primary: boolean;
}

/** StandardFields of a listing (the subset this fake carries). */
export interface FlexmlsStandardFields {
	ListingKey: string;
	ListingId: string;
	MlsStatus: string;
	StreetNumber: string;
	StreetDirPrefix: string;
	StreetName: string;
	StreetSuffix: string;
	UnitNumber: string;
	City: string;
	StateOrProvince: string;
	PostalCode: string;
	CountyOrParish: string;
	SubdivisionName: string;
	ListPrice: number;
	BedsTotal: number;
	BathsTotal: number;
	BuildingAreaTotal: number;
	YearBuilt: number;
	PropertyClass: string;
	PublicRemarks: string;
	ListingContractDate: string;
	ListAgentId: string;
	ListAgentFirstName: string;
	ListAgentLastName: string;
	ListAgentEmail: string;
	ListOfficeName: string;
	ModificationTimestamp: string;
	[field: string]: string | number;
}

export interface FlexmlsListing {
	Id: string;
	fields: FlexmlsStandardFields;
	photos: FlexmlsPhoto[];
}

export interface FlexmlsStartOptions {
	port?: number;
	host?: '127.0.0.1';
	/** PRNG seed of the generated records (same seed, same records) */
	seed?: number;
	/** listings of the current user generated at start (default 0) */
	listings?: number;
}

export interface FlexmlsRequestLog {
	method: string;
	path: string;
	status: number;
}

export interface FlexmlsState {
	agentId: string;
	listings: FlexmlsListing[];
	requests: FlexmlsRequestLog[];
}

export interface FlexmlsFake {
	url: string;
	token: string;
	/** the current user's id (ListAgentId of "my" listings) */
	agentId: string;
	stop(): Promise<void>;
	state(): FlexmlsState;
	/** adds `count` listings of the current user (Active unless `status`), each with 0–4 photos */
	seedListings(count: number, options?: { status?: string; photos?: number }): FlexmlsListing[];
	/** a listing of another agent (never in /my/listings) */
	addOtherAgentListing(): FlexmlsListing;
	/** changes StandardFields (as an edit in Flexmls does), bumps ModificationTimestamp */
	updateListing(id: string, fields: Partial<FlexmlsStandardFields>): FlexmlsListing;
	/** adds a photo to a listing; returns it */
	addPhoto(id: string): FlexmlsPhoto;
	listing(id: string): FlexmlsListing;
	/** the next requests get 401 code 1020 until `renewToken()` */
	expireToken(): void;
	renewToken(): void;
}

const MAX_LIMIT = 25;
const DEFAULT_LIMIT = 10;

const STREETS = [
	'Camelback',
	'Shea',
	'Indian School',
	'McDowell',
	'Baseline',
	'Scottsdale',
	'Thunderbird',
];
const SUFFIXES = ['Rd', 'Blvd', 'Ave', 'St', 'Dr', 'Ln'];
const CITIES: Array<[string, string, string]> = [
	['Phoenix', '85016', 'Maricopa'],
	['Scottsdale', '85251', 'Maricopa'],
	['Tempe', '85281', 'Maricopa'],
	['Mesa', '85201', 'Maricopa'],
	['Tucson', '85701', 'Pima'],
];
const SUBDIVISIONS = [
	'Arcadia',
	'McCormick Ranch',
	'Desert Ridge',
	'Val Vista Lakes',
	'Sam Hughes',
];

/** Spark ids are 26 digits (a timestamp-like prefix and a serial). */
function sparkId(serial: number): string {
	return `20240101000000${String(serial).padStart(12, '0')}`;
}

class SparkError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

interface FilterTerm {
	field: string;
	op: 'Eq' | 'Ne';
	value: string;
}

/** The SparkQL subset: `Field Eq 'v' And Field Ne 'w'` (quoted text or bare numbers). */
function parseFilter(text: string, knownFields: Set<string>): FilterTerm[] {
	const terms: FilterTerm[] = [];
	for (const part of text.split(/\s+And\s+/)) {
		const match = /^\s*(\w+)\s+(Eq|Ne)\s+(?:'((?:[^']|\\')*)'|(-?\d+(?:\.\d+)?))\s*$/.exec(part);
		if (!match) throw new SparkError(400, 1040, `The _filter syntax was invalid: ${part.trim()}`);
		if (!knownFields.has(match[1]))
			throw new SparkError(400, 1040, `The field ${match[1]} does not exist or is not searchable`);
		terms.push({ field: match[1], op: match[2] as 'Eq' | 'Ne', value: match[3] ?? match[4] });
	}
	return terms;
}

function intParam(
	query: URLSearchParams,
	name: string,
	fallback: number,
	min: number,
	max: number,
): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new SparkError(400, 1053, `${name} must be an integer from ${min} to ${max}`);
	}
	return value;
}

export async function start(options: FlexmlsStartOptions = {}): Promise<FlexmlsFake> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1') throw new Error('the Flexmls fake listens on 127.0.0.1 only');
	const random = prng(options.seed ?? 1);
	const token = `spark-fake-${Math.floor(random() * 1e12).toString(36)}`;
	const agentId = sparkId(1);
	const listings: FlexmlsListing[] = [];
	const requests: FlexmlsRequestLog[] = [];
	let serial = 1000;
	let photoSerial = 500000;
	let tokenExpired = false;
	let baseUrl = '';

	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const now = () => new Date().toISOString();

	function makePhoto(listingId: string, primary: boolean): FlexmlsPhoto {
		const id = sparkId(++photoSerial);
		const file = (size: string) => `${baseUrl}/photos/${size}/${id}-o.jpg`;
		return {
			ResourceUri: `/v1/listings/${listingId}/photos/${id}`,
			Id: id,
			Name: 'Listing Photo',
			Caption: '',
			UriThumb: `${baseUrl}/photos/${id}-t.jpg`,
			Uri300: `${baseUrl}/photos/${id}.jpg`,
			Uri640: file('640x480'),
			Uri800: file('800x600'),
			Uri1024: file('1024x768'),
			Uri1280: file('1280x1024'),
			UriLarge: `${baseUrl}/photos/${id}-o.jpg`,
			Primary: primary,
		};
	}

	function makeListing(
		ownerId: string,
		status: string,
		photos: number | undefined,
	): FlexmlsListing {
		const n = ++serial;
		const id = sparkId(n);
		const [city, zip, county] = pick(CITIES);
		const fields: FlexmlsStandardFields = {
			ListingKey: id,
			ListingId: String(6000000 + n),
			MlsStatus: status,
			StreetNumber: String(100 + n),
			StreetDirPrefix: pick(['N', 'S', 'E', 'W']),
			StreetName: pick(STREETS),
			StreetSuffix: pick(SUFFIXES),
			UnitNumber: random() < 0.2 ? String(1 + Math.floor(random() * 300)) : '',
			City: city,
			StateOrProvince: 'AZ',
			PostalCode: zip,
			CountyOrParish: county,
			SubdivisionName: pick(SUBDIVISIONS),
			ListPrice: 250000 + Math.floor(random() * 150) * 5000,
			BedsTotal: 1 + Math.floor(random() * 5),
			BathsTotal: 1 + Math.floor(random() * 7) / 2,
			BuildingAreaTotal: 900 + Math.floor(random() * 3000),
			YearBuilt: 1960 + Math.floor(random() * 64),
			PropertyClass: 'Residential',
			PublicRemarks: `Listing ${n}: ${pick(['updated kitchen', 'mountain views', 'pool and spa', 'corner lot'])}.`,
			ListingContractDate: `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
			ListAgentId: ownerId,
			ListAgentFirstName: ownerId === agentId ? 'Alex' : 'Other',
			ListAgentLastName: ownerId === agentId ? 'Agent' : 'Broker',
			ListAgentEmail: ownerId === agentId ? 'alex.agent@example.com' : 'other@example.com',
			ListOfficeName: 'Desert Realty',
			ModificationTimestamp: now(),
		};
		const listing: FlexmlsListing = { Id: id, fields, photos: [] };
		const photoCount = photos ?? Math.floor(random() * 5);
		for (let i = 0; i < photoCount; i++) listing.photos.push(makePhoto(id, i === 0));
		listings.push(listing);
		return listing;
	}

	function find(id: string): FlexmlsListing {
		const listing = listings.find((entry) => entry.Id === id);
		if (!listing) throw new Error(`no Flexmls listing ${id}`);
		return listing;
	}

	function serialize(listing: FlexmlsListing, expandPhotos: boolean): Record<string, unknown> {
		const StandardFields: Record<string, unknown> = { ...listing.fields };
		if (expandPhotos) StandardFields.Photos = listing.photos.map((photo) => ({ ...photo }));
		return { ResourceUri: `/v1/listings/${listing.Id}`, Id: listing.Id, StandardFields };
	}

	function myListings(query: URLSearchParams): Record<string, unknown> {
		const limit = intParam(query, '_limit', DEFAULT_LIMIT, 0, MAX_LIMIT);
		const page = intParam(query, '_page', 1, 1, 100000);
		const known = new Set(Object.keys(listings[0]?.fields ?? { MlsStatus: '' }));
		known.add('MlsStatus');
		const terms = query.get('_filter') ? parseFilter(query.get('_filter')!, known) : [];
		const expand = (query.get('_expand') ?? '').split(',').map((part) => part.trim());
		const matching = listings.filter(
			(listing) =>
				listing.fields.ListAgentId === agentId &&
				terms.every((term) => {
					const equal = String(listing.fields[term.field] ?? '') === term.value;
					return term.op === 'Eq' ? equal : !equal;
				}),
		);
		const results = matching
			.slice((page - 1) * limit, page * limit)
			.map((listing) => serialize(listing, expand.includes('Photos')));
		const D: Record<string, unknown> = { Success: true, Results: results };
		if (query.get('_pagination') === '1' || query.get('_pagination') === 'count') {
			D.Pagination = {
				TotalRows: matching.length,
				PageSize: limit,
				TotalPages: limit === 0 ? 0 : Math.ceil(matching.length / limit),
				CurrentPage: page,
			};
		}
		return { D };
	}

	function authorize(request: IncomingMessage): void {
		const header = request.headers.authorization ?? '';
		if (header !== `Bearer ${token}`) {
			throw new SparkError(401, 1000, 'Invalid API key and/or request signed improperly');
		}
		if (tokenExpired) throw new SparkError(401, 1020, 'Session token has expired');
		if (!request.headers['x-sparkapi-user-agent']) {
			throw new SparkError(
				400,
				1016,
				'The X-SparkApi-User-Agent request header is required. No request to the API will be successful without it.',
			);
		}
	}

	function handle(request: IncomingMessage): { status: number; body: unknown } {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.replace(/\/+$/, '');
		if (path === '/v1/my/listings') {
			if (request.method !== 'GET') throw new SparkError(405, 405, 'Method not allowed');
			authorize(request);
			return { status: 200, body: myListings(url.searchParams) };
		}
		throw new SparkError(404, 404, 'Not found');
	}

	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		// the body is not used by any route; drain it
		request.resume();
		request.on('end', () => {
			let status: number;
			let body: unknown;
			try {
				({ status, body } = handle(request));
			} catch (error) {
				if (error instanceof SparkError) {
					status = error.status;
					body = { D: { Success: false, Code: error.code, Message: error.message } };
				} else {
					status = 500;
					body = { D: { Success: false, Code: 1026, Message: (error as Error).message } };
				}
			}
			requests.push({
				method: request.method ?? '',
				path: (request.url ?? '').split('?')[0],
				status,
			});
			sendJson(response, status, body);
		});
	});
	const listening = await listenLocal(server, options.port, host);
	baseUrl = listening.url;

	const fake: FlexmlsFake = {
		url: baseUrl,
		token,
		agentId,
		stop: listening.stop,
		state: () => ({
			agentId,
			listings: listings.map((listing) => structuredClone(listing)),
			requests: [...requests],
		}),
		seedListings: (count, seedOptions = {}) =>
			Array.from({ length: count }, () =>
				makeListing(agentId, seedOptions.status ?? 'Active', seedOptions.photos),
			),
		addOtherAgentListing: () => makeListing(sparkId(2), 'Active', 1),
		updateListing(id, fields) {
			const listing = find(id);
			for (const [name, value] of Object.entries(fields)) {
				if (value !== undefined) listing.fields[name] = value;
			}
			listing.fields.ModificationTimestamp = now();
			return listing;
		},
		addPhoto(id) {
			const listing = find(id);
			const photo = makePhoto(id, listing.photos.length === 0);
			listing.photos.push(photo);
			listing.fields.ModificationTimestamp = now();
			return photo;
		},
		listing: (id) => structuredClone(find(id)),
		expireToken: () => {
			tokenExpired = true;
		},
		renewToken: () => {
			tokenExpired = false;
		},
	};
	if (options.listings) fake.seedListings(options.listings);
	return fake;
}
