import { formatDisplay, parseDocDate } from '../dates';
import type { CalendarEvent } from '../types';
import { type Route, errors, ok } from './common';

function serializeEvent(e: CalendarEvent): Record<string, unknown> {
	return {
		PlannerID: e.PlannerID,
		Subject: e.Subject,
		Memo: e.Memo,
		StartDate: formatDisplay(e.startMs, 'arizona'),
		EndDate: formatDisplay(e.endMs, 'arizona'),
		AllDayEvent: e.AllDayEvent,
		Completed: e.Completed,
		EventColor: e.EventColor,
		EventIcon: e.EventIcon,
		location: e.location,
		InsideTeamID: e.InsideTeamID,
		Attendees: e.Attendees,
	};
}

const getCalendar: Route = {
	method: 'GET',
	requestType: 'getCalendar',
	scopes: { all: ['calendar'] },
	handle(ctx) {
		const startText = ctx.params.get('startDate');
		const endText = ctx.params.get('endDate');
		if (!startText || !endText) return errors.capital('Missing startDate or endDate');
		const start = parseDocDate(startText, 'arizona');
		const end = parseDocDate(endText, 'arizona');
		if (start === undefined || end === undefined)
			return errors.capital(
				'Invalid Field startDate/endDate - expected MM/DD/YYYY HH:mm or YYYY-MM-DD HH:mm',
			);
		// Events overlapping the window; the sandbox stores no repeating events, so nothing needs expanding.
		const list = [...ctx.store.data.calendar.values()]
			.filter((e) => e.startMs <= end && e.endMs >= start)
			.sort((a, b) => a.startMs - b.startMs);
		return ok(list.map(serializeEvent));
	},
};

/** `eventStartDate` yyyy-mm-dd + `eventStartTime` 12-hour hh:mm + `eventAMPM`, Arizona time. */
function eventTime(
	date: string | undefined,
	time: string | undefined,
	ampm: string | undefined,
): number | undefined {
	if (!date || !/^\d{4}-\d{1,2}-\d{1,2}$/.test(date)) return undefined;
	if (!time) return parseDocDate(date, 'arizona');
	const m = /^(\d{1,2}):(\d{2})$/.exec(time);
	if (!m || Number(m[1]) > 12) return undefined;
	let hour = Number(m[1]) % 12;
	if ((ampm ?? 'AM').toUpperCase() === 'PM') hour += 12;
	return parseDocDate(`${date} ${hour}:${m[2]}`, 'arizona');
}

const addPlannerEvent: Route = {
	method: 'POST',
	requestType: 'addPlannerEvent',
	// Documented scope 'planner' is the calendar scope.
	scopes: { all: ['calendar'] },
	handle(ctx) {
		const { params, store } = ctx;
		const name = params.get('eventName');
		if (!name) return errors.successFalse('eventName is required');
		const startTime = params.get('eventStartTime');
		const start = eventTime(params.get('eventStartDate'), startTime, params.get('eventAMPM'));
		if (start === undefined)
			return errors.successFalse(
				'eventStartDate (yyyy-mm-dd) is required; eventStartTime is 12-hour hh:mm',
			);
		const endDate = params.get('eventEndDate');
		const end = endDate
			? eventTime(endDate, params.get('eventEndTime'), params.get('eventEndAMPM'))
			: start + (startTime ? 60 * 60 * 1000 : 0);
		if (end === undefined || end < start)
			return errors.successFalse('Invalid eventEndDate/eventEndTime');
		const event: CalendarEvent = {
			PlannerID: store.nextId('planner'),
			Subject: name,
			Memo: null,
			startMs: start,
			endMs: end,
			AllDayEvent: !startTime,
			Completed: false,
			EventColor: '',
			EventIcon: '',
			location: '',
			InsideTeamID: 0,
			Attendees: '',
		};
		store.data.calendar.set(event.PlannerID, event);
		// Response undocumented (sandbox choice).
		return ok({ success: true, PlannerID: event.PlannerID });
	},
};

export const calendarRoutes: Route[] = [getCalendar, addPlannerEvent];
