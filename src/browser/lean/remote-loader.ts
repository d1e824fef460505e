/**
 * Replaces analytics-next's plugins/remote-loader where the SDK starts (browser/index.ts). Action destinations
 * only exist in settings fetched with `data-remote-settings`; without any (`remotePlugins` empty or absent) the
 * real loader returns no plugins, so it is loaded, lazily, only when there are some.
 */
import type { remoteLoader as load } from 'analytics-next:plugins/remote-loader'

export const remoteLoader: typeof load = async (settings, ...rest) => {
  if (!settings.remotePlugins?.length) return []
  const real = await import('analytics-next:plugins/remote-loader')
  return real.remoteLoader(settings, ...rest)
}
