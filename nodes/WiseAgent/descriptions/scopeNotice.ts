import type { INodeProperties } from 'n8n-workflow';

/**
 * The OAuth scopes a request type needs, as Wise Agent documents them ("Required OAuth scopes"):
 * all of the listed ones, or with `anyOf` any one of them ("'marketing' or 'contacts'").
 */
export type OperationScopes = string[] | { anyOf: string[] };

function scopeList(scopes: OperationScopes): string {
	const [names, joiner] = Array.isArray(scopes) ? [scopes, 'and'] : [scopes.anyOf, 'or'];
	return names.length < 2
		? names.join('')
		: `${names.slice(0, -1).join(', ')} ${joiner} ${names[names.length - 1]}`;
}

/**
 * The notice at the top of an operation that says which scopes its credential must hold: the
 * credential's Scope field points here, and a missing scope makes Wise Agent refuse the request.
 */
export function scopeNotice(scopes: OperationScopes): INodeProperties {
	return {
		displayName: `The Wise Agent credential's Scope must include ${scopeList(scopes)}`,
		name: 'scopeNotice',
		type: 'notice',
		default: '',
	};
}
