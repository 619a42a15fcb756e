/** Alerting policy: one message per incident, and one when it resolves. */
export * from './incidents';
export { createMemoryIncidentState } from './memory-incident-state';
export * from '../../ports/incidents';
