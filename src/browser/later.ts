/**
 * Runs `task` in a later task of background priority where the browser has a scheduler (Chrome, Edge, Firefox),
 * so that the tag's bulk work (visiting a catalog's markup, handling a scroll's sightings) waits behind the
 * page's own work and the SDK's first event; elsewhere in a plain later task.
 */
const scheduler = (globalThis as { scheduler?: { postTask?(task: () => void, options: { priority: string }): Promise<unknown> } }).scheduler

export function later(task: () => void): void {
  if (scheduler?.postTask) void scheduler.postTask(task, { priority: 'background' }).catch(() => undefined)
  else setTimeout(task, 0)
}
