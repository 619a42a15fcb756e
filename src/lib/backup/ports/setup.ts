/**
 * One line of an init report: what was checked and what was done about it. Init's config half and the storage
 * adapters' bucket setup both report in these lines, so the port module owns the shape.
 */
export interface SetupItem {
  item: string;
  status: 'created' | 'updated' | 'already set' | 'could not set' | 'skipped';
  detail?: string;
}
