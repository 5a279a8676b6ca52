import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { WiseAgentPollTrigger } from '../../nodes/WiseAgentPollTrigger/WiseAgentPollTrigger.node';
import type { SinceReading, TimeFormat } from '../helpers/fakeContactsApi';
import { FakeContactsApi } from '../helpers/fakeContactsApi';
import { credentialData } from '../helpers/n8n';
import { TriggerHarness } from '../helpers/trigger';

/**
 * The contact Poll Trigger against a simulated, changing Wise Agent account: every contact
 * change must be emitted exactly once (no duplicate, no miss, nothing else), whatever the poll
 * interval, the clock difference between Wise Agent and n8n, and the reading of "updated since".
 *
 * Matrix: poll every 1 / 5 / 15 / 60 min (±20 s jitter) × Wise Agent's clock −5 / 0 / +5 min
 * off n8n's × "since" inclusive / exclusive × record times ISO (ms) / minute-precision US text ×
 * Trigger On New Only / New or Updated; plus 250 contacts sharing one DateUpdatedUTC across
 * pages of 100 (every interval but 60). Each cell is one test; a failing cell names its
 * duplicates, misses and unexpected emissions, tallied by the kind of timing that caused them.
 *
 * The fake (test/helpers/fakeContactsApi.ts) is a real HTTP server on 127.0.0.1, named as the
 * credential's Server URL. Time is simulated: jest fakes only `Date` (timers stay real, so HTTP
 * works), the test moves n8n's clock with `jest.setSystemTime` before each poll, and the fake
 * stamps changes with that clock plus the skew. A poll runs at one instant (the clock does not
 * move during it). Scenarios are seeded, so every run is the same.
 *
 * Items are read as `{ resourceId, record }` (the rewritten trigger) or as the bare contact
 * (`ClientID`, `DateUpdatedUTC`), so the test runs on either. Parameters: event 'contact',
 * change 'new' | 'newOrUpdated', options left at their defaults (overlapMinutes 2).
 *
 * Set POLL_MATRIX_SUMMARY=1 to print a table of every cell.
 */

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Activation (the first poll), on n8n's clock. */
const START = Date.parse('2026-12-01T09:00:07.000Z');
/** Late commits: stamped T, readable from T + 30 s. */
const LATE_MS = 30 * SEC;
const JITTER_MS = 20 * SEC;

type Mode = 'new' | 'newOrUpdated';

type Timing =
	| 'random'
	| 'beforePoll'
	| 'afterPoll'
	| 'pollMinute'
	| 'late'
	| 'lateAcrossPoll'
	| 'tracked'
	| 'bulk'
	| 'bulkLate'
	| 'beforeActivation';

interface PlannedChange {
	tag: number;
	id: number;
	/** n8n's clock when the change is made. */
	at: number;
	lateMs: number;
	kind: 'create' | 'update';
	timing: Timing;
}

interface Scenario {
	/** Poll instants on n8n's clock; the first is the activation. */
	polls: number[];
	/** Contacts that exist before the test: times on n8n's clock (the fake adds the skew). */
	seeds: Array<{ id: number; addedAt: number; updatedAt: number }>;
	/** Every change, pre-activation ones included, by time. */
	changes: PlannedChange[];
}

interface Cell {
	label: string;
	scenario: () => Scenario;
	interval: number;
	skew: number;
	since: SinceReading;
	format: TimeFormat;
	mode: Mode;
}

interface CellResult {
	cell: Cell;
	expected: number;
	duplicated: number;
	missed: number;
	unexpected: number;
	errors: string[];
	polls: number;
	requests: number;
	message: string;
}

// ---------------------------------------------------------------- scenarios (seeded)

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Activation at START, then every `interval` with ±20 s jitter, up to `until`. */
function pollSchedule(interval: number, rand: () => number, until: number): number[] {
	const polls = [START];
	for (let k = 1; ; k++) {
		const at = START + k * interval + Math.round((rand() * 2 - 1) * JITTER_MS);
		if (at > until) return polls;
		polls.push(at);
	}
}

const SEEDED = Array.from({ length: 40 }, (_, i) => 1001 + i);

/**
 * `count` changes between START + 8 min and START + `minutes`, on seeded contacts and new ones:
 * a contact's changes are at least interval + 2.5 min apart, so that each of its versions is
 * readable at some poll (a version overwritten before any poll could see it cannot be emitted).
 * Includes one contact created and then updated three times.
 */
