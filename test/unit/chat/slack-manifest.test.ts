import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// The manifest is pasted into Slack by hand; keep it in step with what the app listens to.
it('declares the command, events, scopes and URLs the Slack app uses', () => {
  const manifest = readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8');
  expect(manifest).toMatch(/- command: \/papers\n/);
  expect(manifest).toMatch(/should_escape: false/);
  expect(manifest).toMatch(/bot_events:\n\s+- app_home_opened/);
  expect(manifest).toMatch(/home_tab_enabled: true/);
  for (const scope of ['commands', 'chat:write', 'users:read', 'im:write']) expect(manifest).toMatch(new RegExp(`- ${scope}\\s`));
  const urls = [...manifest.matchAll(/(?:request_url|url): (\S+)/g)].map((m) => m[1]);
  expect(urls.length).toBe(3);
  for (const url of urls) expect(new URL(url!).pathname).toBe('/slack/events');
});
