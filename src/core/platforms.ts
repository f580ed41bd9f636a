/** The platforms paperboy delivers to, declared once: every other list of them derives from these. */

/** Chat platforms: people subscribe there, and their ids look like `slack:C0123ABCD`. */
export const CHAT_PLATFORMS = ['slack', 'discord'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/** Where a digest can go: a chat platform, or the console (the embedded default). */
export const TARGET_PLATFORMS = [...CHAT_PLATFORMS, 'console'] as const;
export type TargetPlatform = (typeof TARGET_PLATFORMS)[number];

export function isChatPlatform(value: string): value is ChatPlatform {
  return (CHAT_PLATFORMS as readonly string[]).includes(value);
}