function buildStream(
	interval: number,
	rand: () => number,
	polls: number[],
	count: number,
	minutes: number,
): { seeds: Scenario['seeds']; changes: PlannedChange[] } {
	const from = START + 8 * MIN;
	const to = START + minutes * MIN;
	const gap = interval + 150 * SEC;
	const seeds = SEEDED.map((id, i) => ({
		id,
		addedAt: START - 30 * DAY + i * 3 * HOUR,
		updatedAt: START - 10 * DAY + i * HOUR,
	}));
	const changes: PlannedChange[] = [];
	const lastAt = new Map<number, number>(seeds.map((seed) => [seed.id, seed.updatedAt]));
	const add = (id: number, at: number, timing: Timing, lateMs = 0) => {
		changes.push({ tag: 0, id, at, lateMs, kind: lastAt.has(id) ? 'update' : 'create', timing });
		lastAt.set(id, at);
	};

	// Before activation: updates that exist already when the trigger starts (never emitted).
	for (let i = 0; i < 8; i++) {
		const ago = i < 3 ? (1 + rand() * 4) * MIN : (10 + rand() * 50) * MIN;
		add(SEEDED[i * 4], START - Math.round(ago), 'beforeActivation');
	}

	// One contact created and then updated three times.
	const tracked = 2000;
	let trackedAt = from + MIN + Math.round(rand() * MIN);
	for (let i = 0; i < 4; i++) {
		add(tracked, trackedAt, 'tracked');
		trackedAt += gap + Math.round(rand() * 2 * MIN);
	}

	const nearPolls = polls.filter((at) => at > from + 5 * SEC && at < to);
	const anyPoll = () => nearPolls[Math.floor(rand() * nearPolls.length)];
	const times: Array<{ at: number; timing: Timing; lateMs: number }> = [];
	for (let i = 0; i < count - 4; i++) {
		const roll = rand();
		const within = from + Math.round(rand() * (to - from));
		if (roll < 0.3 || nearPolls.length === 0) {
			times.push({ at: within, timing: 'random', lateMs: 0 });
		} else if (roll < 0.45) {
			times.push({
				at: anyPoll() - 50 - Math.round(rand() * 3 * SEC),
				timing: 'beforePoll',
				lateMs: 0,
			});
		} else if (roll < 0.55) {
			times.push({
				at: anyPoll() + 10 + Math.round(rand() * 2 * SEC),
				timing: 'afterPoll',
				lateMs: 0,
			});
		} else if (roll < 0.7) {
			// In the same minute as a poll (skews are whole minutes: on both clocks).
			const minute = Math.floor(anyPoll() / MIN) * MIN;
			times.push({ at: minute + Math.round(rand() * (MIN - 1)), timing: 'pollMinute', lateMs: 0 });
		} else if (roll < 0.85) {
			times.push({ at: within, timing: 'late', lateMs: LATE_MS });
		} else {
			// Stamped before a poll, readable only after it.
			const at = anyPoll() - SEC - Math.round(rand() * 28 * SEC);
			times.push({ at, timing: 'lateAcrossPoll', lateMs: LATE_MS });
		}
	}
	times.sort((a, b) => a.at - b.at);

	let nextId = 2001;
	for (const time of times) {
		const eligible = [...lastAt.entries()]
			.filter(([id, at]) => id !== tracked && at <= time.at - gap)
			.map(([id]) => id);
		const id =
			rand() < 0.45 || eligible.length === 0
				? nextId++
				: eligible[Math.floor(rand() * eligible.length)];
		add(id, time.at, time.timing, time.lateMs);
	}
	return { seeds, changes };
}

function finish(scenario: Scenario): Scenario {
	scenario.changes.sort((a, b) => a.at - b.at);
	scenario.changes.forEach((change, index) => (change.tag = index));
	return scenario;
}

const memo = new Map<string, Scenario>();
function memoized(key: string, make: () => Scenario): () => Scenario {
	return () => {
		if (!memo.has(key)) memo.set(key, finish(make()));
		return memo.get(key)!;
	};
}

/** 110 changes over three hours, then polls until everything has settled. */
function streamScenario(interval: number): Scenario {
	const rand = mulberry32(0x5eed0000 + interval);
	const I = interval * MIN;
	const polls = pollSchedule(I, rand, START + 180 * MIN + Math.max(3 * I, 20 * MIN) + I);
	return { polls, ...buildStream(I, rand, polls, 110, 180) };
}

