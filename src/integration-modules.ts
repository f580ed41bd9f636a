/**
 * The modules of a configured integration (Slack, Discord, BullMQ) are imported on first use.
 * When they cannot be loaded (an install without them, a broken node_modules), the error names
 * the setting that asked for them (`undefined`: a dry run's rendering did) and the way out, not
 * only the bare "Cannot find package".
 */
export async function loadIntegration<T>(name: string, setting: string | undefined, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const cause = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    // Without a setting, a dry run asked for the platform's renderer.
    const why = setting ? `${name} is configured (${setting}) but its modules` : `A dry run renders for ${name}, but its modules`;
    throw new Error(`${why} could not be loaded: ${cause}. Reinstall the dependencies (npm ci)${setting ? `, or unset ${setting}` : ''}.`, { cause: err });
  }
}
