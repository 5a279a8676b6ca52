import { formatDisplay, formatDisplayDate, parseDocDate } from '../dates';
import type { Store } from '../store';
import type { Task } from '../types';
import {
	type Params,
	type Reply,
	type RequestContext,
	type Route,
	contactRefExists,
	errors,
	formatContactRef,
	intParam,
	ok,
	paginate,
	parseContactRef,
	parseId,
} from './common';

const TEAM = { all: ['team'] };

/** Documented placeholder for "never completed". */
const NEVER = '1/1/1900 7:00:00 AM';

export function serializeTask(store: Store, t: Task): Record<string, unknown> {
	return {
		TaskID: String(t.TaskID),
		TaskDue: t.dueMs === null ? '' : formatDisplayDate(t.dueMs, 'arizona'),
		Completed: String(t.completed),
		Priority: String(t.Priority),
		Description: t.Description,
		AssignedTo: store.data.team.find((m) => m.InsideTeamId === t.insideTeamId)?.Name ?? '',
		DateCreated: formatDisplay(t.createdMs, 'arizona'),
		DateModified: formatDisplay(t.modifiedMs, 'arizona'),
		EstimatedTime: String(t.EstimatedTime),
		CompletedDate: t.completedMs === null ? NEVER : formatDisplay(t.completedMs, 'arizona'),
		ContactID: t.ContactID,
	};
}

/** Validates and applies the documented task fields that were sent. Returns an error message or the changed field names. */
function applyTaskFields(store: Store, params: Params, task: Task, now: number): string | string[] {
	const changed: string[] = [];
	const staged: Partial<Task> = {};
	const description = params.get('Description');
	if (description !== undefined) staged.Description = description;
	const note = params.get('TaskNote');
	if (note !== undefined) {
		if (note.length > 2048) return 'TaskNote exceeds the 2048 character limit';
		staged.TaskNote = note;
	}
	const due = params.get('TaskDue');
	if (due !== undefined) {
		const ms = due === '' ? null : parseDocDate(due, 'arizona');
		if (ms === undefined) return 'Invalid TaskDue - expected MM/DD/YYYY';
		staged.dueMs = ms;
	}
	const priority = params.get('Priority');
	if (priority !== undefined) {
		const n = intParam(priority, -1);
		if (n < 0 || n > 3) return 'Invalid Priority - expected 0-3';
		staged.Priority = n;
	}
	const estimate = params.get('EstimatedTime');
	if (estimate !== undefined) {
		const n = intParam(estimate, -1);
		if (n < 0 || n > 4) return 'Invalid EstimatedTime - expected 0-4';
		staged.EstimatedTime = n;
	}
	const teamRaw = params.get('InsideTeamId');
	if (teamRaw !== undefined) {
		const id = parseId(teamRaw);
		if (id === undefined || !store.data.team.some((m) => m.InsideTeamId === id))
			return 'Invalid InsideTeamId';
		staged.insideTeamId = id;
	}
	const contactRaw = params.get('ContactID');
	if (contactRaw !== undefined && contactRaw !== '0' && contactRaw !== '') {
		const ref = parseContactRef(contactRaw);
		if (!ref || !contactRefExists(store, ref)) return `Invalid ContactID ${contactRaw}`;
		staged.ContactID = formatContactRef(ref);
	} else if (contactRaw !== undefined) {
		staged.ContactID = '0';
	}
	const completed = params.get('Completed');
	if (completed !== undefined) {
		if (!/^(yes|no|true|false)$/i.test(completed)) return 'Invalid Completed - expected yes or no';
		const done = /^(yes|true)$/i.test(completed);
		if (done !== task.completed) {
			staged.completed = done;
			staged.completedMs = done ? now : null;
		}
	}
	for (const [key, value] of Object.entries(staged)) {
		if ((task as unknown as Record<string, unknown>)[key] !== value) changed.push(key);
		(task as unknown as Record<string, unknown>)[key] = value;
	}
	return changed;
}

function newTask(id: number, now: number): Task {
	return {
		TaskID: id,
		Description: '',
		TaskNote: '',
		dueMs: null,
		Priority: 0,
		insideTeamId: 0,
		EstimatedTime: 0,
		ContactID: '0',
		completed: false,
		completedMs: null,
		createdMs: now,
		modifiedMs: now,
	};
}

const listTasks: Route = {
	method: 'GET',
	requestType: 'tasks',
	scopes: TEAM,
	handle(ctx) {
		const all = [...ctx.store.data.tasks.values()];
		const page = Math.max(1, intParam(ctx.params.get('page'), 1));
		return ok({
			Page: page,
			TotalCount: all.length,
			Data: paginate(all, ctx.params, 100).map((t) => serializeTask(ctx.store, t)),
		});
	},
};

const createTask: Route = {
	method: 'POST',
	requestType: 'tasks',
	scopes: TEAM,
	handle(ctx) {
		const task = newTask(0, ctx.now);
		const result = applyTaskFields(ctx.store, ctx.params, task, ctx.now);
		if (typeof result === 'string') return errors.successFalse(result);
		task.TaskID = ctx.store.nextId('task');
		ctx.store.data.tasks.set(task.TaskID, task);
		ctx.emit({ type: 'taskCreate', ids: [task.TaskID] });
		return ok({ success: true, TaskID: task.TaskID }, true);
	},
};

const updateTask: Route = {
	method: 'PUT',
	requestType: 'tasks',
	scopes: TEAM,
	handle(ctx) {
		const id = parseId(ctx.params.get('TaskID'));
		const task = id === undefined ? undefined : ctx.store.data.tasks.get(id);
		if (!task) return errors.successFalse(`TaskID ${ctx.params.get('TaskID') ?? ''} not found`);
		// Validate on a copy so a rejected update changes nothing.
		const draft = { ...task };
		const result = applyTaskFields(ctx.store, ctx.params, draft, ctx.now);
		if (typeof result === 'string') return errors.successFalse(result);
		Object.assign(task, draft, { modifiedMs: Math.max(ctx.now, task.modifiedMs + 1) });
		// taskUpdateComplete when the update only marked the task complete.
		const onlyCompleted =
			result.length > 0 &&
			result.every((f) => f === 'completed' || f === 'completedMs') &&
			task.completed;
		ctx.emit({
			type: 'taskUpdate',
			subtype: onlyCompleted ? 'taskUpdateComplete' : undefined,
			ids: [task.TaskID],
		});
		return ok({ success: true, TaskID: task.TaskID }, true);
	},
};

/**
 * DELETE is documented as requestType `webhooks` + `TaskID` (dispatched from the webhooks route under
 * deleteReading `asPrinted`, and from `DELETE tasks` under `resource`). The docs print no response; the
 * body mirrors tasks POST/PUT (`{"success": true, "TaskID": 123}`, sandbox choice).
 */
export function deleteTask(ctx: RequestContext): Reply {
	const id = parseId(ctx.params.get('TaskID'));
	if (id === undefined || !ctx.store.data.tasks.delete(id)) {
		return errors.successFalse(`TaskID ${ctx.params.get('TaskID') ?? ''} not found`);
	}
	ctx.emit({ type: 'taskDelete', ids: [id] });
	return ok({ success: true, TaskID: id });
}

/** `DELETE tasks` + `TaskID`: exists only under deleteReading `resource` (the docs print `webhooks`). */
const deleteTaskRoute: Route = {
	method: 'DELETE',
	requestType: 'tasks',
	available: (settings) => settings.deleteReading === 'resource',
	scopes: TEAM,
	handle: deleteTask,
};

export const taskRoutes: Route[] = [listTasks, createTask, updateTask, deleteTaskRoute];
