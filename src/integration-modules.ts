/**
 * The modules of a configured integration (Slack, Discord, BullMQ) are imported on first use.
 * When they cannot be loaded (an install without them, a broken node_modules), the error names
 * the setting that asked for them and the way out, not only the bare "Cannot find package".
 */
export async function loadIntegration<T>(name: string, setting: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const cause = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new Error(`${name} is configured (${setting}) but its modules could not be loaded: ${cause}. Reinstall the dependencies (npm ci), or unset ${setting}.`, { cause: err });
  }
}