/**
 * 250 contacts imported with one DateUpdatedUTC (150 readable at once, 100 committed 30 s later,
 * a poll in between), later updated in bulk with one DateUpdatedUTC again; with page_size 100 each
 * read spans three pages. 20 ordinary changes run alongside.
 */
function bulkScenario(interval: number): Scenario {
	const rand = mulberry32(0xb01c0000 + interval);
	const I = interval * MIN;
	const all = pollSchedule(I, rand, START + 6 * HOUR);
	const importPoll = all.find((at) => at >= START + 20 * MIN)!;
	const updatePoll = all.find((at) => at >= importPoll + Math.max(20 * MIN, I + 3 * MIN))!;
	const polls = all.filter((at) => at <= updatePoll + Math.max(3 * I, 20 * MIN) + I);
	const stream = buildStream(I, rand, polls, 20, 60);
	const importAt = importPoll - 10 * SEC;
	const updateAt = updatePoll - 5 * SEC;
	for (let i = 0; i < 250; i++) {
		const id = 5001 + i;
		const late = i % 5 === 1 || i % 5 === 3;
		stream.changes.push({
			tag: 0,
			id,
			at: importAt,
			lateMs: late ? LATE_MS : 0,
			kind: 'create',
			timing: late ? 'bulkLate' : 'bulk',
		});
		stream.changes.push({ tag: 0, id, at: updateAt, lateMs: 0, kind: 'update', timing: 'bulk' });
	}
	return { polls, ...stream };
}

// ---------------------------------------------------------------- running a cell

/** A record time as printed by Wise Agent (`2026-12-01T11:44:57.123Z` or `12/1/2026 11:44`). */
function parseRecordTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return Date.parse(value);
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(value);
	return us ? Date.UTC(+us[3], +us[1] - 1, +us[2], +us[4], +us[5]) : undefined;
}

interface Emission {
	poll: number;
	id: string;
	time: unknown;
}

function emissionOf(item: INodeExecutionData, poll: number): Emission {
	const json = item.json as Record<string, unknown>;
	const record = json.record as Record<string, unknown> | undefined;
	return {
		poll,
		id: String(json.resourceId ?? json.ClientID ?? record?.ClientID),
		time: record?.DateUpdatedUTC ?? json.DateUpdatedUTC,
	};
}

