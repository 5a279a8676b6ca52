import { accountRoutes } from './account';
import { calendarRoutes } from './calendar';
import { callRoutes } from './calls';
import { categoryRoutes } from './categories';
import type { Route } from './common';
import { contactRoutes } from './contacts';
import { contentRoutes } from './content';
import { marketingRoutes } from './marketing';
import { noteRoutes } from './notes';
import { propertyRoutes } from './properties';
import { taskRoutes } from './tasks';
import { webhookRoutes } from './webhooks';

export const ALL_ROUTES: Route[] = [
	...accountRoutes,
	...contactRoutes,
	...noteRoutes,
	...taskRoutes,
	...callRoutes,
	...categoryRoutes,
	...propertyRoutes,
	...marketingRoutes,
	...contentRoutes,
	...calendarRoutes,
	...webhookRoutes,
];

/** `GET getContacts` → route. requestType values are matched exactly (case-sensitive: `Content` vs `content`). */
export function buildRouteTable(): Map<string, Route> {
	const table = new Map<string, Route>();
	for (const route of ALL_ROUTES) {
		const key = `${route.method} ${route.requestType}`;
		if (table.has(key)) throw new Error(`Duplicate route ${key}`);
		table.set(key, route);
	}
	return table;
}
