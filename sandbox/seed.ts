import { Store, emptyStoreData } from './store';
import type { Contact, StoreData } from './types';

/** mulberry32: tiny, fast, good enough, and the same sequence on every Node version. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = [
	'John',
	'Maria',
	'James',
	'Linda',
	'Robert',
	'Patricia',
	'Michael',
	'Jennifer',
	'David',
	'Elizabeth',
	'Carlos',
	'Aisha',
	'Wei',
	'Olga',
	'Samuel',
	'Grace',
];
const LAST = [
	'Becker',
	'Smith',
	'Johnson',
	'Garcia',
	'Martinez',
	'Brown',
	'Davis',
	'Lopez',
	'Wilson',
	'Anderson',
	'Nguyen',
	'Patel',
	'Kim',
	'Novak',
	'Okafor',
	'Rossi',
];
const STREETS = [
	'E Carol Ave',
	'E Shea Blvd',
	'N Scottsdale Rd',
	'E McDowell Rd',
	'W Camelback Rd',
	'S Mill Ave',
	'E Baseline Rd',
	'N Central Ave',
];
const CITIES: Array<[string, string]> = [
	['Scottsdale', '85259'],
	['Phoenix', '85008'],
	['Mesa', '85212'],
	['Tempe', '85281'],
	['Chandler', '85224'],
	['Gilbert', '85233'],
];
const COMPANIES = ['', '', '', 'Acme Corp', 'Desert Holdings', 'Sonoran Tech', 'Cactus Partners'];
const SOURCES = ['Zillow', 'Trulia', 'Realtor.com', 'Website', 'Open House', 'Referral', 'API'];
const CATEGORIES = [
	'Buyer',
	'Seller',
	'Past Client',
	'Sphere',
	'New Lead',
	'Investor',
	'Renter',
	'Hot Prospect',
];
const NOTE_CATEGORIES = ['Calllist', 'Buyer', 'Seller', 'Follow Up'];
const RANKS = ['A', 'B', 'C', 'D', 'F', 'Unranked'];
const STATUSES = ['New', 'Attempted', 'Contacted', 'Active', 'Nurture', 'Hot Lead', 'Closed', null];
const VENDOR_TYPES = ['Cooperating-Agent', 'Lender', 'Title Company', 'Inspector', 'Attorney'];
const PHONE_PREFS = ['Home Phone', 'Work Phone', 'Cell Phone'];

/** Seeded records start in 2024, so they are "old" next to anything the API changes now. */
const SEED_EPOCH = Date.UTC(2024, 0, 1, 7, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

export const SEED_ID_STARTS = {
	contact: 1000,
	vendor: 26800,
	note: 663000,
	task: 11500,
	call: 11500,
	property: 12400,
	search: 1200,
	clientAddress: 539200,
	custom: 115400,
	category: 11000,
	webhook: 100,
	program: 234,
	transaction: 500,
	content: 123,
	planner: 269300,
	file: 1,
} as const;

function phone(rnd: () => number): string {
	const n = Math.floor(rnd() * 10_000_000)
		.toString()
		.padStart(7, '0');
	return `480-${n.slice(0, 3)}-${n.slice(3)}`;
}

/**
 * Builds an account with `contacts` contacts (plus notes, tasks, calls, properties, vendors, team,
 * programs, transactions, content, calendar) that is identical for the same seed.
 */
export function generateSeedData(seed = 1, contactCount = 50): StoreData {
	const rnd = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
	const data = emptyStoreData();
	const store = new Store(data);
	for (const [kind, start] of Object.entries(SEED_ID_STARTS)) data.sequences[kind] = start;

	data.team = [
		{
			InsideTeamId: 1,
			Name: 'Sandy Agent',
			Phone: '480-555-0100',
			Cell: '480-555-0101',
			Email: 'sandy.agent@example.com',
			JobTitle: 'Broker',
		},
		{
			InsideTeamId: 2,
			Name: 'Ted Teammate',
			Phone: '480-555-0102',
			Cell: '480-555-0103',
			Email: 'ted.teammate@example.com',
			JobTitle: 'Buyer Agent',
		},
		{
			InsideTeamId: 3,
			Name: 'Ana Assistant',
			Phone: '480-555-0104',
			Cell: '480-555-0105',
			Email: 'ana.assistant@example.com',
			JobTitle: 'Assistant',
		},
	];
	data.outsideTeam = [
		{
			TeamMember: 'Olivia Outside',
			Email: 'olivia.outside@example.com',
			Cell: '480-555-0110',
			Phone: '480-555-0111',
		},
		{
			TeamMember: 'Oscar Partner',
			Email: 'oscar.partner@example.com',
			Cell: '480-555-0112',
			Phone: '480-555-0113',
		},
	];
	data.sources = SOURCES.map((Name, i) => ({ ID: i + 1, Name }));
	for (const name of CATEGORIES) store.ensureCategory(name);

	for (let i = 0; i < contactCount; i++) {
		const id = store.nextId('contact');
		const first = pick(FIRST);
		const last = pick(LAST);
		const [city, zip] = pick(CITIES);
		const addedMs = SEED_EPOCH + Math.floor(rnd() * 300 * DAY);
		const updatedMs = addedMs + Math.floor(rnd() * 60 * DAY);
		const categories: string[] = [];
		const catCount = Math.floor(rnd() * 3);
		for (let c = 0; c < catCount; c++) {
			const name = pick(CATEGORIES);
			if (!categories.includes(name)) categories.push(name);
		}
		const contact: Contact = {
			ClientID: id,
			CFirst: first,
			CLast: last,
			Title: '',
			HomePhone: rnd() < 0.5 ? phone(rnd) : '',
			MobilePhone: phone(rnd),
			WorkPhone: '',
			SpouseFirst: '',
			SpouseLast: '',
			CEmail: `${first}.${last}.${id}@example.com`.toLowerCase(),
			Company: pick(COMPANIES),
			AddressStreet: pick(STREETS),
			Source: pick(SOURCES),
			AddressNumber: String(1000 + Math.floor(rnd() * 20000)),
			SuiteNo: '',
			County: 'Maricopa',
			City: city,
			State: 'AZ',
			Zip: zip,
			POBox: '',
			Country: 'USA',
			Fax: '',
			Subdivision: '',
			BuildingFloor: '',
			Website: '',
			SpouseWebsite: '',
			PreferredPhone: pick(PHONE_PREFS),
			SpousePreferredPhone: '',
			Rank: pick(RANKS),
			Status: pick(STATUSES),
			categories,
			insideTeamIds: [1 + Math.floor(rnd() * 3)],
			outsideTeamEmails: [],
			customData: [],
			addedMs,
			updatedMs,
			LastContactDate: null,
			DateMet: null,
			Birthday: null,
			Anniversary: null,
			HomeSaleAnniversary: null,
			extraDetails: {},
		};
		if (rnd() < 0.1) {
			contact.customData.push({
				ClientCustomID: store.nextId('custom'),
				Key: 'CustomField1',
				Value: `Value ${id}`,
			});
		}
		store.addContact(contact);
		const noteCount = Math.floor(rnd() * 3);
		for (let n = 0; n < noteCount; n++) {
			const noteId = store.nextId('note');
			data.notes.set(noteId, {
				NoteID: noteId,
				ownerId: id,
				vendor: false,
				Subject: n === 0 ? 'Intro call' : 'Follow up',
				Note: `<p>Spoke with ${first} about ${city}.</p>`,
				categories: rnd() < 0.5 ? [pick(NOTE_CATEGORIES)] : [],
				insideTeamId: 0,
				createdMs: addedMs + n * DAY,
				locked: rnd() < 0.05,
			});
		}
	}

	const contactIds = [...data.contacts.keys()];
	const anyContact = (): number => (contactIds.length ? pick(contactIds) : 0);

	for (let i = 0; i < Math.max(5, Math.min(200, Math.floor(contactCount / 50))); i++) {
		const id = store.nextId('vendor');
		const first = pick(FIRST);
		data.vendors.set(id, {
			VendorID: id,
			Company: `${pick(LAST)} ${pick(['Lending', 'Title', 'Inspections', 'Realty', 'Law'])}`,
			ContactName: `${first} ${pick(LAST)}`,
			AlternateContact: `${pick(FIRST)} ${pick(LAST)}`,
			Address: `${100 + i} ${pick(STREETS)}`,
			Type: pick(VENDOR_TYPES),
			Email: `vendor${id}@example.com`,
			Phone: phone(rnd),
			updatedMs: SEED_EPOCH + Math.floor(rnd() * 300 * DAY),
		});
	}

	for (let i = 0; i < Math.max(10, Math.min(5000, Math.floor(contactCount / 10))); i++) {
		const id = store.nextId('task');
		const createdMs = SEED_EPOCH + Math.floor(rnd() * 300 * DAY);
		const completed = rnd() < 0.3;
		data.tasks.set(id, {
			TaskID: id,
			Description: pick([
				'Call back',
				'Send listings',
				'Schedule showing',
				'Prepare CMA',
				'Follow up email',
			]),
			TaskNote: '',
			dueMs: createdMs + 7 * DAY,
			Priority: Math.floor(rnd() * 4),
			insideTeamId: 1 + Math.floor(rnd() * 3),
			EstimatedTime: Math.floor(rnd() * 5),
			ContactID: rnd() < 0.8 ? String(anyContact()) : '0',
			completed,
			completedMs: completed ? createdMs + DAY : null,
			createdMs,
			modifiedMs: createdMs,
		});
	}

	for (let i = 0; i < Math.max(10, Math.min(2000, Math.floor(contactCount / 10))); i++) {
		const id = store.nextId('call');
		const addedMs = SEED_EPOCH + Math.floor(rnd() * 300 * DAY);
		const member = pick(data.team);
		data.calls.set(id, {
			CallId: id,
			ClientId: String(anyContact()),
			completed: rnd() < 0.2,
			flagImportant: rnd() < 0.2,
			Reason: pick(['', 'New lead', 'Price change', 'Check in']),
			insideTeamId: member.InsideTeamId,
			AssignedTo: member.Name,
			addedMs,
			nextContactMs: addedMs + Math.floor(rnd() * 14) * DAY,
			CallType: pick(['', 'Phone', 'Email']),
			completedMs: null,
		});
	}

	for (let i = 0; i < Math.max(10, Math.min(2000, Math.floor(contactCount / 20))); i++) {
		const id = store.nextId('property');
		const [city, zip] = pick(CITIES);
		const createdMs = SEED_EPOCH + Math.floor(rnd() * 300 * DAY);
		data.properties.set(id, {
			PropertyID: id,
			fields: {
				AddressNum: String(1000 + Math.floor(rnd() * 20000)),
				Address: pick(STREETS),
				City: city,
				State: 'AZ',
				Zip: zip,
				Country: 'USA',
				County: 'Maricopa',
				MLS: String(6000000 + Math.floor(rnd() * 999999)),
				ListingPrice: String(200000 + Math.floor(rnd() * 80) * 10000),
				LastSalePrice: String(150000 + Math.floor(rnd() * 60) * 10000),
				YearBuilt: String(1960 + Math.floor(rnd() * 64)),
				NumBedrooms: String(1 + Math.floor(rnd() * 5)),
				NumBathrooms: String(1 + Math.floor(rnd() * 3)),
				SquareFt: String(900 + Math.floor(rnd() * 3000)),
				PropertyType: pick(['Residential', 'Condo', 'Land', 'Rental']),
				ListingStatus: pick(['For Sale', 'Recently Sold', 'Pending']),
			},
			archived: rnd() < 0.1,
			photos: [],
			connections: contactIds.length
				? [{ clientId: anyContact(), relation: pick(['Buyer', 'Seller', 'N/A']) }]
				: [],
			createdMs,
			updatedMs: createdMs,
		});
	}

	for (let i = 0; i < Math.min(contactIds.length, 20); i++) {
		const id = store.nextId('search');
		const [city, zip] = pick(CITIES);
		data.searchCriteria.set(id, {
			SearchID: id,
			clientId: contactIds[i],
			propCity: city,
			propZip: zip,
			propType: 'Residential',
			propArea: '',
			propNotes: '',
			minPrice: 100000,
			maxPrice: 400000 + Math.floor(rnd() * 10) * 50000,
			propBath: 2,
			propBed: 3,
			propRentOwn: 'own',
			propMoving: 3,
			propSqft: 0,
		});
		const addressId = store.nextId('clientAddress');
		data.clientAddresses.set(addressId, {
			ClientAddressID: addressId,
			ClientID: contactIds[i],
			AddressType: 'Business',
			AddressNum: '5636',
			Address: 'E McDowell Rd',
			SuiteNo: '',
			POBox: '',
			BldgFloor: '',
			City: 'Phoenix',
			State: 'AZ',
			Zip: '85008',
			County: '',
			Country: 'United States',
			MLS: '',
			Subdivision: null,
			Township: null,
		});
	}

	for (const name of [
		'Web Auto Email Campaign',
		'Web New Buyer Email Campaign',
		'Seller Drip',
		'Past Client Newsletter',
	]) {
		const id = store.nextId('program');
		data.programs.set(id, { ProgramID: id, ProgramName: name, clientIds: [] });
	}
	for (let i = 0; i < 5; i++) {
		const id = store.nextId('transaction');
		const completed = i % 2;
		data.transactions.set(id, {
			CLDataID: id,
			CLName: `${1000 + i * 7} ${pick(STREETS)} closing`,
			deleted: i === 4 ? 1 : 0,
			Completed: completed,
			CompletedDate: completed ? '6/1/2024' : '1/1/1900',
			notes: [
				{ NoteMemo: 'Inspection scheduled', NoteDate: '5/2/2024 9:00:00 AM' },
				{ NoteMemo: 'Appraisal received', NoteDate: '5/9/2024 2:30:00 PM' },
			],
		});
	}
	const contentSeed: Array<[string, string, string, string]> = [
		[
			'Buyer 01',
			'Buyer',
			'5 Musts When Buying a New Home',
			'<h1>5 Things You Should Do Today</h1>',
		],
		[
			'Buyer 02',
			'Buyer',
			'How To Get the Lowest Rate Possible',
			"<h1>Don't Forget These 5 Things</h1>",
		],
		[
			'Seller 01',
			'Seller',
			'Maximize the Selling Potential of Your Home',
			'<h1>5 Simple Steps To Increase Value</h1>',
		],
		['Prospecting 01', 'Prospecting', 'Thinking of moving?', '<p>Let us talk.</p>'],
	];
	for (const [Name, Category, Subject, Html] of contentSeed) {
		const id = store.nextId('content');
		data.content.set(id, { Id: id, Name, Category, Subject, Html });
	}
	const calendarStart = Date.UTC(2024, 4, 13, 17, 0, 0);
	for (let i = 0; i < 30; i++) {
		const id = store.nextId('planner');
		const startMs = calendarStart + i * DAY + Math.floor(rnd() * 8) * 60 * 60 * 1000;
		data.calendar.set(id, {
			PlannerID: id,
			Subject: pick(['Early Morning Meeting', 'Showing', 'Listing appointment', 'Closing']),
			Memo: null,
			startMs,
			endMs: startMs + 30 * 60 * 1000,
			AllDayEvent: false,
			Completed: false,
			EventColor: '',
			EventIcon: '',
			location: '',
			InsideTeamID: 0,
			Attendees: contactIds.length ? `C${anyContact()}` : '',
		});
	}
	return data;
}