async function runCell(cell: Cell): Promise<CellResult> {
	const scenario = cell.scenario();
	const api = new FakeContactsApi({
		skewMs: cell.skew * MIN,
		since: cell.since,
		format: cell.format,
	});
	for (const seed of scenario.seeds) {
		api.seed(seed.id, api.apiTime(seed.addedAt), api.apiTime(seed.updatedAt));
	}
	const stampOf = new Map<number, number>();
	for (const change of scenario.changes) {
		stampOf.set(change.tag, api.change(change.id, change.at, change.tag, change.lateMs));
	}
	const emissions: Emission[] = [];
	const errors: string[] = [];
	try {
		const harness = new TriggerHarness(
			new WiseAgentPollTrigger(),
			{ event: 'contact', change: cell.mode },
			{ credentials: credentialData({ serverUrl: await api.start() }) },
		);
		for (const [index, at] of scenario.polls.entries()) {
			jest.setSystemTime(at);
			try {
				const items = await harness.poll();
				for (const item of items ?? []) emissions.push(emissionOf(item, index));
			} catch (error) {
				errors.push(`poll ${index}: ${(error as Error).message}`);
			}
		}
	} finally {
		await api.close();
	}
	errors.push(...api.problems);

	// What must come out: after activation, each created contact (New Only) or each version of a
	// contact that some poll could read (New or Updated: by ClientID and DateUpdatedUTC).
	const timeKey = (ms: number) =>
		cell.format === 'iso' ? String(ms) : String(Math.floor(ms / MIN) * MIN);
	const keyOf = (id: string, stamp: number | undefined) =>
		cell.mode === 'new' ? id : `${id}@${stamp === undefined ? '?' : timeKey(stamp)}`;
	const laterPolls = scenario.polls.slice(1);
	const expected = new Map<string, PlannedChange>();
	const known = new Map<string, PlannedChange>();
	let unreadable = 0;
	for (const change of scenario.changes) {
		const stamp = stampOf.get(change.tag)!;
		const key = keyOf(String(change.id), stamp);
		known.set(key, change);
		if (change.timing === 'beforeActivation') continue;
		if (cell.mode === 'new') {
			if (change.kind === 'create') expected.set(key, change);
			continue;
		}
		const versions = api.versionsOf(change.id);
		const at = versions.findIndex((version) => version.tag === change.tag);
		const until = versions[at + 1]?.visibleAt ?? Infinity;
		const from = versions[at].visibleAt;
		if (laterPolls.some((poll) => poll >= from && poll < until)) expected.set(key, change);
		else unreadable++;
	}

	const counts = new Map<string, number>();
	const pollsOf = new Map<string, number[]>();
	for (const emission of emissions) {
		const key = keyOf(emission.id, parseRecordTime(emission.time));
		counts.set(key, (counts.get(key) ?? 0) + 1);
		pollsOf.set(key, [...(pollsOf.get(key) ?? []), emission.poll]);
	}
	const duplicated = [...expected.keys()].filter((key) => (counts.get(key) ?? 0) > 1);
	const missed = [...expected.keys()].filter((key) => !counts.has(key));
	const unexpected = [...counts.keys()].filter((key) => !expected.has(key));
	const byTiming = (keys: string[]) => {
		const tally = new Map<string, number>();
		for (const key of keys) {
			const timing = expected.get(key)?.timing ?? known.get(key)?.timing ?? 'seeded history';
			tally.set(timing, (tally.get(timing) ?? 0) + 1);
		}
		return [...tally.entries()].map(([timing, n]) => `${timing} ${n}`).join(', ');
	};
	// `2003@09:13:04.120` (DateUpdatedUTC on Wise Agent's clock) and the polls that emitted it.
	const name = (key: string) => {
		const [id, stamp] = key.split('@');
		const time =
			stamp === undefined || stamp === '?'
				? (stamp ?? '')
				: `@${new Date(Number(stamp)).toISOString().slice(11, cell.format === 'iso' ? 23 : 16)}`;
		const polls = pollsOf.get(key);
		return `${id}${time}${polls ? ` (poll ${polls.join(', ')})` : ''}`;
	};
	const show = (keys: string[]) => keys.slice(0, 4).map(name).join(' ');
	const lines = [
		`${cell.label}: ${expected.size} changes, ${duplicated.length} duplicated, ${missed.length} missed, ` +
			`${unexpected.length} unexpected, ${errors.length} errors ` +
			`(${emissions.length} emitted over ${scenario.polls.length} polls, ${api.requests.length} requests` +
			`${unreadable ? `, ${unreadable} versions overwritten before any poll` : ''})`,
	];
	if (duplicated.length) lines.push(`  duplicated [${byTiming(duplicated)}]: ${show(duplicated)}`);
	if (missed.length) lines.push(`  missed [${byTiming(missed)}]: ${show(missed)}`);
	if (unexpected.length) lines.push(`  unexpected [${byTiming(unexpected)}]: ${show(unexpected)}`);
	if (errors.length) lines.push(`  errors: ${errors.slice(0, 3).join(' | ')}`);
	return {
		cell,
		expected: expected.size,
		duplicated: duplicated.length,
		missed: missed.length,
		unexpected: unexpected.length,
		errors,
		polls: scenario.polls.length,
		requests: api.requests.length,
		message: lines.join('\n'),
	};
}

// ---------------------------------------------------------------- the matrix

const MODES: Mode[] = ['new', 'newOrUpdated'];
const SKEWS = [-5, 0, 5];
const READINGS: SinceReading[] = ['inclusive', 'exclusive'];

function cells(
	kind: string,
	intervals: number[],
	formats: TimeFormat[],
	make: (interval: number) => Scenario,
): Cell[] {
	const list: Cell[] = [];
	for (const format of formats) {
		for (const interval of intervals) {
			const scenario = memoized(`${kind}:${interval}`, () => make(interval));
			for (const skew of SKEWS) {
				for (const since of READINGS) {
					for (const mode of MODES) {
						const clock =
							skew === 0 ? 'same clock' : `Wise Agent ${skew > 0 ? '+' : '−'}${Math.abs(skew)} min`;
						list.push({
							label: `${kind} · every ${interval} min · ${clock} · since ${since} · ${format} times · ${mode}`,
							scenario,
							interval,
							skew,
							since,
							format,
							mode,
						});
					}
				}
			}
		}
	}
	return list;
}

const results: CellResult[] = [];

