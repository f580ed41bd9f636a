/**
 * A configured integration whose modules cannot be loaded says which setting asked for them and
 * how to get out, instead of the bare module-resolution error.
 */
import { describe, expect, it } from 'vitest';
import { loadIntegration } from '../../../src/integration-modules.js';

describe('loadIntegration', () => {
  it('returns what loaded', async () => {
    await expect(loadIntegration('Slack', 'SLACK_BOT_TOKEN', async () => ({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it('names the setting and the fix when the modules are missing, and keeps the cause', async () => {
    const missing = 'paperboy-no-such-package-' + 'x';
    const err = await loadIntegration('Discord', 'DISCORD_TOKEN', () => import(missing)).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^Discord is configured \(DISCORD_TOKEN\) but its modules could not be loaded: .*paperboy-no-such-package-x/);
    expect(err.message).toContain('npm ci');
    expect(err.message).toContain('unset DISCORD_TOKEN');
    expect((err.cause as Error).message).toContain('paperboy-no-such-package-x');
  });

  it('a dry run rendering for an unconfigured platform says so, with no setting to unset', async () => {
    const err = await loadIntegration('Slack', undefined, () => import('paperboy-no-such-package-' + 'y')).catch((e: unknown) => e as Error);
    expect(err.message).toMatch(/^A dry run renders for Slack, but its modules could not be loaded: .*paperboy-no-such-package-y.*Reinstall the dependencies \(npm ci\)\.$/);
    expect(err.message).not.toContain('configured');
  });
});
