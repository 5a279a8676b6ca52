import { resources } from '../../nodes/WiseAgent/actions/resources';
import { WiseAgent } from '../../nodes/WiseAgent/WiseAgent.node';

/** The credential's Scope field points to the scope each operation needs: the node shows it. */
const properties = new WiseAgent().description.properties;

function noticeOf(resource: string, operation: string): string[] {
	return properties
		.filter(
			(property) =>
				property.name === 'scopeNotice' &&
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation),
		)
		.map((property) => property.displayName);
}

const operations = Object.entries(resources).flatMap(([resource, { operations }]) =>
	Object.entries(operations).map(([operation, definition]) => ({
		resource,
		operation,
		definition,
	})),
);

describe('scope notice', () => {
	it.each(operations.map((entry) => [`${entry.resource} → ${entry.operation}`, entry]))(
		'%s shows the scopes it needs, once, above its fields',
		(_label, { resource, operation, definition }) => {
			const notices = noticeOf(resource, operation);
			expect(notices).toHaveLength(1);
			const scopes = Array.isArray(definition.scopes) ? definition.scopes : definition.scopes.anyOf;
			expect(scopes.length).toBeGreaterThan(0);
			for (const scope of scopes) expect(notices[0]).toContain(scope);
			const own = properties.filter(
				(property) =>
					property.displayOptions?.show?.resource?.includes(resource) &&
					property.displayOptions?.show?.operation?.includes(operation),
			);
			expect(own[0].name).toBe('scopeNotice');
		},
	);

	it('says "and" when every scope is needed, "or" when any one is enough', () => {
		expect(noticeOf('contact', 'get')).toEqual([
			"The Wise Agent credential's Scope must include contacts",
		]);
		expect(noticeOf('property', 'connectContact')).toEqual([
			"The Wise Agent credential's Scope must include properties and contacts",
		]);
		expect(noticeOf('transaction', 'attachFile')).toEqual([
			"The Wise Agent credential's Scope must include marketing or contacts",
		]);
	});
});