beforeAll(() => {
	// Real sockets to the fake on 127.0.0.1: nock's interception stays off for this file.
	nock.restore();
	jest.useFakeTimers({
		now: START,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
});
afterAll(() => {
	jest.useRealTimers();
	if (process.env.POLL_MATRIX_SUMMARY) {
		const rows = results.map(
			(r) =>
				`${r.duplicated === 0 && r.missed === 0 && r.unexpected === 0 && r.errors.length === 0 ? 'ok  ' : 'FAIL'} ` +
				`${String(r.duplicated).padStart(3)} dup ${String(r.missed).padStart(3)} miss ` +
				`${String(r.unexpected).padStart(3)} unexp ${String(r.errors.length).padStart(2)} err / ${String(r.expected).padStart(3)} · ${r.cell.label}`,
		);
		process.stdout.write(`\nPoll matrix\n${rows.join('\n')}\n`);
	}
});

async function expectExactlyOnce(cell: Cell) {
	const result = await runCell(cell);
	results.push(result);
	const clean =
		result.duplicated === 0 &&
		result.missed === 0 &&
		result.unexpected === 0 &&
		result.errors.length === 0;
	if (!clean) throw new Error(result.message);
	expect(result.expected).toBeGreaterThan(0);
}

const STREAM_CELLS = cells('stream', [1, 5, 15, 60], ['iso', 'usMinute'], streamScenario);
const BULK_CELLS = cells('bulk', [1, 5, 15], ['iso', 'usMinute'], bulkScenario);

describe('contact Poll Trigger emits every change exactly once', () => {
	describe('110 changes over three hours', () => {
		it.each(STREAM_CELLS.map((cell) => [cell.label, cell] as const))(
			'%s',
			async (_label, cell) => await expectExactlyOnce(cell),
		);
	});

	describe('250 contacts sharing one DateUpdatedUTC across pages of 100', () => {
		it.each(BULK_CELLS.map((cell) => [cell.label, cell] as const))(
			'%s',
			async (_label, cell) => await expectExactlyOnce(cell),
		);
	});

	it('the scenarios are what they claim', () => {
		for (const interval of [1, 5, 15, 60]) {
			const scenario = memoized(`stream:${interval}`, () => streamScenario(interval))();
			const live = scenario.changes.filter((change) => change.timing !== 'beforeActivation');
			expect(live).toHaveLength(110);
			const tracked = live.filter((change) => change.id === 2000);
			expect(tracked.map((change) => change.kind)).toEqual([
				'create',
				'update',
				'update',
				'update',
			]);
			const timings = new Set(live.map((change) => change.timing));
			for (const timing of [
				'random',
				'beforePoll',
				'afterPoll',
				'pollMinute',
				'late',
				'lateAcrossPoll',
			]) {
				expect(timings).toContain(timing);
			}
			// Poll gaps stay within interval ± 40 s.
			const gaps = scenario.polls.slice(1).map((at, i) => at - scenario.polls[i]);
			expect(Math.max(...gaps)).toBeLessThanOrEqual(interval * MIN + 2 * JITTER_MS);
			expect(scenario.changes[scenario.changes.length - 1].at).toBeLessThan(
				scenario.polls[scenario.polls.length - 1] - interval * MIN,
			);
		}
		// Every change after activation is the current version of its contact at some poll, so
		// each one can be emitted (none is overwritten before any read).
		const scenarios = [
			...[1, 5, 15, 60].map((i) => memoized(`stream:${i}`, () => streamScenario(i))()),
			...[1, 5, 15].map((i) => memoized(`bulk:${i}`, () => bulkScenario(i))()),
		];
		for (const scenario of scenarios) {
			const readable = scenario.changes.filter((change) => {
				if (change.timing === 'beforeActivation') return true;
				const from = change.at + change.lateMs;
				const next = scenario.changes.find((c) => c.id === change.id && c.at > change.at);
				const until = next ? next.at + next.lateMs : Infinity;
				return scenario.polls.slice(1).some((poll) => poll >= from && poll < until);
			});
			expect(readable).toHaveLength(scenario.changes.length);
		}
		const bulk = memoized('bulk:5', () => bulkScenario(5))();
		const imported = bulk.changes.filter((change) => change.id > 5000 && change.kind === 'create');
		expect(imported).toHaveLength(250);
		expect(new Set(imported.map((change) => change.at)).size).toBe(1);
		const importAt = imported[0].at;
		// A poll falls between the first 150 becoming readable and the late 100.
		expect(bulk.polls.some((at) => at >= importAt && at < importAt + LATE_MS)).toBe(true);
	});
});
