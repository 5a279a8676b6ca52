import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { DATA_PATH, SERVER_URL, runWiseAgentNode } from '../../helpers/n8n';

const api = () => nock(SERVER_URL);

const EVENT = {
	PlannerID: 269399,
	Subject: 'Early Morning Meeting',
	Memo: null,
	StartDate: '5/14/2024 10:00:00 AM',
	EndDate: '5/14/2024 10:30:00 AM',
	AllDayEvent: false,
	Completed: false,
	EventColor: '',
	EventIcon: '',
	location: '',
	InsideTeamID: 0,
	Attendees: 'C1234,V567',
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Calendar → Get Many Events', () => {
	const getEvents = (extra: INodeParameters) => ({
		resource: 'calendar',
		operation: 'getEvents',
		returnAll: true,
		...extra,
	});

	it.each([
		// New York is UTC−4 in summer, UTC−5 in winter; Arizona is UTC−7 all year.
		[
			'summer',
			'2024-07-15T10:00:00',
			'2024-07-15T18:30:00',
			'07/15/2024 07:00',
			'07/15/2024 15:30',
		],
		[
			'winter',
			'2024-01-15T10:00:00',
			'2024-01-15T18:30:00',
			'01/15/2024 08:00',
			'01/15/2024 16:30',
		],
		[
			'across midnight',
			'2024-07-15T02:00:00',
			'2024-07-16T00:00:00',
			'07/14/2024 23:00',
			'07/15/2024 21:00',
		],
	])(
		'sends a New York %s time as Arizona wall time',
		async (_season, start, end, azStart, azEnd) => {
			const scope = api()
				.get(DATA_PATH)
				.query({ requestType: 'getCalendar', startDate: azStart, endDate: azEnd })
				.reply(200, [EVENT]);

			const result = await runWiseAgentNode({
				parameters: getEvents({ startDate: start, endDate: end }),
				timezone: 'America/New_York',
			});

			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
		},
	);

	it('reads an ISO time with an offset as that instant, whatever the workflow zone', async () => {
		const scope = api()
			.get(DATA_PATH)
			.query({
				requestType: 'getCalendar',
				startDate: '03/10/2024 05:00',
				endDate: '03/10/2024 05:00',
			})
			.reply(200, []);

		await runWiseAgentNode({
			parameters: getEvents({ startDate: '2024-03-10T12:00:00Z', endDate: '2024-03-10T12:00:00Z' }),
			timezone: 'Asia/Tokyo',
		});

		expect(scope.isDone()).toBe(true);
	});

	it('gives compact events, Arizona times in UTC and attendees decoded (Simplify on)', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [EVENT, { ...EVENT, PlannerID: 2, Attendees: '', InsideTeamID: 3 }]);

		const result = await runWiseAgentNode({
			parameters: getEvents({ startDate: '2024-05-14T00:00:00', endDate: '2024-05-15T00:00:00' }),
		});

		const compact = {
			id: '269399',
			subject: 'Early Morning Meeting',
			notes: null,
			// 10:00 on the account's Arizona clock (UTC−7) is 17:00 UTC.
			start: '2024-05-14T17:00:00.000Z',
			end: '2024-05-14T17:30:00.000Z',
			allDay: false,
			completed: false,
			location: null,
			teamMemberId: null,
			attendees: [
				{ type: 'client', id: '1234', contactId: '1234' },
				{ type: 'vendor', id: '567', contactId: 'V567' },
			],
		};
		expect(result.items).toEqual([
			{ json: compact, pairedItem: { item: 0 } },
			{
				json: { ...compact, id: '2', teamMemberId: '3', attendees: [] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('with Simplify off, gives the events as sent plus attendeeIds, up to the limit', async () => {
		api()
			.get(DATA_PATH)
			.query(true)
			.reply(200, [EVENT, { ...EVENT, PlannerID: 2 }]);

		const result = await runWiseAgentNode({
			parameters: getEvents({
				startDate: '2024-05-14T00:00:00',
				endDate: '2024-05-15T00:00:00',
				simplify: false,
				returnAll: false,
				limit: 1,
			}),
		});

		expect(result.items).toEqual([
			{
				json: {
					...EVENT,
					attendeeIds: [
						{ type: 'client', id: '1234', contactId: '1234' },
						{ type: 'vendor', id: '567', contactId: 'V567' },
					],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		[
			{ startDate: '2024-05-15T00:00:00', endDate: '2024-05-14T23:59:00' },
			'End: must not be before Start (item 0)',
		],
		[
			{ startDate: 'next tuesday', endDate: '2024-05-14T00:00:00' },
			'Start: "next tuesday" is not a date Wise Agent can read (item 0)',
		],
	])('rejects %j without a request', async (dates, message) => {
		const result = await runWiseAgentNode({ parameters: getEvents(dates) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api().get(DATA_PATH).query(true).twice().reply(200, { Error: 'Invalid startDate' });
		const parameters = getEvents({
			startDate: '2024-05-14T00:00:00',
			endDate: '2024-05-15T00:00:00',
		});

		const failed = await runWiseAgentNode({ parameters });
		const continued = await runWiseAgentNode({ parameters, continueOnFail: true });

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Invalid startDate',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Invalid startDate' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Calendar → Create Event (addPlannerEvent)', () => {
	const createEvent = (extra: INodeParameters) => ({
		resource: 'calendar',
		operation: 'createEvent',
		eventName: 'Showing at 12 Main St',
		...extra,
	});
	const expectEvent = (form: Record<string, string>) =>
		api()
			.post(DATA_PATH, { eventName: 'Showing at 12 Main St', ...form })
			.query({ requestType: 'addPlannerEvent' })
			.reply(200, { success: true });

	it('sends the picked start as yyyy-mm-dd plus 12-hour Arizona time and AM/PM, and the end likewise', async () => {
		// 13:05 in New York (UTC−4 in July) is 10:05 in Arizona (UTC−7); 00:30 on the 16th is
		// 21:30 on the 15th.
		const scope = expectEvent({
			eventStartDate: '2024-07-15',
			eventStartTime: '10:05',
			eventAMPM: 'AM',
			eventEndDate: '2024-07-15',
			eventEndTime: '09:30',
			eventEndAMPM: 'PM',
		});

		const result = await runWiseAgentNode({
			parameters: createEvent({
				eventStart: '2024-07-15T13:05:00',
				additionalFields: { eventEnd: '2024-07-16T00:30:00' },
			}),
			timezone: 'America/New_York',
		});

		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{ json: { success: true, eventName: 'Showing at 12 Main St' }, pairedItem: { item: 0 } },
		]);
	});

	it.each([
		['noon', '2024-01-15T12:00:00', '12:00', 'PM'],
		['morning', '2024-01-15T09:45:00', '09:45', 'AM'],
	])('writes %s as the 12-hour clock does', async (_label, picked, time, amPm) => {
		const scope = expectEvent({
			eventStartDate: '2024-01-15',
			eventStartTime: time,
			eventAMPM: amPm,
		});

		await runWiseAgentNode({
			parameters: createEvent({ eventStart: picked }),
			timezone: 'America/Phoenix',
		});

		expect(scope.isDone()).toBe(true);
	});

	it('sends an instant with an offset as its Arizona time, whatever the workflow’s zone', async () => {
		// 18:05 UTC is 11:05 in Arizona (UTC−7 all year).
		const scope = expectEvent({
			eventStartDate: '2024-07-15',
			eventStartTime: '11:05',
			eventAMPM: 'AM',
		});

		await runWiseAgentNode({
			parameters: createEvent({ eventStart: '2024-07-15T18:05:00Z' }),
			timezone: 'Europe/Berlin',
		});

		expect(scope.isDone()).toBe(true);
	});

	it.each([
		[
			{ eventStart: '2024-07-15T10:00:00', additionalFields: { eventEnd: '2024-07-15T09:00:00' } },
			'End: must not be before Start (item 0)',
		],
		[
			{ eventStart: '2024-07-15T10:00:00', eventName: '={{ " " }}' },
			'Event Name: is required (item 0)',
		],
		[
			{ eventStart: '={{ "15th of July" }}' },
			'Start: "15th of July" is not a date Wise Agent can read (item 0)',
		],
	])('rejects %j without a request', async (extra, message) => {
		const result = await runWiseAgentNode({ parameters: createEvent(extra as INodeParameters) });

		expect(result.error).toMatchObject({ name: 'NodeOperationError', message });
	});

	it('fails with the API message; with continueOnFail emits a paired error item', async () => {
		api()
			.post(DATA_PATH)
			.query({ requestType: 'addPlannerEvent' })
			.twice()
			.reply(200, { error: 'Missing eventName' });
		const parameters = createEvent({ eventStart: '2024-07-15T10:00:00' });

		const failed = await runWiseAgentNode({ parameters });
		const continued = await runWiseAgentNode({ parameters, continueOnFail: true });

		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Wise Agent: Missing eventName',
		});
		expect(continued.items).toEqual([
			{
				json: expect.objectContaining({ error: 'Wise Agent: Missing eventName' }),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Calendar → Create Event: Arizona time, and all-day events', () => {
	const createEvent = (extra: INodeParameters) => ({
		resource: 'calendar',
		operation: 'createEvent',
		eventName: 'Open house',
		...extra,
	});
	const expectEvent = (form: Record<string, string>) =>
		api()
			.post(DATA_PATH, { eventName: 'Open house', ...form })
			.query({ requestType: 'addPlannerEvent' })
			.reply(200, { success: true });

	it('sends the Arizona wall time of the picked instant (New York 09:00 in July is 06:00 AM)', async () => {
		const scope = expectEvent({
			eventStartDate: '2024-07-15',
			eventStartTime: '06:00',
			eventAMPM: 'AM',
		});
		const result = await runWiseAgentNode({
			parameters: createEvent({ eventStart: '2024-07-15T09:00:00' }),
			timezone: 'America/New_York',
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('All Day sends only the dates, as picked in the workflow’s zone', async () => {
		const scope = expectEvent({ eventStartDate: '2024-07-15', eventEndDate: '2024-07-16' });
		const result = await runWiseAgentNode({
			parameters: createEvent({
				eventStart: '2024-07-15T00:00:00',
				allDay: true,
				additionalFields: { eventEnd: '2024-07-16T00:00:00' },
			}),
			timezone: 'Europe/Berlin',
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json).toEqual({
			success: true,
			eventName: 'Open house',
			allDay: true,
		});
	});

	it('a date without a time makes an all-day event', async () => {
		const scope = expectEvent({ eventStartDate: '2024-07-15' });
		const result = await runWiseAgentNode({
			parameters: createEvent({ eventStart: '={{ "2024-07-15" }}' }),
			timezone: 'America/New_York',
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('an all-day End before Start is rejected', async () => {
		const result = await runWiseAgentNode({
			parameters: createEvent({
				eventStart: '2024-07-15',
				allDay: true,
				additionalFields: { eventEnd: '2024-07-14' },
			}),
		});
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'End: must not be before Start (item 0)',
		});
	});
});
