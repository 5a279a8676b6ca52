// The one way the nodes talk to Wise Agent: the request helper, paging, and the API procedures
// that the action node and both triggers share.
export * from './request';
export * from './api';
export * from './concurrency';
export * from './webhookEvents';
export * from './changes';
