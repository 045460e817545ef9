import type { Viewer } from './access.js';
import type { Author } from './types.js';

/** The staff member acting, as history entries and messages name them. */
export function actorOf(viewer: Viewer): Author {
  return { type: 'staff', id: viewer.staffId, name: viewer.name };
}
