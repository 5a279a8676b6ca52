import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';
import { WiseAgentPollTrigger } from '../../nodes/WiseAgentPollTrigger/WiseAgentPollTrigger.node';
import { WiseAgentTrigger } from '../../nodes/WiseAgentTrigger/WiseAgentTrigger.node';

/**
 * Saved workflows store resource and operation values, parameter names, option values and
 * defaults. This snapshot was taken before the structure change; any difference breaks workflows
 * that users already saved. One deliberate change since: searchProfile.zip became text (a number
 * field loses a zip's leading zero); a saved 5-digit number still works, a 4-digit one is rejected.
 * Added since (nothing removed or renamed): each operation's scope notice (scopeNotice, a notice,
 * never saved) and Simplify on Task, Call and Property → Get / Get Many (default on).
 * Moved on purpose (1.0): Contact → Create or Update's Email and Mobile Phone, from Additional
 * Fields to the top (the fields it matches by); a 0.x workflow that set them there fails its
 * items with "Email: Create or Update needs an Email or a Mobile Phone…" (n8n drops collection
 * values the node no longer lists), never matches without them.
 * Regenerate only on purpose: UPDATE_SAVED_PARAMETERS=1 npx jest savedParameters && npx prettier --write test/structure/savedParameters.snapshot.json
 */
const SNAPSHOT = path.join(__dirname, 'savedParameters.snapshot.json');

type Shown = Record<string, unknown[] | undefined>;

function describeParameter(property: INodeProperties, prefix = ''): string[] {
	const name = `${prefix}${property.name}`;
	const optionValues = (property.options ?? [])
		.filter((option) => 'value' in option)
		.map((option) => JSON.stringify((option as { value: unknown }).value));
	const own = `${name}:${property.type}=${JSON.stringify(property.default)}${
		optionValues.length ? ` [${optionValues.join(',')}]` : ''
	}`;
	const nested = (property.options ?? []).flatMap((option) => {
		if ('values' in option && Array.isArray(option.values)) {
			return option.values.flatMap((value) =>
				describeParameter(value as INodeProperties, `${name}.${option.name}.`),
			);
		}
		if ('type' in option && 'name' in option && !('value' in option)) {
			return describeParameter(option as INodeProperties, `${name}.`);
		}
		return [];
	});
	return [own, ...nested];
}

function applies(shown: Shown | undefined, key: string, value: string): boolean {
	const allowed = shown?.[key];
	return allowed === undefined || allowed.includes(value);
}

function actionNodeParameters(description: INodeTypeDescription): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	const resourceProperty = description.properties.find((p) => p.name === 'resource')!;
	for (const resourceOption of resourceProperty.options as Array<{ value: string }>) {
		const resource = resourceOption.value;
		const operationProperty = description.properties.find(
			(p) => p.name === 'operation' && applies(p.displayOptions?.show, 'resource', resource),
		)!;
		for (const operationOption of operationProperty.options as Array<{ value: string }>) {
			const operation = operationOption.value;
			result[`${resource}.${operation}`] = description.properties
				.filter((p) => p.name !== 'resource' && p.name !== 'operation')
				.filter(
					(p) =>
						applies(p.displayOptions?.show, 'resource', resource) &&
						applies(p.displayOptions?.show, 'operation', operation),
				)
				.flatMap((p) => describeParameter(p))
				.sort();
		}
	}
	return result;
}

function currentSnapshot() {
	const trigger = new WiseAgentTrigger().description;
	const poll = new WiseAgentPollTrigger().description;
	return {
		wiseAgent: actionNodeParameters(new WiseAgent().description),
		wiseAgentTrigger: trigger.properties.flatMap((p) => describeParameter(p)).sort(),
		wiseAgentPollTrigger: poll.properties.flatMap((p) => describeParameter(p)).sort(),
	};
}

describe('saved parameters', () => {
	it('are exactly the ones saved workflows already hold', () => {
		const current = currentSnapshot();
		if (process.env.UPDATE_SAVED_PARAMETERS === '1') {
			writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, '\t')}\n`);
		}
		expect(current).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
	});
});
